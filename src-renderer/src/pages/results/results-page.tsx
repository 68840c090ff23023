import { useState } from 'react';

import { hashParams, setHashParams } from '../../app/hash-params';
import { getApi } from '../../api';
import { EmptyState, ErrorBox, Loading, Page } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { CulturalMapPanel } from './cultural-map-panel';
import type { RunRef } from './comparison-view';
import { ItemExplorer } from './item-explorer';
import { PairedTable, ResultsCharts } from './results-charts';
import { RunComparisonPanel } from './run-comparison';

/** `runs` are the finished runs the page lists, offered for the side-by-side comparison. */
function ResultsForRun({ runId, runs }: { runId: number; runs: readonly RunRef[] }) {
  const results = useApiQuery(() => getApi().runs.results({ runId }), [runId]);
  const run = useApiQuery(() => getApi().runs.get({ runId }), [runId]);
  const [condition, setCondition] = useState<string>();
  const [model, setModel] = useState<string>();
  if (results.error !== undefined) return <ErrorBox message={results.error} onRetry={results.reload} />;
  if (results.data === undefined || run.data === undefined) return <Loading label="Computing results…" />;
  const groups = results.data.aggregates.byCondition;
  const conditions = [...new Set(groups.map((group) => String(group.key.condition)))];
  const models = [...new Set(groups.map((group) => String(group.key.model)))];
  const activeCondition = condition ?? conditions.find((name) => name !== 'T') ?? conditions[0] ?? 'T';
  const activeModel = model ?? models[0] ?? '';
  const { counts } = results.data;
  const manifest = run.data.manifest as { models?: { demo?: boolean }[] };
  const demo = manifest.models?.some((entry) => entry.demo === true) === true;
  return (
    <>
      {demo && (
        <div className="notice" role="note">
          This run used the demo model: random weights. The pipeline is real, the scores mean nothing.
        </div>
      )}
      <div className="toolbar">
        <label>
          Condition{' '}
          <select value={activeCondition} onChange={(event) => setCondition(event.target.value)}>
            {conditions.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        {models.length > 1 && (
          <label>
            Model{' '}
            <select value={activeModel} onChange={(event) => setModel(event.target.value)}>
              {models.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
        )}
        <span className="muted">
          {counts.analysed} items analysed · {counts.excludedLowCoverage} excluded for low coverage ·{' '}
          {counts.missingHuman} without human data · {counts.errors} errors · {counts.pending} pending
        </span>
      </div>
      <ResultsCharts results={results.data} condition={activeCondition} model={activeModel} />
      <PairedTable results={results.data} model={activeModel} />
      <CulturalMapPanel runId={runId} model={activeModel} condition={activeCondition} />
      <RunComparisonPanel run={{ id: runId, name: run.data.name }} runs={runs} />
      <ItemExplorer runId={runId} condition={activeCondition} model={activeModel} />
    </>
  );
}

export function ResultsPage() {
  const runParam = Number(hashParams().get('run'));
  const runs = useApiQuery(() => getApi().runs.list({ kind: 'alignment' }), []);
  const finished = (runs.data ?? []).filter((run) => run.counts.done > 0);
  const runId = Number.isInteger(runParam) && runParam > 0 ? runParam : finished[0]?.id;
  return (
    <Page
      title="Results"
      subtitle="How close the model's answers are to the people of each country"
      actions={
        finished.length > 0 ? (
          <label>
            Run{' '}
            <select
              value={runId ?? ''}
              onChange={(event) => setHashParams('results', { run: event.target.value })}
            >
              {finished.map((run) => (
                <option key={run.id} value={run.id}>
                  #{run.id} {run.name}
                </option>
              ))}
            </select>
          </label>
        ) : undefined
      }
    >
      {runs.error !== undefined && <ErrorBox message={runs.error} onRetry={runs.reload} />}
      {runs.data !== undefined && runId === undefined && (
        <EmptyState title="No results yet">
          <p>
            Run an experiment first (Experiments page), then come back here for maps, heatmaps and the item
            drill-down.
          </p>
        </EmptyState>
      )}
      {runId !== undefined && <ResultsForRun key={runId} runId={runId} runs={finished} />}
    </Page>
  );
}
