import { useState } from 'react';

import type { ImportReport } from '../../../../src-main/api/contract/data';
import { errorMessage, getApi } from '../../api';
import { EmptyState, ErrorBox, Page } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';

export function DataPage() {
  const datasets = useApiQuery(() => getApi().data.datasets({}), []);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [report, setReport] = useState<ImportReport>();

  const importFile = () => {
    setBusy(true);
    setError(undefined);
    setReport(undefined);
    getApi()
      .data.importGoqa({ path: path.trim() })
      .then((result) => {
        setReport(result);
        datasets.reload();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };

  return (
    <Page title="Data" subtitle="Survey questions with each country's real answer distribution">
      <article className="card">
        <h2>Import GlobalOpinionQA</h2>
        <p className="muted">
          The file <code>global_opinions.csv</code> from the Hugging Face dataset
          Anthropic/llm_global_opinions (CC BY-NC-SA 4.0), or its JSONL pairs. Only the World Values Survey
          rows are imported.
        </p>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            importFile();
          }}
        >
          <label>
            File path{' '}
            <input
              value={path}
              onChange={(event) => setPath(event.target.value)}
              placeholder="/path/to/global_opinions.csv"
              size={60}
            />
          </label>
          <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </form>
        {error !== undefined && <ErrorBox message={error} />}
        {report !== undefined && (
          <p role="status">
            Imported dataset {report.datasetId}: {report.questions} questions, {report.validPairs} country
            distributions
            {report.invalidPairs > 0 ? `, ${report.invalidPairs} flagged invalid` : ''}
            {report.unresolvedCountries.length > 0
              ? `; countries not recognised: ${report.unresolvedCountries.join(', ')}`
              : ''}
            .
          </p>
        )}
      </article>
      <h2 className="section-title">Datasets</h2>
      {datasets.error !== undefined && <ErrorBox message={datasets.error} onRetry={datasets.reload} />}
      {datasets.data !== undefined && datasets.data.length === 0 && (
        <EmptyState title="No survey data yet">
          <p>Import the GlobalOpinionQA file above. Value Atlas ships no third-party data.</p>
        </EmptyState>
      )}
      {datasets.data !== undefined && datasets.data.length > 0 && (
        <table className="data-table" aria-label="Datasets">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Dataset</th>
              <th scope="col">Questions</th>
              <th scope="col">Country distributions</th>
              <th scope="col">Licence and citation</th>
            </tr>
          </thead>
          <tbody>
            {datasets.data.map((dataset) => (
              <tr key={dataset.id}>
                <td>{dataset.id}</td>
                <td>
                  {dataset.name}
                  <div className="muted">imported {new Date(dataset.importedAt).toLocaleString()}</div>
                </td>
                <td>{dataset.questions}</td>
                <td>{dataset.pairs}</td>
                <td>
                  <strong>{dataset.licence}</strong>
                  <div className="muted">{dataset.citation}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
