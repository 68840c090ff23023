import { useState } from 'react';

import { errorMessage, getApi } from '../../api';
import { hashParams, setHashParams } from '../../app/hash-params';
import { EmptyState, ErrorBox, Page } from '../../components/page';
import { useApiEvent } from '../../hooks/use-api-event';
import { useApiQuery } from '../../hooks/use-api-query';
import { RunMonitor } from '../runs/run-monitor';
import { CrossImport } from './cross-import';
import { HumanCheck } from './human-check';
import { SafetyResultsView } from './safety-results';
import { SafetyRunBuilder } from './safety-run-builder';

function BenchmarkSummary({ generation }: { generation: number }) {
  const items = useApiQuery(() => getApi().safety.items({}), [generation]);
  const [fetch, setFetch] = useState<{ busy: boolean; message?: string; error?: string }>({ busy: false });
  if (items.error !== undefined) return <ErrorBox message={items.error} onRetry={items.reload} />;
  if (items.data === undefined) return null;
  if (items.data.length === 0)
    return (
      <EmptyState title="No CROSS queries yet">
        <p>
          Import a local copy of the benchmark above, or from the command line: value-atlas safety import
          PATH.
        </p>
      </EmptyState>
    );
  const total = items.data.reduce((sum, row) => sum + row.items, 0);
  const withImage = items.data.reduce((sum, row) => sum + row.withImage, 0);
  const fetchImages = () => {
    setFetch({ busy: true });
    getApi()
      .safety.downloadImages({})
      .then((report) =>
        setFetch({
          busy: false,
          message: `${report.downloaded} of ${report.requested} images downloaded; ${report.failed.length} failed.`,
        }),
      )
      .catch((reason: unknown) => setFetch({ busy: false, error: errorMessage(reason) }))
      .finally(() => items.reload());
  };
  return (
    <>
      <details className="card">
        <summary>
          {total} queries imported, {withImage} with their image
        </summary>
        <table className="data-table" aria-label="CROSS queries">
          <thead>
            <tr>
              <th scope="col">Subset</th>
              <th scope="col">Setting</th>
              <th scope="col">Country</th>
              <th scope="col">Queries</th>
              <th scope="col">With image</th>
            </tr>
          </thead>
          <tbody>
            {items.data.map((row) => (
              <tr key={`${row.subset}/${row.setting}/${row.country ?? '?'}`}>
                <td>{row.subset}</td>
                <td>{row.setting}</td>
                <td>{row.country ?? '—'}</td>
                <td>{row.items}</td>
                <td>{row.withImage}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {withImage < total && (
        <p>
          <button type="button" disabled={fetch.busy} onClick={fetchImages}>
            {fetch.busy ? 'Downloading…' : `Download the ${total - withImage} missing images`}
          </button>{' '}
          <span className="muted">from the URLs in the benchmark&apos;s records (only when you click).</span>
        </p>
      )}
      {fetch.message !== undefined && <p role="status">{fetch.message}</p>}
      {fetch.error !== undefined && <ErrorBox message={fetch.error} />}
    </>
  );
}

/** The cultural-safety study: import CROSS, run a model with a local judge, read the scores, check the judge. */
export function SafetyPage() {
  const [generation, setGeneration] = useState(0);
  const runParam = Number(hashParams().get('run'));
  const [runId, setRunId] = useState<number | undefined>(
    Number.isInteger(runParam) && runParam > 0 ? runParam : undefined,
  );
  const runs = useApiQuery(() => getApi().runs.list({}), [generation]);
  const safetyRuns = (runs.data ?? []).filter((run) => run.kind === 'safety');
  const selected = runId ?? safetyRuns[0]?.id;
  const results = useApiQuery(
    () =>
      selected === undefined ? Promise.resolve(undefined) : getApi().safety.results({ runId: selected }),
    [selected, generation],
  );
  useApiEvent('run.progress', (progress) => {
    if (progress.runId === selected && progress.state !== 'running') setGeneration((value) => value + 1);
  });
  const select = (id: number) => {
    setRunId(id);
    setHashParams('safety', { run: id });
  };

  return (
    <Page
      title="Safety"
      subtitle="Does the model notice that a request, read with its image, would break a local norm?"
    >
      <CrossImport onImported={() => setGeneration((value) => value + 1)} />
      <BenchmarkSummary generation={generation} />
      <SafetyRunBuilder
        onStarted={(id) => {
          select(id);
          setGeneration((value) => value + 1);
        }}
      />
      {safetyRuns.length > 0 && (
        <label>
          Safety run{' '}
          <select value={selected} onChange={(event) => select(Number(event.target.value))}>
            {safetyRuns.map((run) => (
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
      {results.data !== undefined && <SafetyResultsView results={results.data} />}
      {selected !== undefined && results.data !== undefined && results.data.counts.judged > 0 && (
        <HumanCheck runId={selected} onLabelled={() => results.reload()} />
      )}
    </Page>
  );
}
