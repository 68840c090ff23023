import { useState } from 'react';

import { getApi } from '../../api';
import { ImportForm, LeftOut } from '../../components/import-form';

const DIMENSIONS = ['', 'religion', 'nationality', 'socioeconomic'] as const;

/** Imports counterfactual sets: a folder `<set_id>/<set_id>_<context>.png` (with optional metadata) or a manifest. */
export function SetsImport({ onImported }: { onImported: () => void }) {
  const [metadata, setMetadata] = useState('');
  const [dimension, setDimension] = useState<(typeof DIMENSIONS)[number]>('');
  return (
    <ImportForm
      title="Import counterfactual sets"
      intro={
        <>
          The same person in different contexts: a folder laid out <code>set_id/set_id_context.png</code> (as
          in Cultural Counterfactuals), or a CSV/JSON manifest with <code>set_id, context, path</code>. A{' '}
          <code>set_id_person.png</code> is the person alone (a baseline).
        </>
      }
      pathLabel="Sets folder or manifest"
      submitLabel="Import sets"
      options={
        <>
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
        </>
      }
      run={(path) =>
        getApi().attribution.importSets({
          path,
          ...(metadata.trim() !== '' ? { metadataPath: metadata.trim() } : {}),
          ...(dimension !== '' ? { dimension } : {}),
        })
      }
      report={(report) => (
        <>
          <p>
            Added {report.added} sets ({report.replaced} replaced), {report.images} images.
          </p>
          {report.warnings.map((warning) => (
            <p key={warning} className="warning">
              {warning}
            </p>
          ))}
          <LeftOut
            title="files skipped"
            items={report.skipped.map((entry) => `${entry.file}: ${entry.reason}`)}
          />
        </>
      )}
      onImported={onImported}
    />
  );
}
