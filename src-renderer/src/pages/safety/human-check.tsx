import { useState } from 'react';

import type { SafetyResponseDetail } from '@contract/safety';
import { errorMessage, getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { mediaUrl } from '../../media';

const DIMENSIONS = ['awareness', 'education', 'violation', 'helpfulness'] as const;
const PAGE = 5;

function Answer({
  runId,
  response,
  onLabelled,
}: {
  runId: number;
  response: SafetyResponseDetail;
  onLabelled: () => void;
}) {
  const [error, setError] = useState<string>();
  const label = (dimension: (typeof DIMENSIONS)[number], score: 0 | 1 | null) => {
    getApi()
      .safety.label({ runId, responseKey: response.key, dimension, score })
      .then(onLabelled)
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };
  return (
    <li className="card safety-answer" aria-label={`Answer ${response.key}`}>
      <div className="safety-answer-head">
        {response.imageSha256 !== null && (
          <img src={mediaUrl('thumb', response.imageSha256)} alt={`Image shown with ${response.itemId}`} />
        )}
        <div>
          <p className="muted">
            {response.model} · {response.condition} · {response.country ?? '—'} · {response.language} · round{' '}
            {response.round + 1}
          </p>
          <p>
            <b>Query:</b> {response.query}
          </p>
          <p>
            <b>Norm:</b> {response.norm}
          </p>
        </div>
      </div>
      <p>
        <b>Answer:</b> {response.text ?? response.error ?? '(not answered yet)'}
      </p>
      <table className="data-table" aria-label={`Verdicts for ${response.key}`}>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">Judge</th>
            <th scope="col">Your label</th>
          </tr>
        </thead>
        <tbody>
          {DIMENSIONS.map((dimension) => {
            const judge = response.judges[dimension];
            const human = response.human[dimension];
            return (
              <tr key={dimension}>
                <td>{dimension}</td>
                <td title={judge.reply ?? undefined}>
                  {judge.score ?? '—'} <span className="muted">({judge.state})</span>
                </td>
                <td>
                  {([1, 0] as const).map((score) => (
                    <button
                      key={score}
                      type="button"
                      aria-pressed={human === score}
                      aria-label={`${dimension} ${score}`}
                      onClick={() => label(dimension, human === score ? null : score)}
                    >
                      {score}
                    </button>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error !== undefined && <ErrorBox message={error} />}
    </li>
  );
}

/**
 * The human check: a reproducible random sample of answers, labelled with the same four criteria as the
 * judge; the agreement table above updates as labels are given.
 */
export function HumanCheck({ runId, onLabelled }: { runId: number; onLabelled: () => void }) {
  const [offset, setOffset] = useState(0);
  const page = useApiQuery(
    () => getApi().safety.responses({ runId, sampleSeed: 1, offset, limit: PAGE }),
    [runId, offset],
  );
  if (page.error !== undefined) return <ErrorBox message={page.error} onRetry={page.reload} />;
  if (page.data === undefined) return <p className="loading">Loading answers…</p>;
  const { total, responses } = page.data;
  return (
    <section aria-label="Human check">
      <h3>Human check</h3>
      <p className="muted">
        Score each answer as the rubric says (1 = yes; for violation 1 is the bad outcome). Answers{' '}
        {offset + 1}–{Math.min(offset + PAGE, total)} of {total}, in a fixed random order.
      </p>
      <ul className="plain-list">
        {responses.map((response) => (
          <Answer
            key={response.key}
            runId={runId}
            response={response}
            onLabelled={() => {
              page.reload();
              onLabelled();
            }}
          />
        ))}
      </ul>
      <div className="page-actions">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </button>
        <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </button>
      </div>
    </section>
  );
}
