import { useState } from 'react';

import type { EngineSettingsView } from '@contract/engine';
import { errorMessage, getApi } from '../../api';
import { ErrorBox } from '../../components/page';

/**
 * llama.cpp servers (scoring and generation) and OpenAI-compatible servers (generation only) that the user
 * runs elsewhere. Keys go in once and are never shown again: the API only says whether one is stored.
 */
export function RemoteEndpoints({
  settings,
  onChange,
}: {
  settings: EngineSettingsView;
  onChange: (settings: EngineSettingsView) => void;
}) {
  const [id, setId] = useState('');
  const [kind, setKind] = useState<'llama-server' | 'openai'>('llama-server');
  const [url, setUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [model, setModel] = useState('');
  const [error, setError] = useState<string>();

  const act = (work: () => Promise<EngineSettingsView>) => {
    setError(undefined);
    work().then(onChange, (reason: unknown) => setError(errorMessage(reason)));
  };
  const add = () =>
    act(async () => {
      const next = await getApi().engine.addRemote({
        id: id.trim(),
        kind,
        url: url.trim(),
        ...(apiKey !== '' ? { apiKey } : {}),
        ...(model.trim() !== '' ? { model: model.trim() } : {}),
      });
      setId('');
      setUrl('');
      setApiKey('');
      setModel('');
      return next;
    });

  return (
    <section aria-label="Remote servers">
      <h3>Remote servers</h3>
      {settings.remotes.length === 0 ? (
        <p className="muted">
          None yet. Add a llama.cpp server you run on a lab machine (started with the same model and mmproj)
          to send runs there, or several to share one run between them.
        </p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Kind</th>
              <th scope="col">URL</th>
              <th scope="col">Key</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {settings.remotes.map((remote) => (
              <tr key={remote.id}>
                <td>{remote.id}</td>
                <td>
                  {remote.kind === 'openai' ? 'OpenAI-compatible (generation only)' : 'llama.cpp server'}
                </td>
                <td>
                  {remote.url}
                  {remote.model !== null ? ` · ${remote.model}` : ''}
                </td>
                <td>{remote.hasApiKey ? 'stored' : 'none'}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Forget ${remote.id}`}
                    onClick={() => act(() => getApi().engine.removeRemote({ id: remote.id }))}
                  >
                    Forget
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="builder-row"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <label>
          Id{' '}
          <input value={id} onChange={(event) => setId(event.target.value)} placeholder="lab-gpu" required />
        </label>
        <label>
          Kind{' '}
          <select value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
            <option value="llama-server">llama.cpp server</option>
            <option value="openai">OpenAI-compatible (vLLM…)</option>
          </select>
        </label>
        <label>
          URL{' '}
          <input
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="http://gpu-box:8080"
            required
          />
        </label>
        <label>
          API key <input type="password" value={apiKey} onChange={(event) => setApiKey(event.target.value)} />
        </label>
        {kind === 'openai' ? (
          <label>
            Model{' '}
            <input value={model} onChange={(event) => setModel(event.target.value)} placeholder="first" />
          </label>
        ) : null}
        <button type="submit">Add server</button>
      </form>
      {error !== undefined ? <ErrorBox message={error} /> : null}
    </section>
  );
}
