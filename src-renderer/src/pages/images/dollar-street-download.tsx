import { useEffect, useState } from 'react';

import type { TaskProgress } from '@contract';
import type { DollarStreetDownloadResult } from '@contract/dollarstreet';
import { errorMessage, getApi } from '../../api';
import { NumberField } from '../../components/number-field';
import { ErrorBox } from '../../components/page';
import { ProgressBar } from '../../components/progress-bar';
import { useApiEvent } from '../../hooks/use-api-event';
import type { DollarStreetQuery } from './dollar-street-filter';

interface Started {
  taskId: string;
  photos: number;
}

/**
 * The download in progress, kept outside the component: leaving the page does not stop the task on the main
 * side, and coming back should show it again rather than offer a second download of the same photos.
 */
let remembered: Started | undefined;

/** Downloads the chosen photos into the library as a task: progress, Cancel, then what happened to each. */
export function DollarStreetDownload({
  query,
  pending,
  onFinished,
}: {
  query: DollarStreetQuery;
  /** Photos of the choice not yet in the library. */
  pending: number;
  onFinished: () => void;
}) {
  const [limit, setLimit] = useState(200);
  const [started, setStarted] = useState<Started | undefined>(remembered);
  const [progress, setProgress] = useState<TaskProgress>();
  const [report, setReport] = useState<DollarStreetDownloadResult>();
  const [error, setError] = useState<string>();
  const [cancelled, setCancelled] = useState(false);

  useApiEvent('task.progress', (event) => {
    if (event.taskId === started?.taskId) setProgress(event);
  });

  useEffect(() => {
    if (started === undefined) return undefined;
    let current = true;
    getApi()
      .dollarstreet.wait({ taskId: started.taskId })
      .then((result) => current && setReport(result))
      .catch((reason: unknown) => current && setError(errorMessage(reason)))
      .finally(() => {
        if (!current) return;
        remembered = undefined;
        setStarted(undefined);
        onFinished();
      });
    return () => {
      current = false;
    };
  }, [started, onFinished]);

  const start = () => {
    setError(undefined);
    setReport(undefined);
    setProgress(undefined);
    setCancelled(false);
    getApi()
      .dollarstreet.download({ ...query, limit })
      .then((result) => {
        remembered = result;
        setStarted(result);
      })
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };
  const cancel = (taskId: string) => {
    setCancelled(true);
    getApi()
      .dollarstreet.cancel({ taskId })
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };

  const count = Math.min(pending, limit);
  return (
    <div className="builder">
      {started === undefined ? (
        <div className="builder-row">
          <NumberField label="At most (photos)" value={limit} onChange={setLimit} min={1} max={20_000} />
          <button type="button" className="primary" disabled={count === 0} onClick={start}>
            Download {count} {count === 1 ? 'photo' : 'photos'}
          </button>
        </div>
      ) : (
        <div>
          <ProgressBar
            done={progress?.done ?? 0}
            total={progress?.total ?? started.photos}
            label="Dollar Street download"
          />
          <button type="button" onClick={() => cancel(started.taskId)}>
            Cancel
          </button>
        </div>
      )}
      {error !== undefined &&
        (cancelled ? (
          <p role="status">Cancelled. Photos downloaded before that stay in the library.</p>
        ) : (
          <ErrorBox message={error} />
        ))}
      {report !== undefined && (
        <div role="status">
          <p>
            {report.downloaded} downloaded, {report.alreadyInLibrary} already in the library,{' '}
            {report.failed.length} failed (of {report.requested} requested).
          </p>
          {report.failed.length > 0 && (
            <details open>
              <summary>Why {report.failed.length === 1 ? 'one photo' : 'these photos'} failed</summary>
              <ul>
                {report.failed.map((entry) => (
                  <li key={entry.url}>
                    <code>{entry.url}</code>: {entry.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </div>
  );
}
