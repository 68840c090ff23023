import { getApi } from '../../api';
import { ErrorBox, Loading } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { CatalogueEntry } from './catalogue-entry';
import type { Downloads } from './use-downloads';

/** The catalogue's model pairs; nothing is fetched until the user presses Download on one of them. */
export function Catalogue({
  downloads,
  modelsFolder,
  onLookAgain,
}: {
  downloads: Downloads;
  modelsFolder: string;
  onLookAgain: () => void;
}) {
  const catalogue = useApiQuery(() => getApi().downloads.catalogue({}), []);
  const entries = (catalogue.data ?? []).filter((entry) => entry.kind === 'model');
  return (
    <section aria-labelledby="catalogue-title">
      <h2 className="section-title" id="catalogue-title">
        Download from the catalogue
      </h2>
      <p className="muted">
        Recommended pairs of a text model and its projector. Each goes into its own folder in{' '}
        <code>{modelsFolder}</code>. Read the licence before you use a model.
      </p>
      {catalogue.error !== undefined && <ErrorBox message={catalogue.error} onRetry={catalogue.reload} />}
      {catalogue.data === undefined && catalogue.error === undefined && <Loading label="Reading the catalogue…" />}
      {downloads.error !== undefined && <ErrorBox message={downloads.error} onRetry={downloads.reload} />}
      <div className="card-grid">
        {entries.map((entry) => (
          <CatalogueEntry
            key={entry.id}
            entry={entry}
            downloads={downloads}
            modelsFolder={modelsFolder}
            onLookAgain={onLookAgain}
          />
        ))}
      </div>
    </section>
  );
}
