import { useState } from 'react';

import { getApi } from '../../api';
import { EmptyState, ErrorBox, Page } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { CulturalMapImport, IncomeGroupsImport, TopicMapImport } from './reference-importers';
import { QuestionBrowser } from './question-browser';
import { GoqaImport, WvsBankImport, WvsRespondentsImport } from './survey-importers';

const IMPORTERS = [
  { id: 'goqa', label: 'GlobalOpinionQA' },
  { id: 'wvs-bank', label: 'WVS-7 question bank' },
  { id: 'wvs', label: 'WVS-7 respondents' },
  { id: 'map', label: 'Cultural map' },
  { id: 'income', label: 'Income groups' },
  { id: 'topics', label: 'Topic map' },
] as const;

type ImporterId = (typeof IMPORTERS)[number]['id'];

export function DataPage() {
  const datasets = useApiQuery(() => getApi().data.datasets({}), []);
  const [importer, setImporter] = useState<ImporterId>('goqa');

  return (
    <Page title="Data" subtitle="Survey questions with each country's real answer distribution">
      {/* One importer at a time: each has a single path field and Import button, never two on screen. */}
      <fieldset className="inline-form">
        <legend>What to import</legend>
        {IMPORTERS.map((entry) => (
          <label key={entry.id}>
            <input
              type="radio"
              name="importer"
              value={entry.id}
              checked={importer === entry.id}
              onChange={() => setImporter(entry.id)}
            />{' '}
            {entry.label}
          </label>
        ))}
      </fieldset>
      {importer === 'goqa' && <GoqaImport onImported={datasets.reload} />}
      {importer === 'wvs-bank' && <WvsBankImport onImported={datasets.reload} />}
      {importer === 'wvs' && <WvsRespondentsImport onImported={datasets.reload} />}
      {importer === 'map' && <CulturalMapImport />}
      {importer === 'income' && <IncomeGroupsImport />}
      {importer === 'topics' &&
        (datasets.data !== undefined && datasets.data.length === 0 ? (
          <ErrorBox message="No dataset yet: import GlobalOpinionQA or WVS respondents first, then its topics." />
        ) : (
          <TopicMapImport datasets={datasets.data ?? []} />
        ))}
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
      {datasets.data !== undefined && datasets.data.length > 0 && (
        <QuestionBrowser datasets={datasets.data} />
      )}
    </Page>
  );
}
