import { useState } from 'react';

import type { RunProgress } from '@contract';
import { errorMessage, getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { formatDuration } from '../../components/format';
import { ProgressBar } from '../../components/progress-bar';
import { useApiEvent } from '../../hooks/use-api-event';
import { useApiQuery } from '../../hooks/use-api-query';

/** Live view of one run: progress, rate, ETA, the item being scored, and pause / resume / cancel. */
export function RunMonitor({ runId, onChanged }: { runId: number; onChanged?: () => void }) {
  const detail = useApiQuery(() => getApi().runs.get({ runId }), [runId]);
  const [live, setLive] = useState<RunProgress>();
  const [actionError, setActionError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useApiEvent('run.progress', (progress) => {
    if (progress.runId !== runId) return;
    setLive(progress);
    if (progress.state !== 'running') {
      detail.reload();
      onChanged?.();
    }
  });

  const act = (action: 'start' | 'pause' | 'cancel') => {
    setBusy(true);
    setActionError(undefined);
    const api = getApi().runs;
    const call =
      action === 'start'
        ? api.start({ runId })
        : action === 'pause'
          ? api.pause({ runId })
          : api.cancel({ runId });
    call
      .then(() => {
        detail.reload();
        onChanged?.();
      })
      .catch((error: unknown) => setActionError(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  if (detail.error !== undefined) return <ErrorBox message={detail.error} onRetry={detail.reload} />;
  const run = detail.data;
  if (run === undefined) return <p className="loading">Loading run {runId}…</p>;
  const state = live?.state ?? run.state;
  const done = live?.done ?? run.counts.done;
  const total = live?.total ?? run.counts.total;
  const running = state === 'running';
  return (
    <article className="card run-monitor" aria-label={`Run ${runId}`}>
      <header className="run-monitor-header">
        <div>
          <h2>
            Run {run.id}: {run.name}
          </h2>
          <p className="muted">
            <span className={`state state-${state}`}>{state}</span> · created{' '}
            {new Date(run.createdAt).toLocaleString()}
          </p>
        </div>
        <div className="page-actions">
          {!running && state !== 'completed' && (
            <button type="button" className="primary" disabled={busy} onClick={() => act('start')}>
              {state === 'planned' ? 'Start' : 'Resume'}
            </button>
          )}
          {running && (
            <button type="button" disabled={busy} onClick={() => act('pause')}>
              Pause
            </button>
          )}
          {state !== 'completed' && state !== 'cancelled' && (
            <button type="button" disabled={busy} onClick={() => act('cancel')}>
              Cancel
            </button>
          )}
          {(state === 'completed' || done > 0) && (
            <a
              href={`#/${run.kind === 'safety' || run.kind === 'attribution' ? run.kind : 'results'}?run=${runId}`}
            >
              View results →
            </a>
          )}
        </div>
      </header>
      {actionError !== undefined && <ErrorBox message={actionError} />}
      <ProgressBar
        done={done + (live?.errors ?? run.counts.errors)}
        total={total}
        label={`Progress of run ${runId}`}
      />
      <dl className="key-values inline">
        <div>
          <dt>Rate</dt>
          <dd>{live?.ratePerSecond != null ? `${live.ratePerSecond.toFixed(2)} items/s` : '—'}</dd>
        </div>
        <div>
          <dt>ETA</dt>
          <dd>{running ? formatDuration(live?.etaSeconds) : '—'}</dd>
        </div>
        <div>
          <dt>From cache</dt>
          <dd>{live?.fromCache ?? run.counts.fromCache}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd>{live?.errors ?? run.counts.errors}</dd>
        </div>
      </dl>
      {running && live?.current !== undefined && (
        <section className="current-item" aria-label="Item being scored">
          <h3>Now scoring</h3>
          <p>
            <strong>{live.current.questionId}</strong> · {live.current.country} · condition{' '}
            {live.current.condition}
            {live.current.imageId !== null ? ` · image ${live.current.imageId}` : ''}
          </p>
          {live.current.probabilities !== undefined && (
            <div className="mini-bars" aria-label="Latest answer distribution">
              {live.current.probabilities.map((probability, index) => (
                <span
                  key={index}
                  title={`${String.fromCharCode(65 + index)}: ${(probability * 100).toFixed(1)} %`}
                  style={{ height: `${Math.max(2, probability * 48)}px` }}
                />
              ))}
              <span className="muted">coverage {((live.current.coverage ?? 0) * 100).toFixed(1)} %</span>
            </div>
          )}
        </section>
      )}
      {run.error !== null && <ErrorBox message={run.error} />}
      {run.warnings.length > 0 && (
        <details>
          <summary>{run.warnings.length} planning warnings</summary>
          <ul>
            {run.warnings.map((warning, index) => (
              <li key={index}>
                {warning.country}
                {warning.condition !== null ? ` (${warning.condition})` : ''}: {warning.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
