import { AppError } from '../errors';
import { type Outcome, failure, success } from './outcome';

export type CorrelationFailure = 'length-mismatch' | 'too-few-values' | 'constant-input' | 'invalid-value';

/** Ranks from 1, tied values sharing the mean of the ranks they span ("average" ranks, as SciPy). */
export function averageRanks(values: readonly number[]): number[] {
  if (values.some((v) => Number.isNaN(v))) throw new AppError('invalid_input', 'Cannot rank NaN.');
  const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && (order[end + 1] as { value: number }).value === order[start]?.value)
      end++;
    const shared = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[(order[i] as { index: number }).index] = shared;
    start = end + 1;
  }
  return ranks;
}

/** Pearson product-moment correlation; flagged when either side is constant. */
export function pearson(x: readonly number[], y: readonly number[]): Outcome<number, CorrelationFailure> {
  if (x.length !== y.length) return failure('length-mismatch', `Got ${x.length} and ${y.length} values.`);
  if (x.length < 2)
    return failure('too-few-values', `A correlation needs at least 2 pairs, got ${x.length}.`);
  if ([...x, ...y].some((v) => !Number.isFinite(v)))
    return failure('invalid-value', 'A value is not finite.');
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0)
    return failure('constant-input', 'One side is constant, so the correlation is undefined.');
  // Rounding can push |r| a hair above 1.
  return success(Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))));
}

/** Spearman's rank correlation with ties: Pearson correlation of average ranks (scipy.stats.spearmanr). */
export function spearman(x: readonly number[], y: readonly number[]): Outcome<number, CorrelationFailure> {
  if (x.length !== y.length) return failure('length-mismatch', `Got ${x.length} and ${y.length} values.`);
  if ([...x, ...y].some((v) => !Number.isFinite(v)))
    return failure('invalid-value', 'A value is not finite.');
  return pearson(averageRanks(x), averageRanks(y));
}
