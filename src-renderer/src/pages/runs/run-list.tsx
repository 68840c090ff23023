import { getApi } from '../../api';
import { EmptyState, ErrorBox } from '../../components/page';
import { useApiEvent } from '../../hooks/use-api-event';
import { useApiQuery } from '../../hooks/use-api-query';

/** All runs with their state; picking one opens its monitor. */
export function RunList({
  selected,
  onSelect,
}: {
  selected: number | undefined;
  onSelect: (runId: number) => void;
}) {
  const runs = useApiQuery(() => getApi().runs.list({}), []);
  useApiEvent('run.progress', (progress) => {
    if (progress.state !== 'running') runs.reload();
  });
  if (runs.error !== undefined) return <ErrorBox message={runs.error} onRetry={runs.reload} />;
  if (runs.data === undefined) return <p className="loading">Loading runs…</p>;
  if (runs.data.length === 0) {
    return (
      <EmptyState title="No runs yet">
        <p>Build an experiment above, or from the command line: value-atlas run --help.</p>
      </EmptyState>
    );
  }
  return (
    <table className="data-table" aria-label="Runs">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">State</th>
          <th scope="col">Done</th>
        </tr>
      </thead>
      <tbody>
        {runs.data.map((run) => (
          <tr
            key={run.id}
            aria-selected={run.id === selected}
            className={run.id === selected ? 'selected' : undefined}
          >
            <td>
              <button type="button" className="link-button" onClick={() => onSelect(run.id)}>
                #{run.id}
              </button>
            </td>
            <td>{run.name}</td>
            <td>{run.kind}</td>
            <td>
              <span className={`state state-${run.state}`}>{run.state}</span>
            </td>
            <td>
              {run.counts.done}/{run.counts.total}
              {run.counts.errors > 0 ? ` · ${run.counts.errors} errors` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
