import type { DollarStreetSelection } from '@contract/dollarstreet';

/** Incomes are monthly, per household, in US dollars at purchasing-power parity, as Dollar Street gives them. */
export function formatIncome(value: number | null): string {
  return value === null ? '—' : `$${Math.round(value)}`;
}

/** What the imported index holds, with the licence and credit every downloaded photo carries. */
export function DollarStreetSummary({ summary }: { summary: DollarStreetSelection }) {
  const countries = summary.byCountry.filter((entry) => entry.photos > 0).length;
  return (
    <article className="card" aria-labelledby="dollarstreet-summary">
      <h2 id="dollarstreet-summary">In the index</h2>
      <dl className="key-values inline">
        <div>
          <dt>Photos</dt>
          <dd>{summary.photos}</dd>
        </div>
        <div>
          <dt>Households</dt>
          <dd>{summary.households}</dd>
        </div>
        <div>
          <dt>Countries</dt>
          <dd>{countries}</dd>
        </div>
        <div>
          <dt>Monthly income</dt>
          <dd>
            {formatIncome(summary.incomeMin)} to {formatIncome(summary.incomeMax)} (median{' '}
            {formatIncome(summary.incomeMedian)})
          </dd>
        </div>
        <div>
          <dt>In the library</dt>
          <dd>{summary.downloaded} photos</dd>
        </div>
      </dl>
      <p>
        <strong>Licence: {summary.licence}.</strong> {summary.attribution}
      </p>
    </article>
  );
}
