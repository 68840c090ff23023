import { AppError } from '../errors';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * Seeded PRNG: mulberry32 (a public-domain 32-bit generator by Tommy Ettinger).
 *
 * Why this one: one 32-bit word of state, a few integer operations per draw, identical output on every
 * JavaScript engine, and a period of 2^32, which is ample for 10,000-shuffle permutation tests and
 * bootstrap resampling. It is not cryptographic and must never be used for secrets.
 *
 * The seed must be an integer; it is reduced modulo 2^32, so seeds that differ by a multiple of 2^32
 * give the same stream.
 */
export function createRandom(seed: number): Random {
  assertSeed(seed);
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform integer in [0, n). Uses floor(u·n): the bias is below n / 2^32, negligible for the
 * array sizes resampled here (a few hundred thousand at most).
 */
export function randomInt(random: Random, n: number): number {
  return Math.floor(random() * n);
}

/** Fisher–Yates shuffle of `items` in place. */
export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

export function assertSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new AppError('invalid_input', `A random seed must be a whole number, got ${seed}.`);
  }
}
