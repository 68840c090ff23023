import { useState } from 'react';

import type { BackendsReport, EngineSettingsView } from '@contract/engine';
import { errorMessage, getApi } from '../../api';
import { ErrorBox, Loading } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { RemoteEndpoints } from './remote-endpoints';

/**
 * Which inference backends exist here, which one Value Atlas recommends and why, the native llama-server
 * build (minutes, once per machine), server slots, and the remote servers runs can be sent to.
 */
export function EngineSettingsPanel() {
  const report = useApiQuery(() => getApi().engine.backends({}), []);
  // The latest settings a change returned; until then, the report's.
  const [changedSettings, setSettings] = useState<EngineSettingsView>();
  const [error, setError] = useState<string>();
  const [building, setBuilding] = useState(false);
  const settings = changedSettings ?? report.data?.settings;

  if (report.error !== undefined) return <ErrorBox message={report.error} onRetry={report.reload} />;
  if (report.data === undefined || settings === undefined) return <Loading label="Looking for backends…" />;
  const data: BackendsReport = report.data;
  const changed = (next: EngineSettingsView) => {
    setSettings(next);
    report.reload();
  };
  const choose = (backend: string | null, slots = settings.slots) => {
    setError(undefined);
    getApi()
      .engine.setPreferred({ backend, slots })
      .then(changed, (reason: unknown) => setError(errorMessage(reason)));
  };
  const build = () => {
    setBuilding(true);
    setError(undefined);
    getApi()
      .engine.build({})
      .then(
        () => report.reload(),
        (reason: unknown) => setError(errorMessage(reason)),
      )
      .finally(() => setBuilding(false));
  };

  return (
    <section aria-label="Engine">
      <h2>Engine</h2>
      <p>
        Recommended: <strong>{data.recommendation.id}</strong> ({data.recommendation.reason}).
      </p>
      {data.warnings.map((warning) => (
        <p key={warning} className="warning" role="note">
          {warning}
        </p>
      ))}
      <div className="builder-row">
        <label>
          Backend for new runs{' '}
          <select
            value={settings.preferred ?? ''}
            onChange={(event) => choose(event.target.value === '' ? null : event.target.value)}
          >
            <option value="">Recommended ({data.recommendation.id})</option>
            {data.backends.map((backend) => (
              <option key={backend.id} value={backend.id} disabled={!backend.available}>
                {backend.label}
                {backend.available ? '' : ' (not available)'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Server slots{' '}
          <input
            type="number"
            min={1}
            max={64}
            value={settings.slots}
            onChange={(event) => choose(settings.preferred, Math.max(1, Number(event.target.value) || 1))}
          />
        </label>
      </div>
      <ul className="plain-list">
        {data.backends.map((backend) => (
          <li key={backend.id}>
            <strong>{backend.label}</strong> — {backend.available ? 'available' : 'not available'}
            {backend.note !== undefined ? `: ${backend.note}` : ''}
          </li>
        ))}
      </ul>
      <h3>Native llama-server build</h3>
      {data.nativeBuilds.length === 0 ? (
        <p className="muted">
          None on this machine. Building one from the llama.cpp source that ships with node-llama-cpp takes a
          few minutes (CMake and a C++ compiler needed) and is done once.
        </p>
      ) : (
        <ul className="plain-list">
          {data.nativeBuilds.map((entry) => (
            <li key={entry.dir}>
              llama.cpp {entry.llamaCppVersion} ({entry.commit}) ·{' '}
              {entry.cpuFeatures.join(', ') || 'generic CPU'}
              {entry.options.cuda ? ' · CUDA' : ''}
              {entry.options.vulkan ? ' · Vulkan' : ''} · built {entry.builtAt.slice(0, 10)} in{' '}
              {Math.round(entry.durationsMs.total / 1000)} s
              {entry.usable ? '' : ' · made for another machine'}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={build} disabled={building}>
        {building ? 'Building llama-server… (minutes)' : 'Build llama-server for this machine'}
      </button>
      <RemoteEndpoints settings={settings} onChange={changed} />
      {error !== undefined ? <ErrorBox message={error} /> : null}
    </section>
  );
}
