import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../src-main/domain/stats/prng';
import {
  permutationTestMeanDifference,
  signFlipTest,
} from '../../../../src-main/domain/stats/permutation-test';

describe('permutationTestMeanDifference', () => {
  it('is reproducible with a seed and reports seed and shuffles', () => {
    const random = createRandom(3);
    const a = Array.from({ length: 40 }, () => random());
    const b = Array.from({ length: 30 }, () => random() + 0.1);
    const first = permutationTestMeanDifference(a, b, { seed: 11 });
    expect(permutationTestMeanDifference(a, b, { seed: 11 })).toEqual(first);
    expect(first.shuffles).toBe(10_000);
    expect(first.seed).toBe(11);
    expect(first.nA).toBe(40);
    expect(first.nB).toBe(30);
    expect(first.pCorrected).toBe((first.exceedances + 1) / 10_001);
  });

  it('gives p = 1 for identical groups', () => {
    const result = permutationTestMeanDifference([0.5, 0.6, 0.7], [0.5, 0.6, 0.7], {
      seed: 1,
      shuffles: 2000,
    });
    expect(result.observed).toBe(0);
    expect(result.p).toBe(1);
  });

  it('matches the exact p of a small case (2 of 20 splits are as extreme)', () => {
    const result = permutationTestMeanDifference([1, 2, 3], [4, 5, 6], { seed: 5 });
    expect(result.observed).toBe(-3);
    expect(Math.abs(result.p - 0.1)).toBeLessThan(0.015);
  });

  it('gives a tiny p for clearly different groups', () => {
    const a = Array.from({ length: 30 }, (_, i) => 0.8 + i * 0.001);
    const b = Array.from({ length: 30 }, (_, i) => 0.5 + i * 0.001);
    const result = permutationTestMeanDifference(a, b, { seed: 2 });
    expect(result.observed).toBeCloseTo(0.3, 12);
    expect(result.p).toBe(0);
    expect(result.pCorrected).toBeCloseTo(1 / 10_001, 12);
  });

  it('rejects an empty group', () => {
    expect(() => permutationTestMeanDifference([], [1], { seed: 1 })).toThrow(/empty/);
  });
});

describe('signFlipTest', () => {
  it('matches the exact p for four equal differences (2 of 16 sign patterns)', () => {
    const result = signFlipTest([1, 1, 1, 1], { seed: 8 });
    expect(result.observed).toBe(1);
    expect(Math.abs(result.p - 0.125)).toBeLessThan(0.015);
  });

  it('is reproducible and gives p = 1 for zero differences', () => {
    expect(signFlipTest([0.1, -0.2, 0.3], { seed: 4 })).toEqual(signFlipTest([0.1, -0.2, 0.3], { seed: 4 }));
    expect(signFlipTest([0, 0, 0], { seed: 4, shuffles: 100 }).p).toBe(1);
  });
});
