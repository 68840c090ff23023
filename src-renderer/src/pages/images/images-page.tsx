import { useCallback, useState } from 'react';

import { getApi } from '../../api';
import { BarsWithCI } from '../../charts';
import { EmptyState, ErrorBox, Page } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { mediaUrl } from '../../media';
import { DollarStreetPicker } from './dollar-street';
import { DropImport } from './drop-import';
import { FolderImport } from './folder-import';

const SOURCES = [
  { id: 'folder', label: 'Photos on this computer' },
  { id: 'drop', label: 'Dropped files' },
  { id: 'dollarstreet', label: 'Dollar Street' },
] as const;

type Source = (typeof SOURCES)[number]['id'];

export function ImagesPage() {
  const counts = useApiQuery(() => getApi().images.counts({}), []);
  const gallery = useApiQuery(() => getApi().images.list({}), []);
  const [source, setSource] = useState<Source>('folder');
  const { reload: reloadCounts } = counts;
  const { reload: reloadGallery } = gallery;
  const added = useCallback(() => {
    reloadCounts();
    reloadGallery();
  }, [reloadCounts, reloadGallery]);

  return (
    <Page
      title="Images"
      subtitle="Culturally specific images by country; files stay where they are and are never changed"
    >
      {/* One source at a time keeps each form short and its field names unambiguous. */}
      <fieldset className="inline-form">
        <legend>Add images from</legend>
        {SOURCES.map((entry) => (
          <label key={entry.id}>
            <input
              type="radio"
              name="image-source"
              value={entry.id}
              checked={source === entry.id}
              onChange={() => setSource(entry.id)}
            />{' '}
            {entry.label}
          </label>
        ))}
      </fieldset>
      {source === 'folder' && <FolderImport onImported={added} />}
      {source === 'drop' && <DropImport onImported={added} />}
      {source === 'dollarstreet' && <DollarStreetPicker onDownloaded={added} />}
      {counts.error !== undefined && <ErrorBox message={counts.error} onRetry={counts.reload} />}
      {counts.data !== undefined && counts.data.length === 0 && (
        <EmptyState title="No images yet">
          <p>
            Import a folder or download Dollar Street photos above. Images are needed for the image conditions
            (I, T+I, conflict); T and blank need none.
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
