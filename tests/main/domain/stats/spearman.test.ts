import { describe, expect, it } from 'vitest';
import { averageRanks, pearson, spearman } from '../../../../src-main/domain/stats/spearman';

describe('averageRanks', () => {
  it('gives tied values the mean of their ranks', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([3, 1, 3, 3])).toEqual([3, 1, 3, 3]);
  });
});

describe('spearman', () => {
  it('matches a hand-computed value with ties (4.5 / √22.5)', () => {
    const rho = spearman([1, 2, 2, 3], [1, 3, 2, 4]);
    expect(rho.ok && rho.value).toBeCloseTo(0.9486833, 6);
  });

  it('is 1 for monotone and −1 for reversed data', () => {
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10_000])).toEqual({ ok: true, value: 1 });
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toEqual({ ok: true, value: -1 });
  });

  it('flags constant input and too few values instead of returning NaN', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toMatchObject({ ok: false, reason: 'constant-input' });
    expect(spearman([1], [1])).toMatchObject({ ok: false, reason: 'too-few-values' });
    expect(pearson([1, 2], [1])).toMatchObject({ ok: false, reason: 'length-mismatch' });
  });
});
