import { useState, type DragEvent } from 'react';

import type { ImageImportResult } from '@contract/images';
import { getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useAction } from '../../hooks/use-action';
import { ImportReport } from './folder-import';

type Summary = Pick<ImageImportResult, 'added' | 'duplicates' | 'skipped'>;

/** A file's bytes as base64, in slices (a whole image spread into one call would overflow the stack). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/**
 * Images dropped on the page or chosen with the file picker (the keyboard way), sent one by one as bytes:
 * the library keeps its own copies. One country, category and licence for the whole drop.
 */
export function DropImport({ onImported }: { onImported: () => void }) {
  const [country, setCountry] = useState('');
  const [category, setCategory] = useState('');
  const [licence, setLicence] = useState('');
  const [over, setOver] = useState(false);
  const action = useAction<Summary>(() => onImported());

  const send = (files: File[]) => {
    if (files.length === 0) return;
    action.run(async () => {
      const total: Summary = { added: 0, duplicates: 0, skipped: [] };
      for (const file of files) {
        const report = await getApi().images.importDropped({
          files: [{ name: file.name, dataBase64: await base64Of(file) }],
          country: country.trim(),
          ...(category.trim() !== '' ? { category: category.trim() } : {}),
          ...(licence.trim() !== '' ? { licence: licence.trim() } : {}),
        });
        total.added += report.added;
        total.duplicates += report.duplicates;
        total.skipped.push(...report.skipped);
      }
      return total;
    });
  };
  const ready = country.trim() !== '' && !action.busy;
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (ready) send([...event.dataTransfer.files]);
  };

  return (
    <article className="card">
      <h2>Drop images</h2>
      <p className="muted">
        Say which country the images show, then drop them below or choose them. The library keeps its own copy
        of each; the originals are only read.
      </p>
      <div className="inline-form">
        <label>
          Country{' '}
          <input
            value={country}
            onChange={(event) => setCountry(event.target.value)}
            placeholder="JP or Japan"
          />
        </label>
        <label>
          Category{' '}
          <input value={category} onChange={(event) => setCategory(event.target.value)} placeholder="food" />
        </label>
        <label>
          Licence{' '}
          <input
            value={licence}
            onChange={(event) => setLicence(event.target.value)}
            placeholder="e.g. CC BY 4.0"
          />
        </label>
      </div>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        aria-label="Drop images here"
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {ready ? 'Drop images here, or ' : 'Give the country first, then drop images here or '}
        <label>
          choose files{' '}
          <input
            type="file"
            accept="image/*"
            multiple
            disabled={!ready}
            onChange={(event) => send([...(event.target.files ?? [])])}
          />
        </label>
      </div>
      {action.busy && <p role="status">Adding images…</p>}
      {action.error !== undefined && <ErrorBox message={action.error} />}
      {action.result !== undefined && !action.busy && (
        <div role="status">
          <ImportReport report={action.result} />
        </div>
      )}
    </article>
  );
}
