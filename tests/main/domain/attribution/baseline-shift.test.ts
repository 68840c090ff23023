import { describe, expect, it } from 'vitest';

import { baselineShift } from '../../../../src-main/domain/attribution/baseline-shift';
import type { ValueSample } from '../../../../src-main/domain/attribution/sensitivity';

const sample = (setId: string, context: string, values: string[], refusal = false): ValueSample => ({
  setId,
  valuesType: 'moral',
  model: 'm',
  context,
  values,
  refusal,
});

describe('shift from the person alone', () => {
  it('is 1 − Jaccard against the person-only values per set, averaged over sets; refusals left out', () => {
    const rows = baselineShift([
      sample('s1', 'person-only', ['faith']),
      sample('s1', 'person-only', ['honesty']), // samples are unioned: {faith, honesty}
      sample('s1', 'Muslim', ['faith', 'modesty']), // 1 − 1/3
      sample('s2', 'person-only', ['family']),
      sample('s2', 'Muslim', ['family']), // 1 − 1
      sample('s2', 'Christian', ['charity'], true), // refused: no pair
      sample('s3', 'Christian', ['charity']), // no baseline in s3: no pair
    ]);
    expect(rows).toEqual([
      {
        model: 'm',
        valuesType: 'moral',
        context: 'Muslim',
        sets: 2,
        shift: expect.closeTo(1 / 3, 12) as unknown,
      },
    ]);
  });
});
