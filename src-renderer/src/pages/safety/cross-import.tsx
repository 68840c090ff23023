import { useState } from 'react';

import { getApi } from '../../api';
import { ImportForm, LeftOut } from '../../components/import-form';

/** Imports the CROSS benchmark from a folder the user downloaded (the app never ships or fetches it itself). */
export function CrossImport({ onImported }: { onImported: () => void }) {
  const [imagesPath, setImagesPath] = useState('');
  return (
    <ImportForm
      title="Import the benchmark"
      intro={
        <>
          Point to a local copy of the CROSS repository (its <code>data/casa/english.json</code> and siblings,
          and <code>images/</code> when you have them). The benchmark has no licence: it stays on this
          machine.
        </>
      }
      pathLabel="CROSS folder or file"
      submitLabel="Import CROSS"
      options={
        <label>
          Images folder (optional){' '}
          <input value={imagesPath} onChange={(event) => setImagesPath(event.target.value)} size={30} />
        </label>
      }
      run={(path) =>
        getApi().safety.importCross({
          path,
          ...(imagesPath.trim() !== '' ? { imagesPath: imagesPath.trim() } : {}),
        })
      }
      report={(report) => (
        <>
          <p>
            Added {report.added} queries ({report.updated} updated);{' '}
            {report.images.folder === null
              ? 'no images yet: queries run text-only until their images are imported.'
              : `${report.images.linked} images linked, ${report.images.missing} not found.`}
          </p>
          <LeftOut
            title="records rejected"
            items={report.rejected.map((entry) => `${entry.file} #${entry.position}: ${entry.reason}`)}
          />
        </>
      )}
      onImported={onImported}
    />
  );
}
