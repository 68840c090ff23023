import { describe, expect, it } from 'vitest';
import { jensenShannonSimilarity } from '../../../../../src-main/domain/alignment/metrics/jensen-shannon';
import { restrictToSubstantive } from '../../../../../src-main/domain/alignment/metrics/substantive';
import { wassersteinOrdinal } from '../../../../../src-main/domain/alignment/metrics/wasserstein';

describe('metrics over substantive options only', () => {
  const mask = [true, true, false];

  it('renormalises both sides over the kept options', () => {
    // Without the "Don't know" column both sides are [0.5, 0.5]: identical.
    const substantive = restrictToSubstantive(jensenShannonSimilarity, mask);
    expect(substantive([40, 40, 20], [0.1, 0.1, 0.8])).toEqual({ ok: true, value: 1 });
    const all = jensenShannonSimilarity([40, 40, 20], [0.1, 0.1, 0.8]);
    expect(all.ok && all.value).toBeLessThan(0.7);
  });

  it('cuts the scale to the kept options', () => {
    const w1 = restrictToSubstantive(wassersteinOrdinal, [true, false, true]);
    expect(w1([1, 5, 0], [0, 5, 1], [1, 2, 3])).toEqual({ ok: true, value: 1 });
  });

  it('flags a model whose mass is all on non-substantive options', () => {
    const substantive = restrictToSubstantive(jensenShannonSimilarity, mask);
    expect(substantive([50, 50, 0], [0, 0, 1])).toMatchObject({ ok: false, reason: 'zero-mass' });
  });
});
