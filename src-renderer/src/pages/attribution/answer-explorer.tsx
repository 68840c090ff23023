import { useState } from 'react';

import { getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { mediaUrl } from '../../media';

/** The answers for one counterfactual set: each context's image, the prompt, the reply and what was read. */
export function AnswerExplorer({ runId, setIds }: { runId: number; setIds: string[] }) {
  const [setId, setSetId] = useState(setIds[0] ?? '');
  const page = useApiQuery(() => getApi().attribution.answers({ runId, setId, limit: 200 }), [runId, setId]);
  return (
    <section aria-label="Answers">
      <h3>Answers of one set</h3>
      <label>
        Set{' '}
        <select value={setId} onChange={(event) => setSetId(event.target.value)}>
          {setIds.map((id) => (
            <option key={id} value={id}>
              {id === 'blank' ? 'blank-image baseline' : id}
            </option>
          ))}
        </select>
      </label>
      {page.error !== undefined && <ErrorBox message={page.error} onRetry={page.reload} />}
      <ul className="plain-list">
        {(page.data?.answers ?? []).map((answer) => (
          <li key={answer.key} className="card safety-answer" aria-label={`Answer ${answer.key}`}>
            <div className="safety-answer-head">
              {answer.imageSha256 !== null && (
                <img
                  src={mediaUrl('image', answer.imageSha256)}
                  alt={`${answer.setId} in the ${answer.context} context`}
                />
              )}
              <div>
                <p className="muted">
                  {answer.model} · {answer.context} · {answer.kind} · sample {answer.sample + 1}
                </p>
                <p>
                  <b>Prompt:</b> {answer.prompt}
                </p>
                <p>
                  <b>Reply:</b> {answer.text ?? answer.error ?? '(not answered yet)'}
                </p>
                <p>
                  {answer.refusal !== null ? (
                    <span className="warning">Refusal ({answer.refusal})</span>
                  ) : (
                    <>
                      <b>Values read:</b> {answer.values.join(', ') || '—'}
                    </>
                  )}
                </p>
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
