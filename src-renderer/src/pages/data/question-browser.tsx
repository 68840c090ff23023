import { useState } from 'react';

import type { DatasetSummary } from '@contract/data';
import { getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { CountryGroups } from './country-groups';
import { QuestionDetail } from './question-detail';

const PAGE = 25;

/** Questions of a dataset by topic (with counts) and words, each opening every country's human answers. */
export function QuestionBrowser({ datasets }: { datasets: readonly DatasetSummary[] }) {
  const [datasetId, setDatasetId] = useState(datasets[0]?.id);
  const [topic, setTopic] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<string>();
  const topics = useApiQuery(
    () => (datasetId === undefined ? Promise.resolve([]) : getApi().data.topics({ datasetId })),
    [datasetId],
  );
  const page = useApiQuery(
    () =>
      datasetId === undefined
        ? Promise.resolve({ total: 0, questions: [] })
        : getApi().data.questions({
            datasetId,
            ...(topic !== '' ? { topic } : {}),
            ...(search.trim() !== '' ? { search: search.trim() } : {}),
            offset,
            limit: PAGE,
          }),
    [datasetId, topic, search, offset],
  );
  if (datasetId === undefined) return null;
  const total = page.data?.total ?? 0;
  const narrowed = (apply: () => void) => {
    apply();
    setOffset(0);
    setOpen(undefined);
  };

  return (
    <section aria-label="Question browser">
      <h2 className="section-title">Questions and human answers</h2>
      <div className="inline-form">
        <label>
          Browse dataset{' '}
          <select
            value={datasetId}
            onChange={(event) => narrowed(() => setDatasetId(Number(event.target.value)))}
          >
            {datasets.map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Topic{' '}
          <select value={topic} onChange={(event) => narrowed(() => setTopic(event.target.value))}>
            <option value="">all topics</option>
            {(topics.data ?? []).map((entry) => (
              <option key={entry.topic} value={entry.topic}>
                {entry.topic} ({entry.questions})
              </option>
            ))}
          </select>
        </label>
        <label>
          Search{' '}
          <input
            type="search"
            value={search}
            onChange={(event) => narrowed(() => setSearch(event.target.value))}
            placeholder="words or question id"
          />
        </label>
      </div>
      {page.error !== undefined && <ErrorBox message={page.error} onRetry={page.reload} />}
      <table className="data-table" aria-label="Questions">
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Topic</th>
            <th scope="col">Options</th>
            <th scope="col">Countries</th>
          </tr>
        </thead>
        <tbody>
          {(page.data?.questions ?? []).map((question) => (
            <tr key={question.id} className={open === question.id ? 'selected' : undefined}>
              <td>
                <button type="button" className="link-button" onClick={() => setOpen(question.id)}>
                  {question.text}
                </button>
                <div className="muted">{question.id}</div>
              </td>
              <td>{question.topic ?? 'unassigned'}</td>
              <td>
                {question.options.length} ({question.scaleType})
              </td>
              <td>{question.countries}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="page-actions">
        <span className="muted">
          {total === 0
            ? 'No question matches.'
            : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}
        </span>
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </button>
        <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </button>
      </div>
      {open !== undefined && <QuestionDetail datasetId={datasetId} questionId={open} />}
      <CountryGroups datasetId={datasetId} />
    </section>
  );
}
