import { type Outcome, failure, success } from '../../stats/outcome';
import { type MetricFailure, type MetricResult } from '../metrics/metric-result';
import { jensenShannonSimilarity } from '../metrics/jensen-shannon';
import {
  type DistributionAggregateOptions,
  type DistributionRow,
  type PreparedDistributions,
  prepareDistributions,
} from './distribution-rows';
import { type KeyValue, groupBy } from './rows';

export interface MarginalSimilarity {
  key: Record<string, KeyValue>;
  /** 1 − JSD(average predicted, average human). */
  similarity: MetricResult;
  averagePredicted: number[] | null;
  averageHuman: number[] | null;
  n: number;
  nExcluded: number;
}

function average(distributions: readonly (readonly number[])[]): Outcome<number[], MetricFailure> {
  const first = distributions[0];
  if (!first) return failure('empty', 'No included rows in this group.');
  if (distributions.some((d) => d.length !== first.length)) {
    return failure('length-mismatch', 'Rows of this group have different numbers of options.');
  }
  return success(
    first.map(
      (_, i) => distributions.reduce((total, d) => total + (d[i] as number), 0) / distributions.length,
    ),
  );
}

/**
 * Population-level similarity: per group (e.g. ['questionId', 'condition', 'model']) average the
 * normalised predicted and human distributions over the included rows, then take 1 − JSD of the
 * averages. Each row is normalised first, so percent and fraction inputs weigh the same.
 */
export function marginalSimilarities(
  rows: readonly DistributionRow[],
  keys: readonly string[],
  options: DistributionAggregateOptions = {},
): MarginalSimilarity[] {
  return groupBy(rows, keys, (row) => row).map(({ key, items }) => {
    const prepared = items
      .map((row) => prepareDistributions(row, options))
      .filter((p): p is PreparedDistributions => p !== null);
    const counts = { n: prepared.length, nExcluded: items.length - prepared.length };
    const predicted = average(prepared.map((p) => p.predicted));
    const human = average(prepared.map((p) => p.human));
    if (!predicted.ok)
      return { key, similarity: predicted, averagePredicted: null, averageHuman: null, ...counts };
    if (!human.ok) return { key, similarity: human, averagePredicted: null, averageHuman: null, ...counts };
    return {
      key,
      similarity: jensenShannonSimilarity(human.value, predicted.value),
      averagePredicted: predicted.value,
      averageHuman: human.value,
      ...counts,
    };
  });
}
