import { AppError } from '../errors';
import { mean, quantileOfSorted } from './descriptive';
import { assertSeed, createRandom, randomInt } from './prng';

export const DEFAULT_RESAMPLES = 10_000;

export interface BootstrapOptions {
  /** Number of resamples; 10,000 by default. */
  resamples?: number;
  seed: number;
  /** Confidence level of the two-sided interval, 0.95 by default. */
  level?: number;
}

export interface BootstrapInterval {
  /** The statistic on the original sample. */
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  resamples: number;
  seed: number;
  /** Values (or pairs) resampled. */
  n: number;
  method: 'percentile';
}

function checkOptions(options: BootstrapOptions): { resamples: number; level: number } {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const level = options.level ?? 0.95;
  if (!Number.isSafeInteger(resamples) || resamples < 1) {
    throw new AppError(
      'invalid_input',
      `The number of resamples must be a positive whole number, got ${resamples}.`,
    );
  }
  if (!(level > 0 && level < 1)) {
    throw new AppError(
      'invalid_input',
      `The confidence level must lie strictly between 0 and 1, got ${level}.`,
    );
  }
  assertSeed(options.seed);
  return { resamples, level };
}

/**
 * Percentile bootstrap confidence interval of the mean: resample with replacement, take the
 * α/2 and 1 − α/2 type-7 quantiles of the resampled means.
 */
export function bootstrapMeanInterval(
  values: readonly number[],
  options: BootstrapOptions,
): BootstrapInterval {
  const { resamples, level } = checkOptions(options);
  const estimate = mean(values);
  const n = values.length;
  const random = createRandom(options.seed);
  const means = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += values[randomInt(random, n)] as number;
    means[r] = total / n;
  }
  means.sort((x, y) => x - y);
  const alpha = 1 - level;
  return {
    estimate,
    lower: quantileOfSorted(means, alpha / 2),
    upper: quantileOfSorted(means, 1 - alpha / 2),
    level,
    resamples,
    seed: options.seed,
    n,
    method: 'percentile',
  };
}

/**
 * Paired percentile bootstrap of mean(cue − baseline): whole pairs are resampled, which keeps the
 * pairing (same model, country, question) that an unpaired bootstrap would throw away.
 */
export function pairedBootstrapMeanDifference(
  cue: readonly number[],
  baseline: readonly number[],
  options: BootstrapOptions,
): BootstrapInterval {
  if (cue.length !== baseline.length) {
    throw new AppError(
      'invalid_input',
      `Paired bootstrap needs equal lengths, got ${cue.length} and ${baseline.length}.`,
    );
  }
  return bootstrapMeanInterval(
    cue.map((value, i) => value - (baseline[i] as number)),
    options,
  );
}
