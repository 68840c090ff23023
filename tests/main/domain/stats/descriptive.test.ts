import { describe, expect, it } from 'vitest';
import {
  mean,
  median,
  quantile,
  quantiles,
  sampleSd,
  sampleVariance,
  sum,
  weightedMean,
} from '../../../../src-main/domain/stats/descriptive';

describe('descriptive statistics', () => {
  it('sums without drifting on many small values', () => {
    expect(sum(new Array<number>(10).fill(0.1))).toBe(1);
    expect(sum([1e16, 1, -1e16])).toBe(1);
  });

  it('computes mean, sample variance and sd (n − 1)', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleVariance([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(32 / 7, 12);
    expect(sampleSd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });

  it('computes a weighted mean', () => {
    expect(weightedMean([1, 3], [3, 1])).toBe(1.5);
    expect(() => weightedMean([1], [0])).toThrow(/sum to zero/);
  });

  it('uses type-7 (numpy default) quantiles', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantiles([4, 1, 3, 2], [0, 0.5, 1])).toEqual([1, 2.5, 4]);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 3, 2, 4])).toBe(2.5);
  });

  it('refuses empty input instead of returning NaN', () => {
    expect(() => mean([])).toThrow(/at least 1/);
    expect(() => sampleSd([1])).toThrow(/at least 2/);
    expect(() => quantile([1], 1.5)).toThrow(/\[0, 1\]/);
    expect(() => mean([1, Number.NaN])).toThrow(/non-finite/);
  });
});
