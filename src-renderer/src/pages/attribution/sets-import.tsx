import { useState } from 'react';

import type { CounterfactualImportResult } from '../../../../src-main/api/contract/attribution';
import { getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useAction } from '../../hooks/use-action';

const DIMENSIONS = ['', 'religion', 'nationality', 'socioeconomic'] as const;

/** Imports counterfactual sets: a folder `<set_id>/<set_id>_<context>.png` (with optional metadata) or a manifest. */
export function SetsImport({ onImported }: { onImported: () => void }) {
  const [path, setPath] = useState('');
  const [metadata, setMetadata] = useState('');
  const [dimension, setDimension] = useState<(typeof DIMENSIONS)[number]>('');
  const action = useAction<CounterfactualImportResult>(() => onImported());
  const { busy, error, result: report } = action;

  const run = () =>
    action.run(() =>
      getApi().attribution.importSets({
        path: path.trim(),
        ...(metadata.trim() !== '' ? { metadataPath: metadata.trim() } : {}),
        ...(dimension !== '' ? { dimension } : {}),
      }),
    );

  return (
    <article className="card">
      <h2>Import counterfactual sets</h2>
      <p className="muted">
        The same person in different contexts: a folder laid out <code>set_id/set_id_context.png</code> (as in
        Cultural Counterfactuals), or a CSV/JSON manifest with <code>set_id, context, path</code>.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label>
          Sets folder or manifest{' '}
          <input value={path} onChange={(event) => setPath(event.target.value)} size={40} />
        </label>
        <label>
          Metadata (optional){' '}
          <input value={metadata} onChange={(event) => setMetadata(event.target.value)} size={24} />
        </label>
        <label>
          Dimension{' '}
          <select
            value={dimension}
            onChange={(event) => setDimension(event.target.value as typeof dimension)}
          >
            {DIMENSIONS.map((entry) => (
              <option key={entry} value={entry}>
                {entry === '' ? 'from the files' : entry}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
          {busy ? 'Importing…' : 'Import sets'}
        </button>
      </form>
      {error !== undefined && <ErrorBox message={error} />}
      {report !== undefined && (
        <div role="status">
          <p>
            Added {report.added} sets ({report.replaced} replaced), {report.images} images.
          </p>
          {report.warnings.map((warning) => (
            <p key={warning} className="warning">
              {warning}
            </p>
          ))}
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
      )}
    </article>
  );
}
