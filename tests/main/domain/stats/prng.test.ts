import { describe, expect, it } from 'vitest';
import { createRandom, randomInt, shuffleInPlace } from '../../../../src-main/domain/stats/prng';

const draw = (seed: number, n: number) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random());
};

describe('seeded PRNG (mulberry32)', () => {
  it('repeats the same stream for the same seed and differs for another seed', () => {
    expect(draw(42, 50)).toEqual(draw(42, 50));
    expect(draw(42, 50)).not.toEqual(draw(43, 50));
  });

  it('draws in [0, 1) with a mean near 1/2', () => {
    const values = draw(7, 20_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('draws every integer of a small range', () => {
    const random = createRandom(1);
    const seen = new Set(Array.from({ length: 200 }, () => randomInt(random, 5)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('shuffles reproducibly into a permutation', () => {
    const a = shuffleInPlace([0, 1, 2, 3, 4, 5, 6, 7], createRandom(9));
    const b = shuffleInPlace([0, 1, 2, 3, 4, 5, 6, 7], createRandom(9));
    expect(a).toEqual(b);
    expect([...a].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(a).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects a non-integer seed', () => {
    expect(() => createRandom(1.5)).toThrow(/whole number/);
  });
});
