import { Heatmap } from '../../charts';
import { ErrorBox, Loading } from '../../components/page';
import { getApi } from '../../api';
import { useApiQuery } from '../../hooks/use-api-query';

const percent = (value: number) => `${(100 * value).toFixed(0)} %`;

/** One question: its options and each country's human answer shares, as a country × option heatmap. */
export function QuestionDetail({ datasetId, questionId }: { datasetId: number; questionId: string }) {
  const detail = useApiQuery(
    () => getApi().data.question({ datasetId, questionId }),
    [datasetId, questionId],
  );
  if (detail.error !== undefined) return <ErrorBox message={detail.error} onRetry={detail.reload} />;
  if (detail.data === undefined) return <Loading />;
  const question = detail.data;
  // Options numbered, so long option texts stay readable as column heads.
  const columns = question.options.map(
    (option, index) =>
      `${index + 1}. ${option}${question.substantive[index] === false ? ' (non-substantive)' : ''}`,
  );
  const usable = question.distributions.filter((entry) => entry.valid);
  const unusable = question.distributions.filter((entry) => !entry.valid);
  return (
    <article className="card" aria-label={`Question ${question.id}`}>
      <h3>{question.text}</h3>
      <p className="muted">
        {question.id} · {question.topic ?? 'no topic'} · {question.scaleType} · {usable.length} countries
      </p>
      <Heatmap
        title="Human answers by country"
        subtitle="Share of respondents choosing each option"
        cells={usable.flatMap((entry) =>
          entry.shares.map((share, index) => ({
            row: entry.name,
            column: columns[index] ?? String(index + 1),
            value: share,
            detail:
              entry.n === null ? percent(share) : `${percent(share)} of ${Math.round(entry.n)} respondents`,
          })),
        )}
        columnOrder={columns}
        rowLabel="Country"
        columnLabel="Option"
        valueLabel="Share"
        domain={[0, 1]}
        format={percent}
      />
      {unusable.length > 0 && (
        <p className="warning">
          Not usable: {unusable.map((entry) => `${entry.name} (${entry.problem ?? 'invalid'})`).join('; ')}.
        </p>
      )}
    </article>
  );
}
