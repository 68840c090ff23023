import { AppError } from '../errors';

/*
 * Descriptive statistics. Each function states its precondition and throws `invalid_input` when it is
 * broken, because an empty group reaching these helpers is a bug in the caller: aggregates check their
 * counts first and report empty groups explicitly.
 */

function assertValues(values: readonly number[], minLength: number, what: string): void {
  if (values.length < minLength) {
    throw new AppError(
      'invalid_input',
      `${what} needs at least ${minLength} value(s), got ${values.length}.`,
    );
  }
  for (const value of values) {
    if (!Number.isFinite(value))
      throw new AppError('invalid_input', `${what} got a non-finite value (${value}).`);
  }
}

/** Sum with Neumaier compensation, so long columns of similarities do not drift. */
export function sum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const value of values) {
    const next = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return total + compensation;
}

export function mean(values: readonly number[]): number {
  assertValues(values, 1, 'mean');
  return sum(values) / values.length;
}

/** Weighted mean; weights must be non-negative with a positive total. */
export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  assertValues(values, 1, 'weightedMean');
  assertValues(weights, values.length, 'weightedMean weights');
  if (weights.length !== values.length) {
    throw new AppError(
      'invalid_input',
      `weightedMean got ${values.length} values but ${weights.length} weights.`,
    );
  }
  if (weights.some((w) => w < 0)) throw new AppError('invalid_input', 'weightedMean got a negative weight.');
  const totalWeight = sum(weights);
  if (totalWeight <= 0) throw new AppError('invalid_input', 'weightedMean weights sum to zero.');
  return sum(values.map((v, i) => v * (weights[i] as number))) / totalWeight;
}

/** Sample variance (denominator n − 1), as pandas' default. Needs two values. */
export function sampleVariance(values: readonly number[]): number {
  assertValues(values, 2, 'sampleVariance');
  const m = mean(values);
  return sum(values.map((v) => (v - m) ** 2)) / (values.length - 1);
}

/** Sample standard deviation (denominator n − 1). Needs two values. */
export function sampleSd(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values));
}

/**
 * Quantile by linear interpolation between order statistics (Hyndman–Fan type 7), the default of
 * numpy.quantile, pandas and R, so results can be checked against those tools.
 */
export function quantile(values: readonly number[], q: number): number {
  return quantiles(values, [q])[0] as number;
}

/** Several type-7 quantiles with one sort. */
export function quantiles(values: readonly number[], qs: readonly number[]): number[] {
  assertValues(values, 1, 'quantile');
  for (const q of qs) {
    if (!(q >= 0 && q <= 1)) throw new AppError('invalid_input', `A quantile must lie in [0, 1], got ${q}.`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  return qs.map((q) => quantileOfSorted(sorted, q));
}

/** Type-7 quantile of an already ascending, non-empty array. */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lowerIndex = Math.floor(position);
  const lower = sorted[lowerIndex] as number;
  const upper = sorted[Math.min(lowerIndex + 1, sorted.length - 1)] as number;
  return lower + (position - lowerIndex) * (upper - lower);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
