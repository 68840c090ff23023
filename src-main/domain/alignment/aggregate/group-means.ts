import { mean, sampleSd, weightedMean } from '../../stats/descriptive';
import { type AlignmentRow, type InclusionOptions, type KeyValue, groupBy, isIncluded } from './rows';

export interface GroupMean {
  key: Record<string, KeyValue>;
  /** Mean similarity of the included rows; null when none was included. */
  mean: number | null;
  /** Sample sd of the included rows (unweighted); null below 2 rows. */
  sd: number | null;
  /** Rows included in the mean. */
  n: number;
  /** Rows left out: no similarity, zero coverage or coverage below the minimum. */
  nExcluded: number;
  /** Sub-groups averaged, for means of means (1 for a plain group of rows). */
  nGroups: number;
  weighted: boolean;
}

export interface GroupMeanOptions extends InclusionOptions {
  /**
   * Row weight. Reproducing the authors' country means needs T rows weighted by the country's image
   * count (they duplicated text-only rows per image); leave unset for the product's unweighted means.
   */
  weight?: (row: AlignmentRow) => number;
}

/** Mean similarity by arbitrary group keys, e.g. ['country', 'condition', 'model']. */
export function groupMeans(
  rows: readonly AlignmentRow[],
  keys: readonly string[],
  options: GroupMeanOptions = {},
): GroupMean[] {
  return groupBy(rows, keys, (row) => row).map(({ key, items }) => {
    const included = items.filter((row) => isIncluded(row, options));
    const values = included.map((row) => row.similarity as number); // isIncluded guarantees a finite number.
    const weights = options.weight ? included.map(options.weight) : undefined;
    return {
      key,
      mean: values.length === 0 ? null : weights ? weightedMean(values, weights) : mean(values),
      sd: values.length < 2 ? null : sampleSd(values),
      n: included.length,
      nExcluded: items.length - included.length,
      nGroups: 1,
      weighted: weights !== undefined,
    };
  });
}

/**
 * Means of group means with equal weight per sub-group, e.g. income-group means as the mean of the
 * topic × country means of the group's countries. The keys must be fields of the sub-groups' keys.
 * Sub-groups without a mean are skipped in the mean but their row counts are still summed.
 */
export function meansOfGroupMeans(groups: readonly GroupMean[], keys: readonly string[]): GroupMean[] {
  return groupBy(groups, keys, (group) => group.key).map(({ key, items }) => {
    const means = items.map((group) => group.mean).filter((m): m is number => m !== null);
    return {
      key,
      mean: means.length === 0 ? null : mean(means),
      sd: means.length < 2 ? null : sampleSd(means),
      n: items.reduce((total, group) => total + group.n, 0),
      nExcluded: items.reduce((total, group) => total + group.nExcluded, 0),
      nGroups: means.length,
      weighted: items.some((group) => group.weighted),
    };
  });
}
