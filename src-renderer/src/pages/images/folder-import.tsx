import { useState } from 'react';

import type { ImageImportResult } from '@contract/images';
import { getApi } from '../../api';
import { ImportForm, LeftOut } from '../../components/import-form';

/** Imports a folder laid out as Country/Category/image.jpg; the files stay where they are. */
export function FolderImport({ onImported }: { onImported: () => void }) {
  const [licence, setLicence] = useState('');
  return (
    <ImportForm
      title="Import a folder"
      intro={
        <>
          Lay it out as <code>Country/Category/image.jpg</code> (country names or ISO codes), for example{' '}
          <code>Japan/food/ramen.jpg</code>.
        </>
      }
      pathLabel="Folder"
      placeholder="/path/to/images"
      options={
        <label>
          Licence{' '}
          <input
            value={licence}
            onChange={(event) => setLicence(event.target.value)}
            placeholder="e.g. CC BY 4.0"
          />
        </label>
      }
      run={(path) =>
        getApi().images.importFolder({ path, ...(licence.trim() !== '' ? { licence: licence.trim() } : {}) })
      }
      report={(report) => <ImportReport report={report} />}
      onImported={onImported}
    />
  );
}

/** What an image import did: added, already there, and each skipped file with its reason. */
export function ImportReport({
  report,
}: {
  report: Pick<ImageImportResult, 'added' | 'duplicates' | 'skipped'>;
}) {
  return (
    <>
      <p>
        Added {report.added} images ({report.duplicates} already in the library).
      </p>
      <LeftOut
        title="files skipped"
        items={report.skipped.map((entry) => `${entry.file}: ${entry.reason}`)}
      />
    </>
  );
}
