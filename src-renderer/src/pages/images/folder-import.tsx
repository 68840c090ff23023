import { useState } from 'react';

import type { ImageImportResult } from '../../../../src-main/api/contract/images';
import { getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useAction } from '../../hooks/use-action';

/** Imports a folder laid out as Country/Category/image.jpg; the files stay where they are. */
export function FolderImport({ onImported }: { onImported: () => void }) {
  const [path, setPath] = useState('');
  const [licence, setLicence] = useState('');
  const action = useAction<ImageImportResult>(() => onImported());
  const { busy, error, result: report } = action;

  const importFolder = () =>
    action.run(() =>
      getApi().images.importFolder({
        path: path.trim(),
        ...(licence.trim() !== '' ? { licence: licence.trim() } : {}),
      }),
    );

  return (
    <article className="card">
      <h2>Import a folder</h2>
      <p className="muted">
        Lay it out as <code>Country/Category/image.jpg</code> (country names or ISO codes), for example{' '}
        <code>Japan/food/ramen.jpg</code>.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          importFolder();
        }}
      >
        <label>
          Folder{' '}
          <input
            value={path}
            onChange={(event) => setPath(event.target.value)}
            placeholder="/path/to/images"
            size={48}
          />
        </label>
        <label>
          Licence{' '}
          <input
            value={licence}
            onChange={(event) => setLicence(event.target.value)}
            placeholder="e.g. CC BY 4.0"
          />
        </label>
        <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {error !== undefined && <ErrorBox message={error} />}
      {report !== undefined && <ImportReport report={report} />}
    </article>
  );
}

/** What an image import did: added, already there, and each skipped file with its reason. */
export function ImportReport({
  report,
}: {
  report: Pick<ImageImportResult, 'added' | 'duplicates' | 'skipped'>;
}) {
  return (
    <div role="status">
      <p>
        Added {report.added} images ({report.duplicates} already in the library).
      </p>
      {report.skipped.length > 0 && (
        <details>
          <summary>{report.skipped.length} files skipped</summary>
          <ul>
            {report.skipped.map((entry) => (
              <li key={entry.file}>
                <code>{entry.file}</code>: {entry.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
