import { useState } from 'react';

import { errorMessage, getApi } from '../../api';
import { EmptyState, ErrorBox, Page } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { StudyRunPicker, useStudyRuns } from '../runs/study-runs';
import { CrossImport } from './cross-import';
import { HumanCheck } from './human-check';
import { SafetyResultsView } from './safety-results';
import { SafetyRunBuilder } from './safety-run-builder';

function BenchmarkSummary({ generation }: { generation: number }) {
  const items = useApiQuery(() => getApi().safety.items({}), [generation]);
  const [fetch, setFetch] = useState<{ busy: boolean; message?: string; error?: string }>({ busy: false });
  if (items.error !== undefined) return <ErrorBox message={items.error} onRetry={items.reload} />;
  if (items.data === undefined) return null;
  if (items.data.length === 0)
    return (
      <EmptyState title="No CROSS queries yet">
        <p>
          Import a local copy of the benchmark above, or from the command line: value-atlas safety import
          PATH.
        </p>
      </EmptyState>
    );
  const total = items.data.reduce((sum, row) => sum + row.items, 0);
  const withImage = items.data.reduce((sum, row) => sum + row.withImage, 0);
  const fetchImages = () => {
    setFetch({ busy: true });
    getApi()
      .safety.downloadImages({})
      .then((report) =>
        setFetch({
          busy: false,
          message: `${report.downloaded} of ${report.requested} images downloaded; ${report.failed.length} failed.`,
        }),
      )
      .catch((reason: unknown) => setFetch({ busy: false, error: errorMessage(reason) }))
      .finally(() => items.reload());
  };
  return (
    <>
      <details className="card">
        <summary>
          {total} queries imported, {withImage} with their image
        </summary>
        <table className="data-table" aria-label="CROSS queries">
          <thead>
            <tr>
              <th scope="col">Subset</th>
              <th scope="col">Setting</th>
              <th scope="col">Country</th>
              <th scope="col">Queries</th>
              <th scope="col">With image</th>
            </tr>
          </thead>
          <tbody>
            {items.data.map((row) => (
              <tr key={`${row.subset}/${row.setting}/${row.country ?? '?'}`}>
                <td>{row.subset}</td>
                <td>{row.setting}</td>
                <td>{row.country ?? '—'}</td>
                <td>{row.items}</td>
                <td>{row.withImage}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {withImage < total && (
        <p>
          <button type="button" disabled={fetch.busy} onClick={fetchImages}>
            {fetch.busy ? 'Downloading…' : `Download the ${total - withImage} missing images`}
          </button>{' '}
          <span className="muted">from the URLs in the benchmark&apos;s records (only when you click).</span>
        </p>
      )}
      {fetch.message !== undefined && <p role="status">{fetch.message}</p>}
      {fetch.error !== undefined && <ErrorBox message={fetch.error} />}
    </>
  );
}

/** The cultural-safety study: import CROSS, run a model with a local judge, read the scores, check the judge. */
export function SafetyPage() {
  const study = useStudyRuns('safety', 'safety');
  const { selected, generation } = study;
  const results = useApiQuery(
    () =>
      selected === undefined ? Promise.resolve(undefined) : getApi().safety.results({ runId: selected }),
    [selected, generation],
  );

  return (
    <Page
      title="Safety"
      subtitle="Does the model notice that a request, read with its image, would break a local norm?"
    >
      <CrossImport onImported={() => study.refresh()} />
      <BenchmarkSummary generation={generation} />
      <SafetyRunBuilder
        onStarted={(id) => {
          study.select(id);
          study.refresh();
        }}
      />
      <StudyRunPicker label="Safety run" study={study} />
      {results.error !== undefined && <ErrorBox message={results.error} onRetry={results.reload} />}
      {results.data !== undefined && <SafetyResultsView results={results.data} />}
      {selected !== undefined && results.data !== undefined && results.data.counts.judged > 0 && (
        <HumanCheck runId={selected} onLabelled={() => results.reload()} />
      )}
    </Page>
  );
}
