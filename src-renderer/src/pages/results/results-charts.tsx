import { useMemo } from 'react';

import type { RunResults } from '@contract/runs';
import { BarsWithCI, GroupedBars, Heatmap, WorldChoropleth, formatValue } from '../../charts';
import { formatNumber, formatPercentChange } from '../../components/format';

type GroupMean = RunResults['aggregates']['byCountry'][number];

/** Normal-approximation 95 % interval of a group mean (the paired bootstrap intervals are in the table below). */
function interval(group: GroupMean): { lo: number | null; hi: number | null } {
  if (group.mean === null || group.sd === null || group.n < 2) return { lo: null, hi: null };
  const half = (1.96 * group.sd) / Math.sqrt(group.n);
  return { lo: group.mean - half, hi: group.mean + half };
}

const detail = (group: GroupMean) =>
  `n = ${group.n}${group.nExcluded > 0 ? `, ${group.nExcluded} excluded (low coverage)` : ''}`;

export function ResultsCharts({
  results,
  condition,
  model,
}: {
  results: RunResults;
  condition: string;
  model: string;
}) {
  const { aggregates } = results;
  const ofSelection = (group: GroupMean) => group.key.condition === condition && group.key.model === model;

  const countryValues = useMemo(
    () =>
      aggregates.byCountry
        .filter(ofSelection)
        .map((group) => ({ code: String(group.key.country), value: group.mean, detail: detail(group) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when the inputs that define ofSelection change
    [aggregates, condition, model],
  );
  const changeValues = useMemo(
    () =>
      aggregates.percentChangeByCountry
        .filter((row) => row.condition === condition && row.key.model === model)
        .map((row) => ({
          code: String(row.key.country),
          value: row.change.ok ? row.change.value : null,
          detail: `T ${formatNumber(row.baselineMean)} → ${condition} ${formatNumber(row.cueMean)}`,
        })),
    [aggregates, condition, model],
  );
  const heatCells = useMemo(
    () =>
      aggregates.byTopicCountry
        .filter((group) => group.key.condition === condition && group.key.model === model)
        .map((group) => ({
          row: String(group.key.topic),
          column: String(group.key.country),
          value: group.mean,
          detail: detail(group),
        })),
    [aggregates, condition, model],
  );
  const conditionBars = useMemo(
    () =>
      aggregates.byCountry
        .filter((group) => group.key.model === model)
        .map((group) => ({
          facet: String(group.key.country),
          category: String(group.key.condition),
          value: group.mean,
          ...interval(group),
          detail: detail(group),
        })),
    [aggregates, model],
  );
  const incomeBars = useMemo(
    () =>
      aggregates.byIncomeGroup
        .filter((group) => group.key.condition === condition && group.key.model === model)
        .map((group) => ({
          group: String(group.key.incomeGroup),
          value: group.mean,
          ...interval(group),
          detail: `${group.nGroups} topic × country means`,
        })),
    [aggregates, condition, model],
  );

  return (
    <div className="results-grid">
      <WorldChoropleth
        title={`Mean similarity to the human answers, condition ${condition}`}
        subtitle="1 − Jensen–Shannon distance per country; 1 means the model answers exactly like the people of that country"
        data={countryValues}
        valueLabel="Mean similarity"
        format={formatValue}
      />
      {condition !== 'T' && (
        <WorldChoropleth
          title={`Change against the text persona (T → ${condition})`}
          subtitle="Percentage change of the mean similarity when the cue is added; blue: closer to the humans"
          data={changeValues}
          valueLabel="% change vs T"
          scheme="diverging"
          format={(value) => formatPercentChange(value)}
          emptyMessage="This run has no T condition to compare with."
        />
      )}
      <Heatmap
        title="Similarity by topic and country"
        subtitle={`Condition ${condition}; darker is closer to the human answers`}
        cells={heatCells}
        rowLabel="Topic"
        columnLabel="Country"
        valueLabel="Mean similarity"
      />
      <GroupedBars
        title="Conditions side by side"
        subtitle="Mean similarity per country and condition, with 95 % intervals (normal approximation)"
        data={conditionBars}
        facetLabel="Country"
        categoryLabel="Condition"
        valueLabel="Mean similarity"
      />
      <BarsWithCI
        title="By World Bank income group"
        subtitle={`Condition ${condition}: mean of the topic × country means in each group`}
        data={incomeBars}
        groupLabel="Income group"
        valueLabel="Mean similarity"
        emptyMessage="Import the World Bank income classification to see income groups."
      />
    </div>
  );
}

export function PairedTable({ results, model }: { results: RunResults; model: string }) {
  const rows = results.aggregates.pairedVsText.flatMap((entry) =>
    entry.results
      .filter((result) => result.key.model === model)
      .map((result) => ({ cue: entry.cue, result })),
  );
  if (rows.length === 0) return null;
  return (
    <article className="card wide">
      <h2>Does the cue change alignment? (paired on question and country, against T)</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Condition</th>
            <th scope="col">Pairs</th>
            <th scope="col">Mean T</th>
            <th scope="col">Mean with cue</th>
            <th scope="col">Difference</th>
            <th scope="col">95 % bootstrap interval</th>
            <th scope="col">p (sign-flip)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ cue, result }) => (
            <tr key={cue}>
              <td>{cue}</td>
              <td>{result.nPairs}</td>
              <td>{formatNumber(result.meanBaseline)}</td>
              <td>{formatNumber(result.meanCue)}</td>
              <td>{formatNumber(result.meanDifference, 4)}</td>
              <td>
                {result.interval === null
                  ? '—'
                  : `${formatNumber(result.interval.lower, 4)} … ${formatNumber(result.interval.upper, 4)}`}
              </td>
              <td>{result.test === null ? '—' : formatNumber(result.test.pCorrected, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Rows are not independent (the same question across countries), so treat small p-values with care.
      </p>
    </article>
  );
}
