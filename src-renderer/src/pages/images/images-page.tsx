import { useState } from 'react';

import type { ImageImportResult } from '../../../../src-main/api/contract/images';
import { errorMessage, getApi } from '../../api';
import { BarsWithCI } from '../../charts';
import { EmptyState, ErrorBox, Page } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { mediaUrl } from '../../media';

export function ImagesPage() {
  const counts = useApiQuery(() => getApi().images.counts({}), []);
  const gallery = useApiQuery(() => getApi().images.list({}), []);
  const [path, setPath] = useState('');
  const [licence, setLicence] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [report, setReport] = useState<ImageImportResult>();

  const importFolder = () => {
    setBusy(true);
    setError(undefined);
    getApi()
      .images.importFolder({
        path: path.trim(),
        ...(licence.trim() !== '' ? { licence: licence.trim() } : {}),
      })
      .then((result) => {
        setReport(result);
        counts.reload();
        gallery.reload();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };

  return (
    <Page
      title="Images"
      subtitle="Culturally specific images by country; files stay where they are and are never changed"
    >
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
        {report !== undefined && (
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
        )}
      </article>
      {counts.error !== undefined && <ErrorBox message={counts.error} onRetry={counts.reload} />}
      {counts.data !== undefined && counts.data.length === 0 && (
        <EmptyState title="No images yet">
          <p>
            Import a folder above. Images are needed for the image conditions (I, T+I, conflict); T and blank
            need none.
          </p>
        </EmptyState>
      )}
      {gallery.data !== undefined && gallery.data.length > 0 && (
        <ul className="gallery" aria-label="Image library">
          {gallery.data.slice(0, 200).map((image) => (
            <li key={image.id}>
              <img
                src={mediaUrl('thumb', image.sha256)}
                alt={`${image.country} ${image.category ?? ''}`}
                loading="lazy"
              />
              <span>
                {image.country} · {image.category ?? '—'}
              </span>
              <span className="muted">{image.licence ?? 'licence not given'}</span>
            </li>
          ))}
        </ul>
      )}
      {counts.data !== undefined && counts.data.length > 0 && (
        <BarsWithCI
          title="Images per country"
          data={counts.data.map((row) => ({ group: row.country, value: row.images }))}
          groupLabel="Country"
          valueLabel="Images"
        />
      )}
    </Page>
  );
}
