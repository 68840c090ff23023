import { useState } from 'react';

import type { DollarStreetIndexResult } from '../../../../src-main/api/contract/dollarstreet';
import { getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useAction } from '../../hooks/use-action';

/** Reads the Dollar Street index (photo addresses and their facts); no photo is fetched here. */
export function DollarStreetIndex({ hasIndex, onImported }: { hasIndex: boolean; onImported: () => void }) {
  const [path, setPath] = useState('');
  const action = useAction<DollarStreetIndexResult>(() => onImported());
  const { busy, error, result: report } = action;

  const run = () => action.run(() => getApi().dollarstreet.importIndex({ path: path.trim() }));

  return (
    <article className="card">
      <h2>Dollar Street index</h2>
      <p className="muted">
        The <code>metadata.csv</code> of facebookresearch/dollarstreet_factors: one row per photo with its
        address, country, monthly household income and topics. Importing it downloads nothing; photos are
        fetched only when you press Download below.
        {hasIndex ? ' Importing again replaces the index; photos already downloaded stay.' : ''}
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label>
          Index file{' '}
          <input
            value={path}
            onChange={(event) => setPath(event.target.value)}
            placeholder="/path/to/metadata.csv"
            size={48}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
          {busy ? 'Importing…' : 'Import index'}
        </button>
      </form>
      {error !== undefined && <ErrorBox message={error} />}
      {report !== undefined && (
        <div role="status">
          <p>
            Read {report.rows} photos of {report.households} households in {report.countries} countries, with{' '}
            {report.labels} topics.
            {report.unresolvedCountries.length > 0
              ? ` Countries not recognised (their photos cannot be downloaded): ${report.unresolvedCountries.join(', ')}.`
              : ''}
          </p>
          {report.skipped.length > 0 && (
            <details>
              <summary>{report.skipped.length} rows skipped</summary>
              <ul>
                {report.skipped.map((entry) => (
                  <li key={entry.line}>
                    Line {entry.line}: {entry.reason}
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
