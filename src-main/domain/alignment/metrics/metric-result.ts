import { type Outcome, failure, success } from '../../stats/outcome';
import { type DistributionFailure, normalise } from '../distributions';

export type MetricFailure = DistributionFailure | 'too-few-options' | 'degenerate-scale';

/** A metric value, or why the pair of distributions could not be scored. */
export type MetricResult = Outcome<number, MetricFailure>;

/**
 * A metric comparing a human and a model distribution over the same options.
 * `scale` gives the numeric value of each option for the ordinal metrics; the others ignore it.
 */
export type DistributionMetric = (
  human: readonly number[],
  model: readonly number[],
  scale?: readonly number[],
) => MetricResult;

export interface NormalisedPair {
  p: number[];
  q: number[];
}

/** Checks lengths and normalises both sides, naming which side failed. */
export function normalisePair(
  human: readonly number[],
  model: readonly number[],
): Outcome<NormalisedPair, MetricFailure> {
  if (human.length !== model.length) {
    return failure('length-mismatch', `Human has ${human.length} options, model has ${model.length}.`);
  }
  const p = normalise(human);
  if (!p.ok) return failure(p.reason, `Human distribution: ${p.message}`);
  const q = normalise(model);
  if (!q.ok) return failure(q.reason, `Model distribution: ${q.message}`);
  return success({ p: p.value, q: q.value });
}

/** The default ordinal scale: option positions 0, 1, …, k − 1. */
export function positionScale(k: number): number[] {
  return Array.from({ length: k }, (_, i) => i);
}

/**
 * The scale to use for k options: `scale` when given (it must have k finite entries and a non-zero
 * range), otherwise option positions.
 */
export function resolveScale(
  k: number,
  scale?: readonly number[],
): Outcome<readonly number[], MetricFailure> {
  if (!scale) return success(positionScale(k));
  if (scale.length !== k)
    return failure('length-mismatch', `The scale has ${scale.length} values for ${k} options.`);
  if (scale.some((v) => !Number.isFinite(v))) return failure('invalid-value', 'A scale value is not finite.');
  return success(scale);
}
