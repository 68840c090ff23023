import { normalise, selectByMask } from '../distributions';
import { type InclusionOptions } from './rows';

/** A row that keeps both distributions, for aggregates that cannot work from the similarity alone. */
export interface DistributionRow {
  /** The model's option probabilities, in original option order. */
  readonly predicted: readonly number[];
  /** The human answer distribution (percent or fractions), same order. */
  readonly human: readonly number[];
  readonly coverage?: number;
  /** Numeric value of each option for expected values; option positions by default. */
  readonly scale?: readonly number[];
  /** true for substantive options; used when an aggregate asks for substantive options only. */
  readonly substantive?: readonly boolean[];
  readonly [field: string]: unknown;
}

export interface DistributionAggregateOptions extends InclusionOptions {
  /** Drop the options whose `substantive` entry is false and renormalise both sides. */
  substantiveOnly?: boolean;
}

export interface PreparedDistributions {
  predicted: number[];
  human: number[];
  scale: number[] | undefined;
}

/**
 * Both distributions normalised (over the substantive options when asked), or null when the row is
 * excluded: zero or too low coverage, mismatched lengths, or zero mass on either side.
 */
export function prepareDistributions(
  row: DistributionRow,
  options: DistributionAggregateOptions,
): PreparedDistributions | null {
  if (row.coverage !== undefined && !(row.coverage > 0 && row.coverage >= (options.minCoverage ?? 0)))
    return null;
  if (row.predicted.length !== row.human.length) return null;
  const keep = options.substantiveOnly && row.substantive ? row.substantive : row.predicted.map(() => true);
  if (keep.length !== row.predicted.length) return null;
  if (row.scale && row.scale.length !== row.predicted.length) return null;
  const predicted = normalise(selectByMask(row.predicted, keep));
  const human = normalise(selectByMask(row.human, keep));
  if (!predicted.ok || !human.ok) return null;
  return {
    predicted: predicted.value,
    human: human.value,
    scale: row.scale && selectByMask(row.scale, keep),
  };
}
