import { describe, expect, it } from 'vitest';
import { conditionDifferenceTests } from '../../../../../src-main/domain/alignment/aggregate/condition-test';
import { ROWS } from './fixture';

describe('conditionDifferenceTests (authors’ unpaired test)', () => {
  it('tests mean(I) − mean(T) per group with counts', () => {
    const [group] = conditionDifferenceTests(ROWS, ['topic', 'model'], {
      baseline: 'T',
      cue: 'I',
      seed: 3,
      shuffles: 2000,
    });
    expect(group).toMatchObject({ nBaseline: 5, nCue: 6, nExcludedCue: 1, nExcludedBaseline: 0 });
    expect(group!.test!.observed).toBeCloseTo(3.8 / 6 - 3.0 / 5, 12);
    expect(group!.test!.shuffles).toBe(2000);
  });
});
