import { useState } from 'react';

import { errorMessage } from '../../api';
import { formatDuration } from '../../components/format';
import { ErrorBox } from '../../components/page';
import { formatBytes, formatRate } from './format-bytes';
import type { DownloadTask } from './use-downloads';

const STATE_WORDS: Record<DownloadTask['state'], string> = {
  running: 'Downloading',
  done: 'Downloaded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** The existing state badges are named after run states; a finished download reads as a completed run. */
const STATE_CLASS: Record<DownloadTask['state'], string> = {
  running: 'state-running',
  done: 'state-completed',
  failed: 'state-failed',
  cancelled: 'state-cancelled',
  interrupted: 'state-interrupted',
};

const STATE_HINTS: Partial<Record<DownloadTask['state'], string>> = {
  cancelled: 'The partial file is kept: downloading again resumes where it stopped.',
  interrupted: 'The app stopped while this was downloading: download again to resume from the partial file.',
};

/** Where files can be put by hand when this computer cannot download them. */
export interface ManualInstall {
  folder: string;
  files: { fileName: string; url: string }[];
}

function Bar({ done, total, label }: { done: number; total: number | null; label: string }) {
  const percent = total !== null && total > 0 ? Math.min(100, (100 * done) / total) : null;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      // Without a known size the bar is indeterminate: no maximum, the text gives the bytes so far.
      {...(total !== null ? { 'aria-valuemax': total, 'aria-valuenow': done } : {})}
      aria-valuetext={`${formatBytes(done)}${percent !== null ? ` (${percent.toFixed(1)} %)` : ''}`}
    >
      <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
      <span className="progress-text">
        {formatBytes(done)}
        {total !== null ? ` of ${formatBytes(total)}` : ''}
        {percent !== null ? ` (${percent.toFixed(1)} %)` : ''}
      </span>
    </div>
  );
}

/** A download's state, live progress, error in plain words, Cancel, and what to do by hand when it failed. */
export function DownloadStatus({
  task,
  label,
  named = false,
  manual,
  onCancel,
  onLookAgain,
}: {
  task: DownloadTask;
  label: string;
  /** Show the label in the line: a URL download has no card title that already names it. */
  named?: boolean;
  manual: ManualInstall;
  onCancel: (taskId: string) => Promise<void>;
  onLookAgain: () => void;
}) {
  const [cancelError, setCancelError] = useState<string>();
  const running = task.state === 'running';
  const bytes = task.live?.done ?? task.files.reduce((sum, file) => sum + file.bytes, 0);
  const rate = running ? formatRate(task.live?.ratePerSecond ?? null) : null;
  const eta = running ? (task.live?.etaSeconds ?? null) : null;
  return (
    <div className="download-status" aria-label={`Download of ${label}`} role="group">
      <p>
        <span className={`state ${STATE_CLASS[task.state]}`}>{STATE_WORDS[task.state]}</span>{' '}
        {named ? <code>{label}</code> : null}
        {named ? ': ' : ''}
        {running || bytes > 0 ? formatBytes(bytes) : ''}
        {rate !== null ? ` at ${rate}` : ''}
        {eta !== null ? `, about ${formatDuration(eta)} left` : ''}
        {task.state === 'done' ? ` into ${manual.folder}` : ''}
      </p>
      {running && (
        <div>
          <Bar done={bytes} total={task.live?.total ?? null} label={`Progress of ${label}`} />
          <button
            type="button"
            aria-label={`Cancel the download of ${label}`}
            onClick={() => {
              setCancelError(undefined);
              onCancel(task.taskId).catch((reason: unknown) => setCancelError(errorMessage(reason)));
            }}
          >
            Cancel
          </button>
        </div>
      )}
      {cancelError !== undefined && <ErrorBox message={cancelError} />}
      {task.state === 'failed' && task.error !== null && (
        <ErrorBox message={`The download failed: ${task.error}`} />
      )}
      {STATE_HINTS[task.state] !== undefined && <p className="muted">{STATE_HINTS[task.state]}</p>}
      {/* A cancel was the user's choice; a failure may be this computer having no internet. */}
      {task.state === 'failed' && (
        <div className="warning">
          <p>
            No internet here? On a computer that has it, download{' '}
            {manual.files.length === 1 ? 'this file' : `these ${manual.files.length} files`} and put them in{' '}
            <code>{manual.folder}</code>:
          </p>
          <ul>
            {manual.files.map((file) => (
              <li key={file.fileName}>
                <code>{file.fileName}</code> <span className="muted">from {file.url}</span>
              </li>
            ))}
          </ul>
          <button type="button" onClick={onLookAgain}>
            Look for models again
          </button>
        </div>
      )}
    </div>
  );
}
