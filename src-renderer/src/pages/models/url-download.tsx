import { useState } from 'react';

import { errorMessage } from '../../api';
import { ErrorBox } from '../../components/page';
import { DownloadStatus } from './download-status';
import { fileNameOf, folderOf } from './format-bytes';
import type { Downloads } from './use-downloads';

/** How many earlier URL downloads stay listed; older ones are history, not something to act on. */
const SHOWN = 3;

/**
 * A GGUF file from any https address (or http on this computer, e.g. a local mirror) into the models
 * folder: for models the catalogue does not list.
 */
export function UrlDownload({
  downloads,
  modelsFolder,
  onLookAgain,
}: {
  downloads: Downloads;
  modelsFolder: string;
  onLookAgain: () => void;
}) {
  const [url, setUrl] = useState('');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  // URL downloads into the app's models folder (not a catalogue entry's own folder below it).
  const tasks = downloads.tasks
    .filter(
      (task) =>
        task.catalogueId === null &&
        task.files[0] !== undefined &&
        folderOf(task.files[0].destination) === modelsFolder,
    )
    .slice(0, SHOWN);

  const start = () => {
    setStarting(true);
    setError(undefined);
    downloads
      .start({ url: url.trim(), to: 'models' })
      .then(() => setUrl(''))
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setStarting(false));
  };

  return (
    <article className="card" aria-labelledby="url-download-title">
      <h2 id="url-download-title">Download a model file from an address</h2>
      <p className="muted">
        For a GGUF file the catalogue does not list: https, or http only from this computer. It goes into{' '}
        <code>{modelsFolder}</code>; download its projector (mmproj) the same way.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          start();
        }}
      >
        <label>
          File address (URL){' '}
          <input
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://huggingface.co/…/model.gguf"
            spellCheck={false}
            size={60}
          />
        </label>
        <button type="submit" disabled={starting || url.trim() === ''}>
          {starting ? 'Starting…' : 'Download into the models folder'}
        </button>
      </form>
      {error !== undefined && <ErrorBox message={error} />}
      {tasks.map((task) => {
        const file = task.files[0]!;
        const name = fileNameOf(file.destination);
        return (
          <DownloadStatus
            key={task.taskId}
            task={task}
            label={name}
            named
            manual={{ folder: modelsFolder, files: [{ fileName: name, url: file.url }] }}
            onCancel={downloads.cancel}
            onLookAgain={onLookAgain}
          />
        );
      })}
    </article>
  );
}
