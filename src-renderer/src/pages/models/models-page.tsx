import { useState } from 'react';

import { errorMessage, getApi } from '../../api';
import { EmptyState, ErrorBox, Loading, Page } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { Catalogue } from './catalogue';
import { EngineSettingsPanel } from './engine-settings-panel';
import { formatBytes as formatSize } from './format-bytes';
import { UrlDownload } from './url-download';
import { useDownloads } from './use-downloads';

export function ModelsPage() {
  const list = useApiQuery(() => getApi().models.list({}), []);
  const engine = useApiQuery(() => getApi().models.engineStatus({}), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [folder, setFolder] = useState('');
  // A finished download may add a model (or complete a pair), so the list is read again.
  const downloads = useDownloads(list.reload);

  const addFolder = () => {
    setError(undefined);
    getApi()
      .models.addFolder({ path: folder.trim() })
      .then(() => {
        setFolder('');
        list.reload();
      })
      .catch((reason: unknown) => setError(errorMessage(reason)));
  };

  const createDemo = () => {
    setBusy(true);
    setError(undefined);
    getApi()
      .models.createDemo({ big: false })
      .then(() => list.reload())
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };

  return (
    <Page
      title="Models"
      subtitle="GGUF text models with their projectors (mmproj), found in your model folders"
      actions={
        <button type="button" onClick={createDemo} disabled={busy}>
          {busy ? 'Creating…' : 'Create the demo model'}
        </button>
      }
    >
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          addFolder();
        }}
      >
        <label>
          Model folder <input value={folder} onChange={(event) => setFolder(event.target.value)} placeholder="/path/to/models" size={48} />
        </label>
        <button type="submit" disabled={folder.trim() === ''}>
          Add folder
        </button>
        {list.data !== undefined && <span className="muted">Searching: {list.data.folders.join(', ')}</span>}
      </form>
      {error !== undefined && <ErrorBox message={error} />}
      {list.error !== undefined && <ErrorBox message={list.error} onRetry={list.reload} />}
      {list.data === undefined && list.error === undefined && <Loading label="Looking for models…" />}
      {list.data !== undefined && list.data.models.length === 0 && (
        <EmptyState title="No models yet">
          <p>
            Put a text model and its mmproj (for example <code>llava-v1.5-7b-Q4_K_M.gguf</code> and <code>mmproj-model-f16.gguf</code>) in{' '}
            <code>{list.data.folders[0]}</code>, download a pair from the catalogue below, or create the demo model to try the pipeline: its weights are random, so its scores mean nothing.
          </p>
        </EmptyState>
      )}
      {list.data !== undefined && list.data.models.length > 0 && (
        <table className="data-table" aria-label="Models">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Architecture</th>
              <th scope="col">Quantisation</th>
              <th scope="col">Projector</th>
              <th scope="col">Size</th>
              <th scope="col">Can load here</th>
            </tr>
          </thead>
          <tbody>
            {list.data.models.map((model) => (
              <tr key={model.id}>
                <td>
                  <strong>{model.id}</strong>
                  {model.demo && <span className="badge demo-badge">demo · random weights</span>}
                  <div className="muted">{model.name}</div>
                </td>
                <td>
                  {model.architecture}, {(model.parameters / 1e9).toFixed(2)} B parameters
                </td>
                <td>{model.quantisation}</td>
                <td>{model.projector === null ? 'none' : `${model.projector.type}, ${model.projector.imageSize ?? '?'} px, ${model.projector.imageTokens ?? '?'} image tokens`}</td>
                <td>{formatSize(model.sizeBytes)}</td>
                <td>{model.fit.ok ? `yes (≈ ${formatSize(model.fit.estimatedBytes)})` : model.fit.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data !== undefined && list.data.broken.length > 0 && (
        <ErrorBox message={`Unreadable files: ${list.data.broken.map((file) => `${file.path} (${file.problem})`).join('; ')}`} />
      )}
      {list.data?.folders[0] !== undefined && (
        <>
          <Catalogue downloads={downloads} modelsFolder={list.data.folders[0]} onLookAgain={list.reload} />
          <UrlDownload downloads={downloads} modelsFolder={list.data.folders[0]} onLookAgain={list.reload} />
        </>
      )}
      {engine.data !== undefined && (
        <p className="muted">
          Engine: {engine.data.running ? `running (pid ${engine.data.pid ?? '?'}), ${engine.data.backend ?? 'no model loaded'}` : 'not started yet; it starts with the first run'}
          {engine.data.restarts > 0 ? ` · restarted ${engine.data.restarts} times after crashes` : ''}
        </p>
      )}
      <EngineSettingsPanel />
    </Page>
  );
}
