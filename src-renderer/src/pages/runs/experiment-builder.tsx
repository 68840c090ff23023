import { useState } from 'react';

import type { PlanPreview } from '@contract/runs';
import { getApi } from '../../api';
import { formatDuration } from '../../components/format';
import { ErrorBox } from '../../components/page';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import { CountryPicker } from './country-picker';
import { DEFAULT_DESIGN, DesignFields, designSettings, type DesignChoice } from './design-fields';
import { EngineFields, engineSettings, type EngineChoice } from './engine-fields';
import { TopicChecklist } from './topic-checklist';

const CONDITIONS = [
  { id: 'T', label: 'T — country persona, no image' },
  { id: 'I', label: 'I — image only' },
  { id: 'TI', label: 'T+I — persona and an image of the same country' },
  { id: 'conflict', label: 'Conflict — persona of one country, image of another' },
  { id: 'blank', label: 'Blank — persona with a neutral blank image' },
] as const;

type ConditionId = (typeof CONDITIONS)[number]['id'];

const toggled = <T,>(list: readonly T[], item: T): T[] =>
  list.includes(item) ? list.filter((entry) => entry !== item) : [...list, item];

/**
 * Builds an experiment: models, survey data, countries (map or filtered list), topics, conditions, images,
 * template, option orders and engine; shows the item count and estimated time, then starts.
 */
export function ExperimentBuilder({ onStarted }: { onStarted: (runId: number) => void }) {
  const models = useApiQuery(() => getApi().models.list({}), []);
  const datasets = useApiQuery(() => getApi().data.datasets({}), []);
  // Untouched: the first model; once the user ticks or unticks, exactly their choice (possibly none).
  const [chosenModels, setModels] = useState<string[]>();
  const [datasetId, setDatasetId] = useState<number>();
  const activeModels =
    chosenModels ?? (models.data?.models[0] !== undefined ? [models.data.models[0].id] : []);
  const activeDataset = datasetId ?? datasets.data?.[0]?.id;
  const countries = useApiQuery(
    () =>
      activeDataset === undefined
        ? Promise.resolve([])
        : getApi().data.countries({ datasetId: activeDataset }),
    [activeDataset],
  );
  const topics = useApiQuery(
    () =>
      activeDataset === undefined ? Promise.resolve([]) : getApi().data.topics({ datasetId: activeDataset }),
    [activeDataset],
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [chosenTopics, setTopics] = useState<string[]>([]);
  const [conditions, setConditions] = useState<ConditionId[]>(['T', 'blank']);
  const [limit, setLimit] = useState(20);
  const [engine, setEngine] = useState<EngineChoice>({
    backend: 'default',
    endpoints: [],
    gpuLayers: 0,
    threads: undefined,
  });
  const [design, setDesign] = useState<DesignChoice>(DEFAULT_DESIGN);
  const [preview, setPreview] = useState<PlanPreview>();
  const action = useAction<unknown>();
  // Any change makes the last preview stale.
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setPreview(undefined);
      set(value);
    };

  if (models.data !== undefined && models.data.models.length === 0) {
    return (
      <ErrorBox message="No model yet: add a GGUF pair on the Models page (or create the demo model) first." />
    );
  }
  if (datasets.data !== undefined && datasets.data.length === 0) {
    return <ErrorBox message="No survey data yet: import GlobalOpinionQA on the Data page first." />;
  }
  const experiment = () => ({
    name: `${activeModels.join(' + ')} · ${selected.join(', ')}`,
    models: activeModels,
    countries: selected,
    datasetId: activeDataset ?? 0,
    ...(chosenTopics.length > 0 ? { topics: chosenTopics } : {}),
    conditions,
    questionLimit: limit,
    ...designSettings(design),
    engine: engineSettings(engine),
  });
  const ready = !action.busy && selected.length > 0 && conditions.length > 0 && activeModels.length > 0;

  return (
    <article className="card builder" aria-label="New experiment">
      <h2>New experiment</h2>
      <fieldset className="conditions">
        <legend>Models (each is asked everything; one backend for all)</legend>
        {(models.data?.models ?? []).map((entry) => (
          <label key={entry.id}>
            <input
              type="checkbox"
              checked={activeModels.includes(entry.id)}
              onChange={() => changed(setModels)(toggled(activeModels, entry.id))}
            />{' '}
            {entry.id}
            {entry.demo ? ' (demo, random weights)' : ''}
          </label>
        ))}
      </fieldset>
      <div className="builder-row">
        <label>
          Survey data{' '}
          <select
            value={activeDataset ?? ''}
            onChange={(event) => {
              changed(setDatasetId)(Number(event.target.value));
              setTopics([]);
            }}
          >
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
            onChange={(event) => changed(setLimit)(Math.max(1, Number(event.target.value) || 1))}
          />
        </label>
      </div>
      <EngineFields value={engine} onChange={changed(setEngine)} />
      <DesignFields value={design} onChange={changed(setDesign)} />
      <CountryPicker countries={countries.data ?? []} selected={selected} onChange={changed(setSelected)} />
      <TopicChecklist topics={topics.data ?? []} selected={chosenTopics} onChange={changed(setTopics)} />
      <fieldset className="conditions">
        <legend>Conditions</legend>
        {CONDITIONS.map((condition) => (
          <label key={condition.id}>
            <input
              type="checkbox"
              checked={conditions.includes(condition.id)}
              onChange={() => changed(setConditions)(toggled(conditions, condition.id))}
            />{' '}
            {condition.label}
          </label>
        ))}
      </fieldset>
      {action.error !== undefined && <ErrorBox message={action.error} />}
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
          disabled={!ready}
          onClick={() => action.run(() => getApi().runs.plan({ experiment: experiment() }).then(setPreview))}
        >
          Preview
        </button>
        <button
          type="button"
          className="primary"
          disabled={!ready}
          onClick={() =>
            action.run(() =>
              getApi()
                .runs.create({ experiment: experiment(), start: true })
                .then((created) => onStarted(created.runId)),
            )
          }
        >
          Start run
        </button>
      </div>
    </article>
  );
}
