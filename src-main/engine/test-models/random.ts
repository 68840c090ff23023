import { createRandom } from '../../domain/stats/prng';

const TWO_POW_32 = 4294967296;

/**
 * Standard normal draws from a seeded mulberry32 stream (Box–Muller, both values of each pair used), so the
 * same seed always gives the same weights and therefore byte-identical model files.
 */
export function createGaussian(seed: number): () => number {
  const uniform = createRandom(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u1 = 1 - uniform(); // (0, 1], so the logarithm is finite
    const angle = 2 * Math.PI * uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** Raw 32-bit words from the same generator, for the fast fills of large tensors. */
export function createUint32Source(seed: number): () => number {
  const uniform = createRandom(seed);
  // mulberry32 divides its 32-bit output by 2^32, so multiplying back is exact.
  return () => uniform() * TWO_POW_32;
}

/** Derives an independent seed for a sub-stream (murmur3's finaliser), so streams never overlap. */
export function deriveSeed(seed: number, stream: number): number {
  let h = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
