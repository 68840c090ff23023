import { success } from '../../stats/outcome';
import { type MetricResult, normalisePair } from './metric-result';

/** Σ p ln(p / m), with 0 · ln 0 = 0 (as scipy.special.rel_entr). */
function relativeEntropy(p: readonly number[], m: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] as number;
    if (pi > 0) total += pi * Math.log(pi / (m[i] as number));
  }
  return total;
}

/**
 * Jensen–Shannon divergence in nats (natural log), after normalising both sides.
 * Range [0, ln 2].
 */
export function jensenShannonDivergence(human: readonly number[], model: readonly number[]): MetricResult {
  const pair = normalisePair(human, model);
  if (!pair.ok) return pair;
  const { p, q } = pair.value;
  const m = p.map((pi, i) => (pi + (q[i] as number)) / 2);
  // Rounding can leave a tiny negative value for near-identical inputs; the divergence is never negative.
  return success(Math.max(0, (relativeEntropy(p, m) + relativeEntropy(q, m)) / 2));
}

/**
 * Jensen–Shannon distance: the square root of the divergence in nats. Matches
 * `scipy.spatial.distance.jensenshannon(h, m)` with its default base (natural log). Range [0, √ln 2].
 */
export function jensenShannonDistance(human: readonly number[], model: readonly number[]): MetricResult {
  const divergence = jensenShannonDivergence(human, model);
  return divergence.ok ? success(Math.sqrt(divergence.value)) : divergence;
}

/** The study's alignment score S = 1 − JS distance. Range [1 − √ln 2 ≈ 0.167445, 1]. */
export function jensenShannonSimilarity(human: readonly number[], model: readonly number[]): MetricResult {
  const distance = jensenShannonDistance(human, model);
  return distance.ok ? success(1 - distance.value) : distance;
}
