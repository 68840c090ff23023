import { useCallback, useState } from 'react';

import { getApi } from '../../api';
import { ErrorBox, Loading } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { DollarStreetDownload } from './dollar-street-download';
import { DollarStreetFilter, NO_CHOICE, toQuery, type DollarStreetChoice } from './dollar-street-filter';
import { DollarStreetIndex } from './dollar-street-index';
import { DollarStreetSummary } from './dollar-street-summary';

/**
 * Dollar Street photos by country, topic and household income: import the index, choose, download into
 * the library. Every photo keeps its licence (CC BY 4.0) and credit.
 */
export function DollarStreetPicker({ onDownloaded }: { onDownloaded: () => void }) {
  const summary = useApiQuery(() => getApi().dollarstreet.query({}), []);
  const [choice, setChoice] = useState<DollarStreetChoice>(NO_CHOICE);
  const query = toQuery(choice);
  const counts = useApiQuery(() => getApi().dollarstreet.query(query), [query]);
  const { reload: reloadSummary } = summary;
  const { reload: reloadCounts } = counts;
  const refresh = useCallback(() => {
    reloadSummary();
    reloadCounts();
  }, [reloadSummary, reloadCounts]);
  const finished = useCallback(() => {
    refresh();
    onDownloaded();
  }, [refresh, onDownloaded]);

  const indexed = summary.data !== undefined && summary.data.photos > 0;
  return (
    <>
      <DollarStreetIndex hasIndex={indexed} onImported={refresh} />
      {summary.error !== undefined && <ErrorBox message={summary.error} onRetry={summary.reload} />}
      {summary.data === undefined && summary.error === undefined && <Loading />}
      {summary.data !== undefined && indexed && (
        <>
          <DollarStreetSummary summary={summary.data} />
          <article className="card" aria-labelledby="dollarstreet-choice">
            <h2 id="dollarstreet-choice">Choose photos</h2>
            <DollarStreetFilter
              all={summary.data}
              counts={counts.data}
              choice={choice}
              onChange={setChoice}
            />
            {counts.error !== undefined && <ErrorBox message={counts.error} />}
            {counts.data !== undefined && counts.error === undefined && (
              <p role="status">
                {counts.data.photos} photos from {counts.data.households} households match;{' '}
                {counts.data.downloaded} of them are already in the library.
              </p>
            )}
            <DollarStreetDownload
              query={query}
              pending={
                counts.error === undefined ? (counts.data?.photos ?? 0) - (counts.data?.downloaded ?? 0) : 0
              }
              onFinished={finished}
            />
          </article>
        </>
      )}
    </>
  );
}
