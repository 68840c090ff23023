import { useState } from 'react';

import type { ItemDetail } from '@contract/runs';
import { getApi } from '../../api';
import { DistributionCompare } from '../../charts';
import { formatNumber } from '../../components/format';
import { mediaUrl } from '../../media';
import { ErrorBox } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';

const PAGE = 25;

function ItemDrillDown({ detail }: { detail: ItemDetail }) {
  const letters = detail.options.map((_, index) =>
    String.fromCharCode(65 + detail.permutation.indexOf(index)),
  );
  return (
    <div className="drill-down">
      <DistributionCompare
        title={`${detail.questionId} · ${detail.country} · condition ${detail.condition}`}
        subtitle={detail.questionText}
        options={detail.options.map((option, index) => ({
          option: `(${letters[index] ?? '?'}) ${option}`,
          model: detail.predicted?.[index] ?? null,
          human:
            detail.human === null
              ? null
              : (detail.human[index] ?? 0) / detail.human.reduce((a, b) => a + b, 0),
        }))}
        modelLabel={`Model (${detail.model})`}
        humanLabel={`People of ${detail.country}`}
        coverage={detail.coverage}
        {...(detail.similarity !== null ? { similarity: detail.similarity } : {})}
      />
      <div className="drill-down-facts">
        <dl className="key-values">
          <div>
            <dt>Image</dt>
            <dd>
              {detail.imageSha256 !== null && (
                <img
                  className="drill-image"
                  src={mediaUrl('image', detail.imageSha256)}
                  alt={`Image shown to the model (${detail.imageCountry ?? 'library'})`}
                />
              )}
              {detail.imageId === null
                ? 'none (text only)'
                : `#${detail.imageId}${detail.imageCountry !== null ? ` from ${detail.imageCountry}` : ''}`}
            </dd>
          </div>
          <div>
            <dt>Similarity</dt>
            <dd>
              {formatNumber(detail.similarity)} (substantive options only:{' '}
              {formatNumber(detail.metricsSubstantive.jsSimilarity ?? null)})
            </dd>
          </div>
          <div>
            <dt>Wasserstein</dt>
            <dd>{formatNumber(detail.metrics.wasserstein ?? null)}</dd>
          </div>
          <div>
            <dt>Majority agrees</dt>
            <dd>
              {detail.metrics.majorityAgreement === 1
                ? 'yes'
                : detail.metrics.majorityAgreement === 0
                  ? 'no'
                  : '—'}
            </dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd>
              {detail.promptTokens ?? '—'} evaluated, {detail.cachedTokens ?? '—'} reused from the prefix
              {detail.fromCache ? ' (result cache)' : ''}
            </dd>
          </div>
        </dl>
        <h3>Top next tokens</h3>
        <ol className="token-list">
          {detail.topTokens.slice(0, 10).map((token, index) => (
            <li key={index}>
              <code>{JSON.stringify(token.token)}</code> {(token.prob * 100).toFixed(2)} %
            </li>
          ))}
        </ol>
        <h3>Exact prompt</h3>
        <pre className="prompt-text">{detail.promptText ?? '—'}</pre>
      </div>
    </div>
  );
}

/** The worst-aligned items first, with a drill-down to the exact prompt and both distributions. */
export function ItemExplorer({
  runId,
  condition,
  model,
}: {
  runId: number;
  condition: string;
  model: string;
}) {
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string>();
  const [search, setSearch] = useState('');
  const page = useApiQuery(
    () =>
      getApi().runs.items({
        runId,
        condition,
        model,
        sort: 'similarity-asc',
        offset,
        limit: PAGE,
        ...(search.trim() !== '' ? { search: search.trim() } : {}),
      }),
    [runId, condition, model, offset, search],
  );
  const detail = useApiQuery(
    () =>
      selected === undefined ? Promise.resolve(undefined) : getApi().runs.item({ runId, itemKey: selected }),
    [runId, selected],
  );

  return (
    <article className="card wide">
      <header className="page-header">
        <h2>Items, least aligned first</h2>
        <input
          type="search"
          placeholder="Search questions…"
          aria-label="Search questions"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setOffset(0);
          }}
        />
      </header>
      {page.error !== undefined && <ErrorBox message={page.error} onRetry={page.reload} />}
      {page.data !== undefined && (
        <>
          <table className="data-table" aria-label="Scored items">
            <thead>
              <tr>
                <th scope="col">Question</th>
                <th scope="col">Country</th>
                <th scope="col">Topic</th>
                <th scope="col">Similarity</th>
                <th scope="col">Coverage</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((item) => (
                <tr key={item.itemKey} className={item.itemKey === selected ? 'selected' : undefined}>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(item.itemKey)}>
                      {item.questionId}
                    </button>{' '}
                    <span className="muted">{item.questionText.slice(0, 90)}</span>
                  </td>
                  <td>{item.country}</td>
                  <td>{item.topic}</td>
                  <td>{formatNumber(item.similarity)}</td>
                  <td className={item.included ? undefined : 'muted'}>
                    {(item.coverage * 100).toFixed(1)} %{item.included ? '' : ' (excluded)'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Previous
            </button>
            <span>
              {page.data.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, page.data.total)} of{' '}
              {page.data.total}
            </span>
            <button
              type="button"
              disabled={offset + PAGE >= page.data.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Next
            </button>
          </div>
        </>
      )}
      {detail.error !== undefined && <ErrorBox message={detail.error} />}
      {detail.data !== undefined && <ItemDrillDown detail={detail.data} />}
    </article>
  );
}
