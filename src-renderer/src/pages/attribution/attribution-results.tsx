import { useState } from 'react';

import type { AttributionResults } from '@contract/attribution';
import { errorMessage, getApi } from '../../api';
import { BarsWithCI, Heatmap } from '../../charts';
import { ErrorBox } from '../../components/page';
import { BaselineShiftTable } from './baseline-shift-table';
import { StereotypePanel } from './stereotype-panel';

type Summary = AttributionResults['sensitivity']['summary'];

const BASELINE_NAMES: Record<string, string> = { blank: 'Blank image', 'person-only': 'Person alone' };

function SensitivityTable({ label, rows }: { label: string; rows: Summary }) {
  return (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Values</th>
          <th scope="col">Sets</th>
          <th scope="col">Mean</th>
          <th scope="col">SD</th>
          <th scope="col">Min</th>
          <th scope="col">Median</th>
          <th scope="col">Max</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.model}-${row.valuesType}`}>
            <td>{row.model}</td>
            <td>{row.valuesType}</td>
            <td>{row.sets}</td>
            <td>{row.mean.toFixed(3)}</td>
            <td>{row.sd === null ? '—' : row.sd.toFixed(3)}</td>
            <td>{row.min.toFixed(3)}</td>
            <td>{row.median.toFixed(3)}</td>
            <td>{row.max.toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Context sensitivity, classification, refusals and the most frequent values per context. */
export function AttributionResultsView({ results }: { results: AttributionResults }) {
  const [exported, setExported] = useState<string[]>();
  const [error, setError] = useState<string>();
  const exportRun = () => {
    setError(undefined);
    getApi()
      .attribution.export({ runId: results.runId })
      .then((answer) => setExported(answer.paths))
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };
  const { counts } = results;
  return (
    <section aria-label="Attribution results">
      <p>
        {counts.done} of {counts.answers} answers read, {counts.refusals} refusals (left out of the value
        sets)
        {counts.errors > 0 ? `, ${counts.errors} failed` : ''}. {results.spec.samples} samples per image and
        question at temperature {results.spec.temperature}.
      </p>
      <BarsWithCI
        title="Context sensitivity"
        subtitle="1 − mean pairwise Jaccard between the value sets of one person's contexts; bars span min–max over sets"
        data={results.sensitivity.summary.map((row) => ({
          group: row.valuesType,
          category: row.model,
          value: row.mean,
          lo: row.min,
          hi: row.max,
          detail: `${row.sets} sets`,
        }))}
        domain={[0, 1]}
        format={(value) => value.toFixed(2)}
        valueLabel="Sensitivity"
      />
      <SensitivityTable label="Context sensitivity" rows={results.sensitivity.summary} />
      {results.sensitivityClassified !== null && (
        <>
          <h3>Only sets whose every context the model named correctly</h3>
          {results.sensitivityClassified.length === 0 ? (
            <p className="muted">
              No set had every context named correctly, so there is nothing to restrict to.
            </p>
          ) : (
            <SensitivityTable
              label="Context sensitivity, correctly classified sets"
              rows={results.sensitivityClassified}
            />
          )}
        </>
      )}
      {results.classification.length > 0 && (
        <>
          <h3>Context classification</h3>
          <table className="data-table" aria-label="Context classification">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Dimension</th>
                <th scope="col">Images</th>
                <th scope="col">Correct</th>
                <th scope="col">Unreadable</th>
                <th scope="col">Accuracy</th>
              </tr>
            </thead>
            <tbody>
              {results.classification.map((row) => (
                <tr key={`${row.model}-${row.dimension}`}>
                  <td>{row.model}</td>
                  <td>{row.dimension}</td>
                  <td>{row.images}</td>
                  <td>{row.correct}</td>
                  <td>{row.unreadable}</td>
                  <td>{(100 * row.accuracy).toFixed(0)} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <Heatmap
        title="Refusals"
        subtitle="Share of answers that decline to attribute values, per context and value kind"
        cells={results.refusals.map((row) => ({
          row: row.context,
          column: `${row.model} · ${row.prompt}`,
          value: row.rate,
          detail: `${row.refusals}/${row.samples}`,
        }))}
        domain={[0, 1]}
        format={(value) => `${(100 * value).toFixed(0)} %`}
        valueLabel="Refusal rate"
        showValues
      />
      <BaselineShiftTable rows={results.baselineShift} />
      <h3>Most frequent values per context</h3>
      <div className="value-lists">
        {results.values.map((group) => (
          <article
            key={`${group.model}-${group.dimension}-${group.kind}-${group.context}`}
            className="card"
            aria-label={`Values for ${group.context} (${group.kind})`}
          >
            <h4>
              {BASELINE_NAMES[group.context] ?? group.context}{' '}
              <span className="muted">
                {group.dimension} · {group.kind} · {group.answers} answers
              </span>
            </h4>
            <ol>
              {group.top.map((entry) => (
                <li key={entry.value}>
                  {entry.value} <span className="muted">{entry.count}</span>
                </li>
              ))}
            </ol>
          </article>
        ))}
      </div>
      <StereotypePanel runId={results.runId} />
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
