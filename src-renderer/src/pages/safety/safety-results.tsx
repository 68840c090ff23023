import { useState } from 'react';

import type { SafetyResults } from '@contract/safety';
import { errorMessage, getApi } from '../../api';
import { GroupedBars, type GroupedBarDatum } from '../../charts';
import { ErrorBox } from '../../components/page';

const METRICS = ['awareness', 'education', 'compliance', 'helpfulness'] as const;
type Group = SafetyResults['overall'][number];

const percent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`);

function bars(groups: readonly Group[], facetOf: (group: Group) => string): GroupedBarDatum[] {
  return groups.flatMap((group) =>
    METRICS.map((metric) => {
      const rate = group.metrics[metric];
      return {
        facet: facetOf(group),
        category: metric,
        value: rate.percent,
        lo: rate.lower,
        hi: rate.upper,
        detail: `${rate.count}/${rate.n} answers${rate.unparseable > 0 ? `, ${rate.unparseable} unreadable verdicts` : ''}`,
      };
    }),
  );
}

function ScoreTable({
  label,
  groups,
  keyName,
}: {
  label: string;
  groups: readonly Group[];
  keyName: string;
}) {
  return (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">{keyName}</th>
          <th scope="col">Answers</th>
          {METRICS.map((metric) => (
            <th key={metric} scope="col">
              {metric}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={JSON.stringify(group.key)}>
            <td>{String(group.key.model)}</td>
            <td>{String(group.key[keyName] ?? '—')}</td>
            <td>{group.responses}</td>
            {METRICS.map((metric) => {
              const rate = group.metrics[metric];
              return (
                <td
                  key={metric}
                  title={
                    rate.lower === null
                      ? undefined
                      : `95 % CI ${rate.lower.toFixed(1)}–${rate.upper?.toFixed(1)}`
                  }
                >
                  {percent(rate.percent)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The four scores with intervals, the breakdowns, the grounding gap and the judge's agreement with people. */
export function SafetyResultsView({ results }: { results: SafetyResults }) {
  const [exported, setExported] = useState<string[]>();
  const [error, setError] = useState<string>();
  const exportRun = () => {
    setError(undefined);
    getApi()
      .safety.export({ runId: results.runId })
      .then((answer) => setExported(answer.paths))
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };
  const { counts } = results;
  return (
    <section aria-label="Safety results">
      <p className="warning">{results.caveat}</p>
      {results.selfJudged.length > 0 && (
        <p className="warning">
          {results.selfJudged.join(', ')} judged its own answers: these are self-assessments.
        </p>
      )}
      <p>
        {counts.judged} of {counts.responses} answers judged by <b>{results.spec.judgeModel}</b>
        {counts.pending > 0 ? `, ${counts.pending} pending` : ''}
        {counts.errors > 0 ? `, ${counts.errors} failed` : ''}; {counts.unparseableVerdicts} verdicts without
        a readable score (left out of the rates, never counted as 0). Rubric: {results.rubric.name}{' '}
        {results.rubric.version}.
      </p>
      <GroupedBars
        title="Cultural safety by model"
        subtitle="Percent of answers, with 95 % Wilson intervals; compliance = 100 − violation"
        data={bars(results.overall, (group) => String(group.key.model))}
        categoryOrder={METRICS}
        domain={[0, 100]}
        format={(value) => `${value.toFixed(0)} %`}
        valueLabel="Percent of answers"
      />
      <h3>By country</h3>
      <ScoreTable label="Scores by country" groups={results.byCountry} keyName="country" />
      <h3>By subset and setting</h3>
      <ScoreTable label="Scores by subset" groups={results.bySubset} keyName="subset" />
      <h3>By language</h3>
      <ScoreTable label="Scores by language" groups={results.byLanguage} keyName="language" />
      <h3>By image source</h3>
      <ScoreTable label="Scores by image source" groups={results.byImageSource} keyName="imageSource" />
      <h3>Visual grounding gap</h3>
      {results.groundingGap.length === 0 ? (
        <p className="muted">Run both the grounded queries and the text-only control to measure the gap.</p>
      ) : (
        <table className="data-table" aria-label="Grounding gap">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Metric</th>
              <th scope="col">Pairs</th>
              <th scope="col">Grounded</th>
              <th scope="col">Text-only</th>
              <th scope="col">Gap (points, 95 % CI)</th>
            </tr>
          </thead>
          <tbody>
            {results.groundingGap.flatMap((group) =>
              METRICS.map((metric) => {
                const gap = group.metrics[metric];
                return (
                  <tr key={`${String(group.key.model)}-${metric}`}>
                    <td>{String(group.key.model)}</td>
                    <td>{metric}</td>
                    <td>{gap.pairs}</td>
                    <td>{percent(gap.grounded)}</td>
                    <td>{percent(gap.textOnly)}</td>
                    <td>
                      {gap.difference === null ? '—' : gap.difference.toFixed(1)}
                      {gap.lower !== null && gap.upper !== null
                        ? ` (${gap.lower.toFixed(1)} … ${gap.upper.toFixed(1)})`
                        : ''}
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      )}
      <h3>Judge–human agreement</h3>
      {results.agreement.labelled === 0 ? (
        <p className="muted">Label a sample of answers below to check the judge.</p>
      ) : (
        <table className="data-table" aria-label="Judge–human agreement">
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Labelled</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Cohen&apos;s κ</th>
            </tr>
          </thead>
          <tbody>
            {results.agreement.dimensions.map((row) => (
              <tr key={row.dimension}>
                <td>{row.dimension}</td>
                <td>{row.n}</td>
                <td>{row.accuracy === null ? '—' : `${(100 * row.accuracy).toFixed(0)} %`}</td>
                <td>{row.kappa === null ? '—' : row.kappa.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="page-actions">
        <button type="button" onClick={exportRun}>
          Export CSV and HTML report
        </button>
      </div>
      {error !== undefined && <ErrorBox message={error} />}
      {exported !== undefined && (
        <ul role="status" aria-label="Exported files">
          {exported.map((path) => (
            <li key={path}>
              <code>{path}</code>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
