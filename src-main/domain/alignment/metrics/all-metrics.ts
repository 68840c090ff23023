import { expectedValueDistance } from './expected-value';
import { hellingerDistance } from './hellinger';
import { jensenShannonDistance, jensenShannonSimilarity } from './jensen-shannon';
import { majorityAgreement } from './majority';
import { type DistributionMetric, type MetricResult } from './metric-result';
import { restrictToSubstantive } from './substantive';
import { wassersteinOrdinal } from './wasserstein';

export const ALIGNMENT_METRICS = {
  jsSimilarity: jensenShannonSimilarity,
  jsDistance: jensenShannonDistance,
  wasserstein: wassersteinOrdinal,
  hellinger: hellingerDistance,
  majorityAgreement,
  expectedValueDistance,
} as const satisfies Record<string, DistributionMetric>;

export type AlignmentMetricName = keyof typeof ALIGNMENT_METRICS;

export type AlignmentMetrics = Record<AlignmentMetricName, MetricResult>;

export interface AlignmentMetricOptions {
  /** Numeric value of each option for the ordinal metrics; option positions by default. */
  scale?: readonly number[];
  /** When given, every metric is computed over the true entries only, both sides renormalised. */
  substantive?: readonly boolean[];
}

/** Every alignment metric for one (human, model) pair; each result carries its own failure reason. */
export function computeAlignmentMetrics(
  human: readonly number[],
  model: readonly number[],
  options: AlignmentMetricOptions = {},
): AlignmentMetrics {
  const { substantive, scale } = options;
  const entries = Object.entries(ALIGNMENT_METRICS).map(([name, metric]) => {
    const applied = substantive ? restrictToSubstantive(metric, substantive) : metric;
    return [name, applied(human, model, scale)] as const;
  });
  return Object.fromEntries(entries) as AlignmentMetrics; // fromEntries loses the key type; the keys are exactly those of ALIGNMENT_METRICS.
}
