import type { ReactNode } from 'react';

import { getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';

/** The World Bank's four groups; a user may also keep a group of their own that an import brought. */
const INCOME_GROUPS = ['Low income', 'Lower middle income', 'Upper middle income', 'High income'];

/**
 * The dataset's countries with their income group and region, which the results group by. A group can be
 * changed here; the change is kept when the classification is imported again.
 */
export function CountryGroups({ datasetId }: { datasetId: number }) {
  const countries = useApiQuery(() => getApi().data.countries({ datasetId }), [datasetId]);
  const action = useAction<unknown>(() => countries.reload());
  let body: ReactNode = null;
  if (countries.error !== undefined) body = <ErrorBox message={countries.error} onRetry={countries.reload} />;
  else if (countries.data !== undefined)
    body = (
      <table className="data-table" aria-label="Countries and income groups">
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col">Questions</th>
            <th scope="col">Income group</th>
            <th scope="col">Region</th>
          </tr>
        </thead>
        <tbody>
          {countries.data.map((country) => (
            <tr key={country.code}>
              <td>
                {country.name} <span className="muted">{country.code}</span>
              </td>
              <td>{country.questions}</td>
              <td>
                <select
                  aria-label={`Income group of ${country.name}`}
                  value={country.incomeGroup ?? ''}
                  disabled={action.busy}
                  onChange={(event) =>
                    action.run(() =>
                      getApi().data.setIncomeGroup({
                        country: country.code,
                        incomeGroup: event.target.value,
                      }),
                    )
                  }
                >
                  {country.incomeGroup === null && <option value="">not set</option>}
                  {[
                    ...new Set([
                      ...INCOME_GROUPS,
                      ...(country.incomeGroup !== null ? [country.incomeGroup] : []),
                    ]),
                  ].map((group) => (
                    <option key={group} value={group}>
                      {group}
                    </option>
                  ))}
                </select>
              </td>
              <td>{country.region ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <details>
      <summary>Countries and their income groups ({countries.data?.length ?? '…'})</summary>
      <p className="muted">
        Results are grouped by these. Import the World Bank classification above, or set a group here; your
        changes are kept when the classification is imported again.
      </p>
      {body}
      {action.error !== undefined && <ErrorBox message={action.error} />}
    </details>
  );
}
