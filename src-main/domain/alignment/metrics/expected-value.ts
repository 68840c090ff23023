import { type Outcome, failure, success } from '../../stats/outcome';
import { normalise } from '../distributions';
import { type MetricFailure, type MetricResult, normalisePair, resolveScale } from './metric-result';

/**
 * Expected answer value Σ p_i x_i of one distribution on an ordinal scale (option positions
 * 0 … k − 1 unless `scale` is given, e.g. the survey's codes 1 … 4).
 */
export function expectedValue(distribution: readonly number[], scale?: readonly number[]): MetricResult {
  const p = normalise(distribution);
  if (!p.ok) return p;
  const resolved = resolveScale(p.value.length, scale);
  if (!resolved.ok) return resolved;
  const x = resolved.value;
  return success(p.value.reduce((total, pi, i) => total + pi * (x[i] as number), 0));
}

function scaleRange(scale: readonly number[]): Outcome<number, MetricFailure> {
  const range = Math.max(...scale) - Math.min(...scale);
  return range > 0
    ? success(range)
    : failure('degenerate-scale', 'All scale values are equal, so the range is zero.');
}

/** |E_h − E_m| divided by the scale's range, so it lies in [0, 1]. */
export function expectedValueDistance(
  human: readonly number[],
  model: readonly number[],
  scale?: readonly number[],
): MetricResult {
  const pair = normalisePair(human, model);
  if (!pair.ok) return pair;
  if (pair.value.p.length < 2)
    return failure('too-few-options', 'An expected-value distance needs at least 2 options.');
  const resolved = resolveScale(pair.value.p.length, scale);
  if (!resolved.ok) return resolved;
  const range = scaleRange(resolved.value);
  if (!range.ok) return range;
  const eh = expectedValue(pair.value.p, resolved.value);
  const em = expectedValue(pair.value.q, resolved.value);
  if (!eh.ok) return eh;
  if (!em.ok) return em;
  return success(Math.abs(eh.value - em.value) / range.value);
}
