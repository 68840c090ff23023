import { useState } from 'react';

import type { CrossImportResult } from '../../../../src-main/api/contract/safety';
import { getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useAction } from '../../hooks/use-action';

/** Imports the CROSS benchmark from a folder the user downloaded (the app never ships or fetches it itself). */
export function CrossImport({ onImported }: { onImported: () => void }) {
  const [path, setPath] = useState('');
  const [imagesPath, setImagesPath] = useState('');
  const action = useAction<CrossImportResult>(() => onImported());
  const { busy, error, result: report } = action;

  const run = () =>
    action.run(() =>
      getApi().safety.importCross({
        path: path.trim(),
        ...(imagesPath.trim() !== '' ? { imagesPath: imagesPath.trim() } : {}),
      }),
    );

  return (
    <article className="card">
      <h2>Import the benchmark</h2>
      <p className="muted">
        Point to a local copy of the CROSS repository (its <code>data/casa/english.json</code> and siblings,
        and <code>images/</code> when you have them). The benchmark has no licence: it stays on this machine.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label>
          CROSS folder or file{' '}
          <input value={path} onChange={(event) => setPath(event.target.value)} size={40} />
        </label>
        <label>
          Images folder (optional){' '}
          <input value={imagesPath} onChange={(event) => setImagesPath(event.target.value)} size={30} />
        </label>
        <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
          {busy ? 'Importing…' : 'Import CROSS'}
        </button>
      </form>
      {error !== undefined && <ErrorBox message={error} />}
      {report !== undefined && (
        <div role="status">
          <p>
            Added {report.added} queries ({report.updated} updated);{' '}
            {report.images.folder === null
              ? 'no images yet: queries run text-only until their images are imported.'
              : `${report.images.linked} images linked, ${report.images.missing} not found.`}
          </p>
          {report.rejected.length > 0 && (
            <details>
              <summary>{report.rejected.length} records rejected</summary>
              <ul>
                {report.rejected.map((entry) => (
                  <li key={`${entry.file}#${entry.position}`}>
                    <code>{entry.file}</code> #{entry.position}: {entry.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </article>
  );
}
