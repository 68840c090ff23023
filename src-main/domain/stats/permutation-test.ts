import { AppError } from '../errors';
import { sum } from './descriptive';
import { assertSeed, createRandom, randomInt } from './prng';

export const DEFAULT_SHUFFLES = 10_000;

export interface PermutationTestOptions {
  /** Number of random relabellings; 10,000 by default, as in the study. */
  shuffles?: number;
  seed: number;
}

export interface PermutationTestResult {
  /** The observed statistic: mean(a) − mean(b) (unpaired) or mean of the paired differences. */
  observed: number;
  /** Shuffles whose |statistic| reached |observed|. */
  exceedances: number;
  shuffles: number;
  /** k / n, as the authors report it; can be exactly 0. */
  p: number;
  /** (k + 1) / (n + 1): never 0, the estimate to prefer when reporting. */
  pCorrected: number;
  seed: number;
  nA: number;
  nB: number;
}

/*
 * Relabelled statistics that equal the observed one mathematically can differ from it in the last bits
 * because the sums run in another order; without this slack, identical groups would not give p = 1.
 */
const RELATIVE_TOLERANCE = 1e-9;

function reaches(statistic: number, observed: number): boolean {
  const target = Math.abs(observed);
  return Math.abs(statistic) >= target - RELATIVE_TOLERANCE * Math.max(1, target);
}

function checkOptions(options: PermutationTestOptions): number {
  const shuffles = options.shuffles ?? DEFAULT_SHUFFLES;
  if (!Number.isSafeInteger(shuffles) || shuffles < 1) {
    throw new AppError(
      'invalid_input',
      `The number of shuffles must be a positive whole number, got ${shuffles}.`,
    );
  }
  assertSeed(options.seed);
  return shuffles;
}

function checkFinite(values: readonly number[], name: string): void {
  if (values.length === 0) throw new AppError('invalid_input', `Permutation test: group ${name} is empty.`);
  if (values.some((v) => !Number.isFinite(v))) {
    throw new AppError('invalid_input', `Permutation test: group ${name} has a non-finite value.`);
  }
}

/**
 * Two-sided permutation test for a difference of means between two independent groups
 * (the study's "image vs text" significance test): pool both groups, relabel at random `shuffles`
 * times, and count relabellings with |mean(a′) − mean(b′)| ≥ |mean(a) − mean(b)|.
 *
 * Rows that share a question or a duplicated text-only answer are not independent; the p-value then
 * overstates the evidence. Prefer {@link signFlipTest} on paired differences when pairs exist.
 */
export function permutationTestMeanDifference(
  a: readonly number[],
  b: readonly number[],
  options: PermutationTestOptions,
): PermutationTestResult {
  const shuffles = checkOptions(options);
  checkFinite(a, 'a');
  checkFinite(b, 'b');
  const pool = [...a, ...b];
  const total = sum(pool);
  const nA = a.length;
  const nB = b.length;
  const statistic = (sumA: number) => sumA / nA - (total - sumA) / nB;
  const observed = statistic(sum(a));
  const random = createRandom(options.seed);
  let exceedances = 0;
  for (let s = 0; s < shuffles; s++) {
    // A partial Fisher–Yates over the first nA slots draws a uniform random subset for group a.
    let sumA = 0;
    for (let i = 0; i < nA; i++) {
      const j = i + randomInt(random, pool.length - i);
      const picked = pool[j] as number;
      pool[j] = pool[i] as number;
      pool[i] = picked;
      sumA += picked;
    }
    if (reaches(statistic(sumA), observed)) exceedances++;
  }
  return result(observed, exceedances, shuffles, options.seed, nA, nB);
}

/**
 * Two-sided paired permutation test (random sign flips of the differences) for H0: the mean paired
 * difference is zero. `differences[i]` is cue − baseline for pair i.
 */
export function signFlipTest(
  differences: readonly number[],
  options: PermutationTestOptions,
): PermutationTestResult {
  const shuffles = checkOptions(options);
  checkFinite(differences, 'differences');
  const n = differences.length;
  const observed = sum(differences) / n;
  const random = createRandom(options.seed);
  let exceedances = 0;
  for (let s = 0; s < shuffles; s++) {
    let total = 0;
    for (const d of differences) total += random() < 0.5 ? -d : d;
    if (reaches(total / n, observed)) exceedances++;
  }
  return result(observed, exceedances, shuffles, options.seed, n, n);
}

function result(
  observed: number,
  exceedances: number,
  shuffles: number,
  seed: number,
  nA: number,
  nB: number,
): PermutationTestResult {
  return {
    observed,
    exceedances,
    shuffles,
    p: exceedances / shuffles,
    pCorrected: (exceedances + 1) / (shuffles + 1),
    seed,
    nA,
    nB,
  };
}
