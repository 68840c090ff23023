import { failure, success } from '../../stats/outcome';
import { type MetricResult, normalisePair, resolveScale } from './metric-result';

/**
 * Wasserstein-1 (earth mover's) distance between two distributions on an ordinal scale, divided by the
 * scale's range so it lies in [0, 1]. With the default scale (option positions 0 … k − 1) this is
 * Σ |F_h − F_m| / (k − 1), where F are the cumulative distributions.
 *
 * `scale` must be increasing, because option order is the ordinal order.
 */
export function wassersteinOrdinal(
  human: readonly number[],
  model: readonly number[],
  scale?: readonly number[],
): MetricResult {
  const pair = normalisePair(human, model);
  if (!pair.ok) return pair;
  const { p, q } = pair.value;
  const k = p.length;
  if (k < 2) return failure('too-few-options', 'An ordinal distance needs at least 2 options.');
  const resolved = resolveScale(k, scale);
  if (!resolved.ok) return resolved;
  const x = resolved.value;
  for (let i = 1; i < k; i++) {
    if (!((x[i] as number) > (x[i - 1] as number))) {
      return failure('degenerate-scale', 'Scale values must increase strictly with option order.');
    }
  }
  let cumulativeGap = 0;
  let distance = 0;
  for (let i = 0; i < k - 1; i++) {
    cumulativeGap += (p[i] as number) - (q[i] as number);
    distance += Math.abs(cumulativeGap) * ((x[i + 1] as number) - (x[i] as number));
  }
  const range = (x[k - 1] as number) - (x[0] as number);
  return success(Math.min(1, distance / range));
}
