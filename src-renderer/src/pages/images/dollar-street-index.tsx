import { getApi } from '../../api';
import { ImportForm, LeftOut } from '../../components/import-form';

/** Reads the Dollar Street index (photo addresses and their facts); no photo is fetched here. */
export function DollarStreetIndex({ hasIndex, onImported }: { hasIndex: boolean; onImported: () => void }) {
  return (
    <ImportForm
      title="Dollar Street index"
      intro={
        <>
          The <code>metadata.csv</code> of facebookresearch/dollarstreet_factors: one row per photo with its
          address, country, monthly household income and topics. Importing it downloads nothing; photos are
          fetched only when you press Download below.
          {hasIndex ? ' Importing again replaces the index; photos already downloaded stay.' : ''}
        </>
      }
      pathLabel="Index file"
      submitLabel="Import index"
      placeholder="/path/to/metadata.csv"
      run={(path) => getApi().dollarstreet.importIndex({ path })}
      report={(report) => (
        <>
          <p>
            Read {report.rows} photos of {report.households} households in {report.countries} countries, with{' '}
            {report.labels} topics.
            {report.unresolvedCountries.length > 0
              ? ` Countries not recognised (their photos cannot be downloaded): ${report.unresolvedCountries.join(', ')}.`
              : ''}
          </p>
          <LeftOut
            title="rows skipped"
            items={report.skipped.map((entry) => `Line ${entry.line}: ${entry.reason}`)}
          />
        </>
      )}
      onImported={onImported}
    />
  );
}
