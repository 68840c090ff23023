import { useState } from 'react';

import { getApi } from '../../api';
import { ErrorBox, Loading } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { ComparisonView, type RunRef } from './comparison-view';

/** Picks a second run with results and compares it with this one, item by item. */
export function RunComparisonPanel({ run, runs }: { run: RunRef; runs: readonly RunRef[] }) {
  const [otherId, setOtherId] = useState<number>();
  const others = runs.filter((candidate) => candidate.id !== run.id);
  const other = others.find((candidate) => candidate.id === otherId);
  const comparison = useApiQuery(
    () =>
      other === undefined
        ? Promise.resolve(undefined)
        : getApi().runs.compare({ runA: run.id, runB: other.id }),
    [run.id, other?.id],
  );
  // A failed call keeps the previous comparison in `data`; showing it under the error would mislead.
  const data = comparison.error === undefined && !comparison.loading ? comparison.data : undefined;

  return (
    <article className="card wide" aria-labelledby="run-comparison-heading">
      <h2 id="run-comparison-heading">Compare with another run</h2>
      {others.length === 0 ? (
        <p className="muted">
          No other run has results yet. Run the same experiment with another model or quantisation to compare
          them here.
        </p>
      ) : (
        <div className="toolbar">
          <label>
            Compare with run{' '}
            <select
              value={other?.id ?? ''}
              onChange={(event) =>
                setOtherId(event.target.value === '' ? undefined : Number(event.target.value))
              }
            >
              <option value="">Choose a run…</option>
              {others.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  #{candidate.id} {candidate.name}
                </option>
              ))}
            </select>
          </label>
          <span className="muted">
            Items are matched on condition, country, image, question and option order; differences are the
            other run minus #{run.id}.
          </span>
        </div>
      )}
      {comparison.error !== undefined && <ErrorBox message={comparison.error} onRetry={comparison.reload} />}
      {other !== undefined && comparison.loading && <Loading label="Comparing the runs…" />}
      {other !== undefined && data !== undefined && <ComparisonView comparison={data} a={run} b={other} />}
    </article>
  );
}
