import { useMemo, useState } from 'react';

import type { PlanPreview } from '../../../../src-main/api/contract/runs';
import { errorMessage, getApi } from '../../api';
import { EndpointPicker } from './endpoint-picker';
import { WorldChoropleth } from '../../charts';
import { formatDuration } from '../../components/format';
import { ErrorBox } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';

const CONDITIONS = [
  { id: 'T', label: 'T — country persona, no image' },
  { id: 'I', label: 'I — image only' },
  { id: 'TI', label: 'T+I — persona and an image of the same country' },
  { id: 'conflict', label: 'Conflict — persona of one country, image of another' },
  { id: 'blank', label: 'Blank — persona with a neutral blank image' },
] as const;

type ConditionId = (typeof CONDITIONS)[number]['id'];

/** Builds an experiment: model, survey data, countries (map or list), conditions; previews, then starts. */
export function ExperimentBuilder({ onStarted }: { onStarted: (runId: number) => void }) {
  const models = useApiQuery(() => getApi().models.list({}), []);
  const datasets = useApiQuery(() => getApi().data.datasets({}), []);
  const [model, setModel] = useState('');
  const [datasetId, setDatasetId] = useState<number>();
  const activeModel = model || models.data?.models[0]?.id || '';
  const activeDataset = datasetId ?? datasets.data?.[0]?.id;
  const countries = useApiQuery(
    () =>
      activeDataset === undefined
        ? Promise.resolve([])
        : getApi().data.countries({ datasetId: activeDataset }),
    [activeDataset],
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [conditions, setConditions] = useState<ConditionId[]>(['T', 'blank']);
  const [limit, setLimit] = useState(20);
  const [backend, setBackend] = useState<'default' | 'vulkan' | 'cuda' | 'server' | 'remote'>('default');
  const [endpoints, setEndpoints] = useState<string[]>([]);
  const [gpuLayers, setGpuLayers] = useState(0);
  const [threads, setThreads] = useState<number>();
  const [preview, setPreview] = useState<PlanPreview>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const toggleCountry = (code: string) => {
    setPreview(undefined);
    setSelected((current) =>
      current.includes(code) ? current.filter((entry) => entry !== code) : [...current, code],
    );
  };
  const mapData = useMemo(
    () =>
      (countries.data ?? []).map((country) => ({
        code: country.code,
        value: country.questions,
        detail: `${country.questions} questions with human answers`,
      })),
    [countries.data],
  );
  const selectedOnMap = useMemo(() => selected, [selected]);

  if (models.data !== undefined && models.data.models.length === 0) {
    return (
      <ErrorBox message="No model yet: add a GGUF pair on the Models page (or create the demo model) first." />
    );
  }
  if (datasets.data !== undefined && datasets.data.length === 0) {
    return <ErrorBox message="No survey data yet: import GlobalOpinionQA on the Data page first." />;
  }
  const experiment = () => ({
    name: `${activeModel} · ${selected.join(', ')}`,
    models: [activeModel],
    countries: selected,
    datasetId: activeDataset ?? 0,
    conditions,
    questionLimit: limit,
    engine: {
      backend,
      gpuLayers,
      ...(threads !== undefined ? { threads } : {}),
      // The first chosen server takes the run; any others share its groups (sharding).
      ...(backend === 'remote' && endpoints[0] !== undefined ? { remote: endpoints[0] } : {}),
      ...(backend === 'remote' && endpoints.length > 1 ? { shards: endpoints.slice(1) } : {}),
    },
  });
  const run = (start: boolean) => {
    setBusy(true);
    setError(undefined);
    const action = start
      ? getApi()
          .runs.create({ experiment: experiment(), start: true })
          .then((created) => onStarted(created.runId))
      : getApi().runs.plan({ experiment: experiment() }).then(setPreview);
    action.catch((reason: unknown) => setError(errorMessage(reason))).finally(() => setBusy(false));
  };
  const visible = (countries.data ?? []).filter(
    (country) =>
      country.name.toLowerCase().includes(filter.toLowerCase()) || country.code === filter.toUpperCase(),
  );

  return (
    <article className="card builder" aria-label="New experiment">
      <h2>New experiment</h2>
      <div className="builder-row">
        <label>
          Model{' '}
          <select value={activeModel} onChange={(event) => setModel(event.target.value)}>
            {(models.data?.models ?? []).map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.id}
                {entry.demo ? ' (demo, random weights)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Survey data{' '}
          <select value={activeDataset ?? ''} onChange={(event) => setDatasetId(Number(event.target.value))}>
            {(datasets.data ?? []).map((dataset) => (
              <option key={dataset.id} value={dataset.id}>
                {dataset.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Questions per country (at most){' '}
          <input
            type="number"
            min={1}
            max={5000}
            value={limit}
            onChange={(event) => setLimit(Math.max(1, Number(event.target.value) || 1))}
          />
        </label>
      </div>
      <details>
        <summary>Engine settings (one backend for the whole run, so conditions stay comparable)</summary>
        <div className="builder-row">
          <label>
            Backend {/* The select offers exactly these backend values, so its value is one of them. */}
            <select value={backend} onChange={(event) => setBackend(event.target.value as typeof backend)}>
              <option value="default">CPU (llama.node prebuilt)</option>
              <option value="vulkan">Vulkan GPU</option>
              <option value="cuda">CUDA GPU</option>
              <option value="server">Native llama-server build (value-atlas engine build)</option>
              <option value="remote">Remote llama.cpp servers</option>
            </select>
          </label>
          {backend === 'remote' ? <EndpointPicker selected={endpoints} onChange={setEndpoints} /> : null}
          <label>
            GPU layers{' '}
            <input
              type="number"
              min={0}
              max={1000}
              value={gpuLayers}
              onChange={(event) => setGpuLayers(Math.max(0, Number(event.target.value) || 0))}
            />
          </label>
          <label>
            Threads{' '}
            <input
              type="number"
              min={1}
              max={256}
              placeholder="auto"
              value={threads ?? ''}
              onChange={(event) =>
                setThreads(
                  event.target.value === '' ? undefined : Math.max(1, Number(event.target.value) || 1),
                )
              }
            />
          </label>
        </div>
      </details>
      <WorldChoropleth
        title="Countries"
        subtitle="Click countries to choose them; colour shows how many questions have human answers"
        data={mapData}
        valueLabel="Questions"
        selected={selectedOnMap}
        onCountryClick={toggleCountry}
      />
      <div className="builder-row">
        <input
          type="search"
          aria-label="Find a country"
          placeholder="Find a country…"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="muted">
          {selected.length === 0 ? 'No country chosen yet' : `Chosen: ${selected.join(', ')}`}
        </span>
      </div>
      <ul className="country-list" aria-label="Countries with human answers">
        {visible.map((country) => (
          <li key={country.code}>
            <label>
              <input
                type="checkbox"
                checked={selected.includes(country.code)}
                onChange={() => toggleCountry(country.code)}
              />{' '}
              {country.name} <span className="muted">({country.questions})</span>
            </label>
          </li>
        ))}
      </ul>
      <fieldset className="conditions">
        <legend>Conditions</legend>
        {CONDITIONS.map((condition) => (
          <label key={condition.id}>
            <input
              type="checkbox"
              checked={conditions.includes(condition.id)}
              onChange={() => {
                setPreview(undefined);
                setConditions((current) =>
                  current.includes(condition.id)
                    ? current.filter((entry) => entry !== condition.id)
                    : [...current, condition.id],
                );
              }}
            />{' '}
            {condition.label}
          </label>
        ))}
      </fieldset>
      {error !== undefined && <ErrorBox message={error} />}
      {preview !== undefined && (
        <p role="status" className="preview">
          <strong>{preview.itemCount} items</strong> in {preview.groupCount} prefix groups · estimated time{' '}
          {formatDuration(preview.estimate.seconds)} ({preview.estimate.basis})
          {preview.warnings.length > 0
            ? ` · ${preview.warnings.length} warnings: ${preview.warnings
                .slice(0, 3)
                .map((warning) => `${warning.country} ${warning.condition ?? ''} ${warning.message}`)
                .join('; ')}`
            : ''}
        </p>
      )}
      <div className="page-actions">
        <button
          type="button"
          disabled={busy || selected.length === 0 || conditions.length === 0}
          onClick={() => run(false)}
        >
          Preview
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || selected.length === 0 || conditions.length === 0}
          onClick={() => run(true)}
        >
          Start run
        </button>
      </div>
    </article>
  );
}
