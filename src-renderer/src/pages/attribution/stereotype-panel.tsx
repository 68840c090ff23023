import { useState } from 'react';

import { getApi } from '../../api';
import { countryName } from '../../charts';
import { ErrorBox } from '../../components/page';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';

type Report = Awaited<ReturnType<ReturnType<typeof getApi>['attribution']['stereotype']>>;

const signed = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/**
 * Stereotype versus survey: do the values the model reads into a person placed in country X lean the way X's
 * real survey answers do? Needs a term → survey item mapping (the user's file) and survey data with those items.
 */
export function StereotypePanel({ runId }: { runId: number }) {
  const datasets = useApiQuery(() => getApi().data.datasets({}), []);
  const [mappingPath, setMappingPath] = useState('');
  const [datasetId, setDatasetId] = useState<number>();
  const action = useAction<Report>();
  const { busy, error, result: report } = action;
  const chosen = datasetId ?? datasets.data?.[0]?.id;

  const compare = () => {
    if (chosen === undefined) return;
    action.run(() =>
      getApi().attribution.stereotype({ runId, mappingPath: mappingPath.trim(), datasetId: chosen }),
    );
  };

  return (
    <section aria-label="Stereotype versus survey">
      <h3>Stereotype versus survey (national contexts)</h3>
      <p className="muted">
        A mapping file (CSV: <code>term,item,direction</code>) says which survey item a value word speaks to
        and which way. Agreement is the mean of direction × the country&apos;s standardised survey answer:
        above 0, the values attributed in that country lean the way its people answer.
      </p>
      {datasets.data !== undefined && datasets.data.length === 0 ? (
        <p className="muted">
          Import survey data (for example a WVS-7 respondent file) on the Data page first.
        </p>
      ) : (
        <form
          className="builder-row"
          onSubmit={(event) => {
            event.preventDefault();
            compare();
          }}
        >
          <label>
            Term mapping file{' '}
            <input
              value={mappingPath}
              onChange={(event) => setMappingPath(event.target.value)}
              size={40}
              required
            />
          </label>
          <label>
            Survey data{' '}
            <select value={chosen ?? ''} onChange={(event) => setDatasetId(Number(event.target.value))}>
              {(datasets.data ?? []).map((dataset) => (
                <option key={dataset.id} value={dataset.id}>
                  {dataset.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy || chosen === undefined}>
            Compare
          </button>
        </form>
      )}
      {error !== undefined && <ErrorBox message={error} />}
      {report !== undefined && <AgreementTable report={report} />}
    </section>
  );
}

function AgreementTable({ report }: { report: Report }) {
  const rows = report.countries;
  return (
    <>
      <table className="data-table" aria-label="Agreement with the survey per country">
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col">Values</th>
            <th scope="col">Mapped</th>
            <th scope="col">Votes</th>
            <th scope="col">Agreement</th>
            <th scope="col">Same direction</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.country}>
              <td>{countryName(row.country)}</td>
              <td>{row.uniqueTerms}</td>
              <td>{row.mappedTerms}</td>
              <td>{row.votes}</td>
              <td>{signed(row.agreement)}</td>
              <td>{row.signAgreement === null ? '—' : `${(100 * row.signAgreement).toFixed(0)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.unresolvedContexts.length > 0 && (
        <p className="warning">Contexts that name no country: {report.unresolvedContexts.join(', ')}.</p>
      )}
      {report.missingItems.length > 0 && (
        <p className="warning">Items not in the survey data: {report.missingItems.join(', ')}.</p>
      )}
      {report.skippedRows.length > 0 && (
        <p className="warning">
          Mapping rows skipped:{' '}
          {report.skippedRows.map((row) => `line ${row.line} (${row.reason})`).join('; ')}.
        </p>
      )}
    </>
  );
}
