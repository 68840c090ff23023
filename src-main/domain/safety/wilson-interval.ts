import { AppError } from '../errors';

/** z for a two-sided 95 % interval (the 0.975 quantile of the standard normal). */
export const Z_95 = 1.959963984540054;

export interface ProportionInterval {
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a binomial proportion k / n. Chosen over the normal (Wald) interval because the
 * study's rates sit near 0 % or 100 % for some groups and its groups are small (a country may have a dozen
 * items); Wilson stays inside [0, 1] and keeps close to its nominal coverage there. Null when n is 0.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): ProportionInterval | null {
  if (!Number.isSafeInteger(successes) || !Number.isSafeInteger(n) || successes < 0 || successes > n) {
    throw new AppError(
      'invalid_input',
      `Wilson interval needs whole numbers 0 ≤ k ≤ n, got k=${successes}, n=${n}.`,
    );
  }
  if (!(z > 0) || !Number.isFinite(z))
    throw new AppError('invalid_input', `Wilson interval needs z > 0, got ${z}.`);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Clamp: at k = 0 or k = n the bound equals 0 or 1 mathematically but can miss it by one ulp.
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
