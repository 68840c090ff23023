import { useId, useState } from 'react';

import type { CatalogueEntryView } from '@contract/downloads';
import { errorMessage } from '../../api';
import { ErrorBox } from '../../components/page';
import { DownloadStatus } from './download-status';
import { folderOf, formatBytes } from './format-bytes';
import type { Downloads } from './use-downloads';

const ROLE_WORDS = { model: 'text model', mmproj: 'projector', data: 'data' } as const;

function approximateSize(entry: CatalogueEntryView): string {
  const known = entry.files.filter((file) => file.approxBytes !== null);
  if (known.length === 0) return 'not known until the download starts';
  const total = formatBytes(known.reduce((sum, file) => sum + (file.approxBytes ?? 0), 0));
  return known.length === entry.files.length ? `about ${total}` : `at least ${total} (some sizes not known)`;
}

/** One catalogue model pair: what it is, its licence and files, and its latest download. */
export function CatalogueEntry({
  entry,
  downloads,
  modelsFolder,
  onLookAgain,
}: {
  entry: CatalogueEntryView;
  downloads: Downloads;
  modelsFolder: string;
  onLookAgain: () => void;
}) {
  const headingId = useId();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string>();
  // Newest first: the first task of this entry is its latest download.
  const task = downloads.tasks.find((candidate) => candidate.catalogueId === entry.id);
  const running = task?.state === 'running';
  // Each pair has its own folder (`<models>/<id>`) so its projector pairs by folder; the main side names it.
  const separator = modelsFolder.includes('\\') && !modelsFolder.includes('/') ? '\\' : '/';
  const folder =
    task?.files[0] !== undefined ? folderOf(task.files[0].destination) : `${modelsFolder}${separator}${entry.id}`;

  const start = () => {
    setStarting(true);
    setError(undefined);
    downloads
      .start({ catalogueId: entry.id })
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setStarting(false));
  };

  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{entry.title}</h3>
      <p>{entry.description}</p>
      <dl className="key-values">
        <div>
          <dt>Licence</dt>
          <dd>{entry.licence}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>{approximateSize(entry)}</dd>
        </div>
        <div>
          <dt>Files</dt>
          <dd>
            <ul className="plain-list">
              {entry.files.map((file) => (
                <li key={file.fileName}>
                  <code>{file.fileName}</code> ({ROLE_WORDS[file.role]}
                  {file.approxBytes !== null ? `, about ${formatBytes(file.approxBytes)}` : ''})
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{entry.homepage}</dd>
        </div>
      </dl>
      {entry.notes.length > 0 && (
        <ul className="muted">
          {entry.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="primary"
        aria-label={`Download ${entry.title}`}
        disabled={starting || running}
        onClick={start}
      >
        {starting ? 'Starting…' : 'Download'}
      </button>
      {error !== undefined && <ErrorBox message={error} />}
      {task !== undefined && (
        <DownloadStatus
          task={task}
          label={entry.title}
          manual={{ folder, files: entry.files.map(({ fileName, url }) => ({ fileName, url })) }}
          onCancel={downloads.cancel}
          onLookAgain={onLookAgain}
        />
      )}
    </article>
  );
}
