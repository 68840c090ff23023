import { getApi } from '../../api';
import { ErrorBox } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';

/** The llama.cpp servers a scoring run can use; choosing several shares the run's groups among them. */
export function EndpointPicker({
  selected,
  onChange,
}: {
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const settings = useApiQuery(() => getApi().engine.settings({}), []);
  if (settings.error !== undefined) return <ErrorBox message={settings.error} onRetry={settings.reload} />;
  // OpenAI-compatible servers cannot return the next-token distribution that scoring reads.
  const servers = (settings.data?.remotes ?? []).filter((remote) => remote.kind === 'llama-server');
  if (settings.data !== undefined && servers.length === 0)
    return <p className="muted">No remote llama.cpp server yet: add one under Engine on the Models page.</p>;
  return (
    <fieldset>
      <legend>Servers (several share the run; one that disappears leaves its work to the others)</legend>
      {servers.map((remote) => (
        <label key={remote.id}>
          <input
            type="checkbox"
            checked={selected.includes(remote.id)}
            onChange={() =>
              onChange(
                selected.includes(remote.id)
                  ? selected.filter((id) => id !== remote.id)
                  : [...selected, remote.id],
              )
            }
          />{' '}
          {remote.id} <span className="muted">{remote.url}</span>
        </label>
      ))}
    </fieldset>
  );
}
