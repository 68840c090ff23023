import { useState } from 'react';

import { getApi } from '../../api';
import { hashParams, setHashParams } from '../../app/hash-params';
import { EmptyState, ErrorBox, Page } from '../../components/page';
import { useApiEvent } from '../../hooks/use-api-event';
import { useApiQuery } from '../../hooks/use-api-query';
import { RunMonitor } from '../runs/run-monitor';
import { AnswerExplorer } from './answer-explorer';
import { AttributionResultsView } from './attribution-results';
import { AttributionRunBuilder } from './attribution-run-builder';
import { LexiconProfiles } from './lexicon-profiles';
import { SetsImport } from './sets-import';

function SetsSummary({ generation }: { generation: number }) {
  const sets = useApiQuery(() => getApi().attribution.sets({}), [generation]);
  if (sets.error !== undefined) return <ErrorBox message={sets.error} onRetry={sets.reload} />;
  if (sets.data === undefined) return null;
  if (sets.data.length === 0)
    return (
      <EmptyState title="No counterfactual sets yet">
        <p>Import a folder above, or from the command line: value-atlas attribution import PATH.</p>
      </EmptyState>
    );
  return (
    <table className="data-table" aria-label="Counterfactual sets">
      <thead>
        <tr>
          <th scope="col">Dimension</th>
          <th scope="col">Context</th>
          <th scope="col">Sets</th>
        </tr>
      </thead>
      <tbody>
        {sets.data.map((row) => (
          <tr key={`${row.dimension}-${row.context}`}>
            <td>{row.dimension}</td>
            <td>{row.context}</td>
            <td>{row.sets}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The value-attribution study: import sets, run a model, compare the values it reads into each context. */
export function AttributionPage() {
  const [generation, setGeneration] = useState(0);
  const runParam = Number(hashParams().get('run'));
  const [runId, setRunId] = useState<number | undefined>(
    Number.isInteger(runParam) && runParam > 0 ? runParam : undefined,
  );
  const runs = useApiQuery(() => getApi().runs.list({}), [generation]);
  const attributionRuns = (runs.data ?? []).filter((run) => run.kind === 'attribution');
  const selected = runId ?? attributionRuns[0]?.id;
  const results = useApiQuery(
    () =>
      selected === undefined ? Promise.resolve(undefined) : getApi().attribution.results({ runId: selected }),
    [selected, generation],
  );
  useApiEvent('run.progress', (progress) => {
    if (progress.runId === selected && progress.state !== 'running') setGeneration((value) => value + 1);
  });
  const select = (id: number) => {
    setRunId(id);
    setHashParams('attribution', { run: id });
  };
  const setIds = [...new Set((results.data?.sensitivity.rows ?? []).map((row) => row.setId))];

  return (
    <Page
      title="Attribution"
      subtitle="Which values does the model read into the same person in different contexts?"
    >
      <SetsImport onImported={() => setGeneration((value) => value + 1)} />
      <SetsSummary generation={generation} />
      <AttributionRunBuilder
        onStarted={(id) => {
          select(id);
          setGeneration((value) => value + 1);
        }}
      />
      {attributionRuns.length > 0 && (
        <label>
          Attribution run{' '}
          <select value={selected} onChange={(event) => select(Number(event.target.value))}>
            {attributionRuns.map((run) => (
              <option key={run.id} value={run.id}>
                #{run.id} {run.name} ({run.state})
              </option>
            ))}
          </select>
        </label>
      )}
      {selected !== undefined && (
        <RunMonitor runId={selected} onChanged={() => setGeneration((value) => value + 1)} />
      )}
      {results.error !== undefined && <ErrorBox message={results.error} onRetry={results.reload} />}
      {results.data !== undefined && <AttributionResultsView results={results.data} />}
      {selected !== undefined && results.data !== undefined && results.data.counts.done > 0 && (
        <LexiconProfiles runId={selected} />
      )}
      {selected !== undefined && setIds.length > 0 && (
        <AnswerExplorer runId={selected} setIds={[...setIds, 'blank']} />
      )}
    </Page>
  );
}
