import { success } from '../../stats/outcome';
import { type MetricResult, normalisePair } from './metric-result';

/**
 * Hellinger distance H = √(1 − Σ √(p_i q_i)) = ‖√p − √q‖₂ / √2, after normalising both sides.
 * Range [0, 1]; 1 means disjoint support.
 */
export function hellingerDistance(human: readonly number[], model: readonly number[]): MetricResult {
  const pair = normalisePair(human, model);
  if (!pair.ok) return pair;
  const { p, q } = pair.value;
  let bhattacharyya = 0;
  for (let i = 0; i < p.length; i++) bhattacharyya += Math.sqrt((p[i] as number) * (q[i] as number));
  // Rounding can push the coefficient a hair above 1 for identical inputs.
  return success(Math.sqrt(Math.max(0, 1 - bhattacharyya)));
}
