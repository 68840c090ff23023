import { getApi } from '../../api';
import { EmptyState, ErrorBox, Page } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { StudyRunPicker, useStudyRuns } from '../runs/study-runs';
import { AnswerExplorer } from './answer-explorer';
import { AttributionResultsView } from './attribution-results';
import { AttributionRunBuilder } from './attribution-run-builder';
import { LexiconProfiles } from './lexicon-profiles';
import { SetsImport } from './sets-import';

function SetsSummary({ generation }: { generation: number }) {
  const sets = useApiQuery(() => getApi().attribution.sets({}), [generation]);
  if (sets.error !== undefined) return <ErrorBox message={sets.error} onRetry={sets.reload} />;
  if (sets.data === undefined) return null;
  if (sets.data.length === 0)
    return (
      <EmptyState title="No counterfactual sets yet">
        <p>Import a folder above, or from the command line: value-atlas attribution import PATH.</p>
      </EmptyState>
    );
  return (
    <table className="data-table" aria-label="Counterfactual sets">
      <thead>
        <tr>
          <th scope="col">Dimension</th>
          <th scope="col">Context</th>
          <th scope="col">Sets</th>
        </tr>
      </thead>
      <tbody>
        {sets.data.map((row) => (
          <tr key={`${row.dimension}-${row.context}`}>
            <td>{row.dimension}</td>
            <td>{row.context}</td>
            <td>{row.sets}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The value-attribution study: import sets, run a model, compare the values it reads into each context. */
export function AttributionPage() {
  const study = useStudyRuns('attribution', 'attribution');
  const { selected, generation } = study;
  const results = useApiQuery(
    () =>
      selected === undefined ? Promise.resolve(undefined) : getApi().attribution.results({ runId: selected }),
    [selected, generation],
  );

  const setIds = [...new Set((results.data?.sensitivity.rows ?? []).map((row) => row.setId))];

  return (
    <Page
      title="Attribution"
      subtitle="Which values does the model read into the same person in different contexts?"
    >
      <SetsImport onImported={() => study.refresh()} />
      <SetsSummary generation={generation} />
      <AttributionRunBuilder
        onStarted={(id) => {
          study.select(id);
          study.refresh();
        }}
      />
      <StudyRunPicker label="Attribution run" study={study} />
      {results.error !== undefined && <ErrorBox message={results.error} onRetry={results.reload} />}
      {results.data !== undefined && <AttributionResultsView results={results.data} />}
      {selected !== undefined && results.data !== undefined && results.data.counts.done > 0 && (
        <LexiconProfiles
          key={selected}
          runId={selected}
          {...(results.data.spec.foundationJudge !== undefined
            ? { foundationJudge: results.data.spec.foundationJudge }
            : {})}
        />
      )}
      {selected !== undefined && setIds.length > 0 && (
        <AnswerExplorer runId={selected} setIds={[...setIds, 'blank']} />
      )}
    </Page>
  );
}
