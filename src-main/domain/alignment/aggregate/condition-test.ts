import { type PermutationTestResult, permutationTestMeanDifference } from '../../stats/permutation-test';
import {
  type AlignmentRow,
  type InclusionOptions,
  type KeyValue,
  groupBy,
  isIncluded,
  keyValue,
} from './rows';

export interface ConditionTestOptions extends InclusionOptions {
  baseline: string;
  cue: string;
  conditionField?: string;
  seed: number;
  shuffles?: number;
}

export interface ConditionTest {
  key: Record<string, KeyValue>;
  nBaseline: number;
  nCue: number;
  nExcludedBaseline: number;
  nExcludedCue: number;
  /** null when either condition has no included rows in the group. */
  test: PermutationTestResult | null;
}

/**
 * The study's significance test, as the authors ran it: within each group (e.g. ['topic', 'model']),
 * pool the row similarities of the cue and baseline conditions and run an unpaired permutation test on
 * mean(cue) − mean(baseline). Rows are not independent, so treat small p-values with care.
 */
export function conditionDifferenceTests(
  rows: readonly AlignmentRow[],
  groupFields: readonly string[],
  options: ConditionTestOptions,
): ConditionTest[] {
  const conditionField = options.conditionField ?? 'condition';
  return groupBy(rows, groupFields, (row) => row).map(({ key, items }) => {
    const cueRows = items.filter((row) => keyValue(row, conditionField) === options.cue);
    const baselineRows = items.filter((row) => keyValue(row, conditionField) === options.baseline);
    const cue = cueRows.filter((row) => isIncluded(row, options)).map((row) => row.similarity as number);
    const baseline = baselineRows
      .filter((row) => isIncluded(row, options))
      .map((row) => row.similarity as number);
    return {
      key,
      nBaseline: baseline.length,
      nCue: cue.length,
      nExcludedBaseline: baselineRows.length - baseline.length,
      nExcludedCue: cueRows.length - cue.length,
      test:
        cue.length === 0 || baseline.length === 0
          ? null
          : permutationTestMeanDifference(cue, baseline, { seed: options.seed, shuffles: options.shuffles }),
    };
  });
}
