import { useMemo } from 'react';

import type { WindowApi } from '@contract';
import { BarsWithCI, GroupedBars, saveCsv, type CsvTable } from '../../charts';
import { formatNumber } from '../../components/format';

export interface RunRef {
  id: number;
  name: string;
}

/** What runs.compare returns (the contract names the type only through the method). */
type RunComparison = Awaited<ReturnType<WindowApi['runs']['compare']>>;
type Row = RunComparison['byCondition'][number];

/** The mean over all matched items: each condition's mean weighted by its pairs. */
function overall(rows: readonly Row[], pick: (row: Row) => number | null): number | null {
  const used = rows.filter((row) => pick(row) !== null && row.pairs > 0);
  const pairs = used.reduce((total, row) => total + row.pairs, 0);
  return pairs === 0
    ? null
    : used.reduce((total, row) => total + (pick(row) as number) * row.pairs, 0) / pairs;
}

function comparisonCsv(comparison: RunComparison, a: RunRef, b: RunRef): CsvTable {
  return {
    columns: [
      'run_a',
      'run_b',
      'condition',
      'pairs',
      'mean_a',
      'mean_b',
      'mean_difference_b_minus_a',
      'ci_lower',
      'ci_upper',
      'ci_level',
      'p_sign_flip_corrected',
    ],
    rows: comparison.byCondition.map((row) => [
      a.id,
      b.id,
      row.condition,
      row.pairs,
      row.meanA,
      row.meanB,
      row.meanDifference,
      row.interval?.lower,
      row.interval?.upper,
      row.interval?.level,
      row.test?.pCorrected,
    ]),
  };
}

/** Two runs on the items they share: per-condition means, the paired difference, its interval and test. */
export function ComparisonView({ comparison, a, b }: { comparison: RunComparison; a: RunRef; b: RunRef }) {
  const rows = comparison.byCondition;
  const labelA = `Run #${a.id}`;
  const labelB = `Run #${b.id}`;
  const means = useMemo(
    () =>
      rows.flatMap((row) => [
        { facet: row.condition, category: labelA, value: row.meanA, detail: `${row.pairs} pairs` },
        { facet: row.condition, category: labelB, value: row.meanB, detail: `${row.pairs} pairs` },
      ]),
    [rows, labelA, labelB],
  );
  const differences = useMemo(
    () =>
      rows.map((row) => ({
        group: row.condition,
        value: row.meanDifference,
        lo: row.interval?.lower ?? null,
        hi: row.interval?.upper ?? null,
        detail: `${row.pairs} pairs`,
      })),
    [rows],
  );
  const meanA = overall(rows, (row) => row.meanA);
  const meanB = overall(rows, (row) => row.meanB);

  return (
    <>
      <p role="status">
        {comparison.matched} items matched on condition, country, image, question and option order (
        {comparison.onlyInA} only in #{a.id}, {comparison.onlyInB} only in #{b.id}). Mean similarity over the
        matched items: #{a.id} {a.name} {formatNumber(meanA)}, #{b.id} {b.name} {formatNumber(meanB)},
        difference {formatNumber(meanA === null || meanB === null ? null : meanB - meanA, 4)}.
      </p>
      {comparison.matched === 0 ? (
        <p className="muted">
          The two runs share no scored item, so there is nothing to compare: they need the same questions,
          countries, conditions and images.
        </p>
      ) : (
        <>
          <table className="data-table" aria-label="Run comparison">
            <thead>
              <tr>
                <th scope="col">Condition</th>
                <th scope="col">Pairs</th>
                <th scope="col">Mean #{a.id}</th>
                <th scope="col">Mean #{b.id}</th>
                <th scope="col">
                  Difference (#{b.id} − #{a.id})
                </th>
                <th scope="col">95 % bootstrap interval</th>
                <th scope="col">p (sign-flip)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.condition}>
                  <td>{row.condition}</td>
                  <td>{row.pairs}</td>
                  <td>{formatNumber(row.meanA)}</td>
                  <td>{formatNumber(row.meanB)}</td>
                  <td>{formatNumber(row.meanDifference, 4)}</td>
                  <td>
                    {row.interval === null
                      ? '—'
                      : `${formatNumber(row.interval.lower, 4)} … ${formatNumber(row.interval.upper, 4)}`}
                  </td>
                  <td>{row.test === null ? '—' : formatNumber(row.test.pCorrected, 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button
              type="button"
              onClick={() => saveCsv(comparisonCsv(comparison, a, b), `run-${a.id}-vs-run-${b.id}.csv`)}
            >
              Export comparison as CSV
            </button>
            <span className="muted">
              Pairs share a question across countries, so treat small p-values with care.
            </span>
          </div>
          <div className="results-grid">
            <GroupedBars
              title="Mean similarity of both runs"
              subtitle="Per condition, over the items both runs scored"
              data={means}
              facetLabel="Condition"
              categoryLabel="Run"
              valueLabel="Mean similarity"
            />
            <BarsWithCI
              title={`Difference #${b.id} − #${a.id}`}
              subtitle={`Mean paired difference per condition, with the 95 % bootstrap interval; above 0: run #${b.id} is closer to the humans`}
              data={differences}
              groupLabel="Condition"
              valueLabel="Difference in similarity"
            />
          </div>
        </>
      )}
    </>
  );
}
