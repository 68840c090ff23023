import { success } from '../../stats/outcome';
import { type MetricResult, normalisePair } from './metric-result';

/** Index of the largest entry; the first one wins a tie, as numpy.argmax. */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/**
 * Majority-answer agreement: 1 when the model's most likely option is the humans' most common answer,
 * else 0. Averaged over rows it is the majority-answer accuracy. Ties go to the earlier option on both
 * sides (numpy.argmax), so exactly tied human distributions favour the first listed option.
 */
export function majorityAgreement(human: readonly number[], model: readonly number[]): MetricResult {
  const pair = normalisePair(human, model);
  if (!pair.ok) return pair;
  return success(argmax(pair.value.p) === argmax(pair.value.q) ? 1 : 0);
}
