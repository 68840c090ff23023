import { pairedBootstrapMeanDifference, type BootstrapInterval } from '../stats/bootstrap';
import { mean } from '../stats/descriptive';
import { signFlipTest, type PermutationTestResult } from '../stats/permutation-test';
import type { AnalysedItem } from './run-aggregates';

export interface RunComparisonRow {
  condition: string;
  pairs: number;
  meanA: number | null;
  meanB: number | null;
  /** mean(B − A) over items matched on condition, country, image and question. */
  meanDifference: number | null;
  interval: BootstrapInterval | null;
  test: PermutationTestResult | null;
}

export interface RunComparison {
  matched: number;
  onlyInA: number;
  onlyInB: number;
  byCondition: RunComparisonRow[];
}

const matchKey = (item: AnalysedItem) =>
  [
    item.condition,
    item.country,
    item.imageCountry ?? '-',
    item.imageId ?? '-',
    item.questionId,
    item.orderIndex,
  ].join('|');

/** Compares two runs (two models, two quantisations…) on the items they share, per condition. */
export function compareRuns(
  a: readonly AnalysedItem[],
  b: readonly AnalysedItem[],
  seed: number,
): RunComparison {
  const scored = (items: readonly AnalysedItem[]) =>
    new Map(
      items
        .filter((item) => item.similarity !== null && item.coverage > 0)
        .map((item) => [matchKey(item), item]),
    );
  const left = scored(a);
  const right = scored(b);
  const pairs = [...left].flatMap(([key, item]) => {
    const other = right.get(key);
    return other === undefined
      ? []
      : [{ condition: item.condition, a: item.similarity as number, b: other.similarity as number }];
  });
  const conditions = [...new Set(pairs.map((pair) => pair.condition))].sort();
  return {
    matched: pairs.length,
    onlyInA: left.size - pairs.length,
    onlyInB: right.size - pairs.length,
    byCondition: conditions.map((condition) => {
      const subset = pairs.filter((pair) => pair.condition === condition);
      const as = subset.map((pair) => pair.a);
      const bs = subset.map((pair) => pair.b);
      const enough = subset.length >= 2;
      return {
        condition,
        pairs: subset.length,
        meanA: subset.length > 0 ? mean(as) : null,
        meanB: subset.length > 0 ? mean(bs) : null,
        meanDifference: subset.length > 0 ? mean(bs) - mean(as) : null,
        interval: enough ? pairedBootstrapMeanDifference(bs, as, { seed }) : null,
        test: enough
          ? signFlipTest(
              bs.map((value, index) => value - (as[index] as number)),
              { seed },
            )
          : null,
      };
    }),
  };
}
