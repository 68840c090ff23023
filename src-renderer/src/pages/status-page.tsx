import type { DoctorReport } from '@contract';
import { getApi } from '../api';
import { ErrorBox, Loading, Page } from '../components/page';
import { useApiQuery } from '../hooks/use-api-query';
import { GettingStarted } from './getting-started';

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function KeyValues({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="key-values">
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function StatusReport({ report }: { report: DoctorReport }) {
  const platform = report.platform;
  return (
    <div className="card-grid">
      <article className="card">
        <h2>Versions</h2>
        <KeyValues rows={[['Value Atlas', report.app.version], ...Object.entries(report.versions)]} />
      </article>
      <article className="card">
        <h2>Folders</h2>
        <KeyValues
          rows={[
            ['App data', report.paths.home],
            ['Database', `${report.paths.database} (${formatBytes(report.database.sizeBytes)})`],
            ['Models', report.paths.models],
          ]}
        />
      </article>
      <article className="card">
        <h2>Machine</h2>
        <KeyValues
          rows={[
            ['System', `${platform.os} ${platform.arch} ${platform.release}`],
            ['CPU', `${platform.cpuModel} (${platform.cores} cores)`],
            ['Memory', `${platform.memoryGiB} GiB`],
            ['CPU features', report.cpuFeatures.join(' ') || 'none detected'],
            [
              'GPUs',
              report.gpus.length === 0 ? 'none detected' : report.gpus.map((gpu) => gpu.name).join(', '),
            ],
          ]}
        />
      </article>
      <article className="card">
        <h2>Inference backends</h2>
        <ul className="backend-list">
          {report.backends.map((backend) => (
            <li key={backend.id} className={backend.available ? 'ok' : 'missing'}>
              <span className="badge">{backend.available ? 'available' : 'missing'}</span> {backend.label}
              {backend.note !== undefined && <p className="note">{backend.note}</p>}
            </li>
          ))}
        </ul>
      </article>
      <article className="card wide">
        <h2>Model files ({report.models.length})</h2>
        {report.models.length === 0 ? (
          <p>
            No GGUF files yet. Put a text model and its mmproj in <code>{report.paths.models}</code>, or
            create the demo model from the Models page.
          </p>
        ) : (
          <ul className="file-list">
            {report.models.map((model) => (
              <li key={model.path}>
                <code>{model.path}</code> <span className="muted">{formatBytes(model.sizeBytes)}</span>
              </li>
            ))}
          </ul>
        )}
      </article>
    </div>
  );
}

export function StatusPage() {
  const doctor = useApiQuery(() => getApi().system.doctor({}), []);
  return (
    <Page
      title="Status"
      subtitle="What this machine offers Value Atlas"
      actions={
        <button type="button" onClick={doctor.reload}>
          Refresh
        </button>
      }
    >
      <GettingStarted />
      {doctor.error !== undefined && <ErrorBox message={doctor.error} onRetry={doctor.reload} />}
      {doctor.loading && doctor.data === undefined && <Loading label="Checking this machine…" />}
      {doctor.data !== undefined && <StatusReport report={doctor.data} />}
    </Page>
  );
}
