import { describe, expect, it } from 'vitest';
import {
  bootstrapMeanInterval,
  pairedBootstrapMeanDifference,
} from '../../../../src-main/domain/stats/bootstrap';

const zeroToNinetyNine = Array.from({ length: 100 }, (_, i) => i);

describe('bootstrapMeanInterval', () => {
  it('is reproducible with a seed', () => {
    const first = bootstrapMeanInterval(zeroToNinetyNine, { seed: 21 });
    expect(bootstrapMeanInterval(zeroToNinetyNine, { seed: 21 })).toEqual(first);
    expect(bootstrapMeanInterval(zeroToNinetyNine, { seed: 22 }).lower).not.toBe(first.lower);
    expect(first).toMatchObject({ estimate: 49.5, level: 0.95, resamples: 10_000, seed: 21, n: 100 });
  });

  it('is close to the normal-theory interval for 0…99 (49.5 ± 1.96·2.90)', () => {
    const { lower, upper } = bootstrapMeanInterval(zeroToNinetyNine, { seed: 5 });
    expect(Math.abs(lower - 43.81)).toBeLessThan(0.7);
    expect(Math.abs(upper - 55.19)).toBeLessThan(0.7);
  });

  it('collapses to the value for a constant sample and spans 0…1 for [0, 1]', () => {
    expect(bootstrapMeanInterval([2, 2, 2], { seed: 1, resamples: 500 })).toMatchObject({
      lower: 2,
      upper: 2,
    });
    expect(bootstrapMeanInterval([0, 1], { seed: 1, resamples: 2000 })).toMatchObject({ lower: 0, upper: 1 });
  });
});

describe('pairedBootstrapMeanDifference', () => {
  it('keeps pairs: a constant shift gives a zero-width interval at the shift', () => {
    const baseline = [0.2, 0.9, 0.4, 0.6, 0.1];
    const cue = baseline.map((v) => v + 0.25);
    const result = pairedBootstrapMeanDifference(cue, baseline, { seed: 3, resamples: 1000 });
    expect(result.estimate).toBeCloseTo(0.25, 12);
    expect(result.lower).toBeCloseTo(0.25, 12);
    expect(result.upper).toBeCloseTo(0.25, 12);
  });

  it('rejects unequal lengths', () => {
    expect(() => pairedBootstrapMeanDifference([1, 2], [1], { seed: 1 })).toThrow(/equal lengths/);
  });
});
