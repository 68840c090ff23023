import { useState } from 'react';

import type { SafetyPlanPreview } from '@contract/safety';
import { errorMessage, getApi } from '../../api';
import { NumberField } from '../../components/number-field';
import { ErrorBox } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';

const SUBSETS = ['casa', 'safeworld'] as const;
const SETTINGS = ['english', 'multilingual'] as const;
const CONDITIONS = [
  { id: 'grounded', label: 'Grounded: the query with its image (the benchmark)' },
  { id: 'text-only', label: 'Text-only control: the original query, norm explicit, no image' },
] as const;

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];
}

/** Model under test, judge, which queries, rounds and sampling; preview, then start. */
export function SafetyRunBuilder({ onStarted }: { onStarted: (runId: number) => void }) {
  const models = useApiQuery(() => getApi().models.list({}), []);
  const [model, setModel] = useState('');
  const [judge, setJudge] = useState('');
  const [subsets, setSubsets] = useState<(typeof SUBSETS)[number][]>(['casa', 'safeworld']);
  const [settings, setSettings] = useState<(typeof SETTINGS)[number][]>(['english']);
  const [conditions, setConditions] = useState<(typeof CONDITIONS)[number]['id'][]>([
    'grounded',
    'text-only',
  ]);
  const [limit, setLimit] = useState(20);
  const [rounds, setRounds] = useState(1);
  const [temperature, setTemperature] = useState(1);
  const [maxTokens, setMaxTokens] = useState(1024);
  const [preview, setPreview] = useState<SafetyPlanPreview>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const first = models.data?.models[0]?.id ?? '';
  const spec = {
    name: `Safety: ${model || first}`,
    models: [model || first],
    judgeModel: judge || first,
    subsets,
    settings,
    conditions,
    limit,
    rounds,
    temperature,
    maxTokens,
  };

  const act = (start: boolean) => {
    setBusy(true);
    setError(undefined);
    const api = getApi().safety;
    (start
      ? api.create({ spec }).then((created) => onStarted(created.runId))
      : api.plan({ spec }).then(setPreview)
    )
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setPreview(undefined);
      set(value);
    };

  return (
    <article className="card">
      <h2>New safety run</h2>
      <div className="inline-form">
        <label>
          Model under test{' '}
          <select value={model || first} onChange={(event) => changed(setModel)(event.target.value)}>
            {(models.data?.models ?? []).map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Judge model{' '}
          <select value={judge || first} onChange={(event) => changed(setJudge)(event.target.value)}>
            {(models.data?.models ?? []).map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="Queries (at most)"
          value={limit}
          onChange={changed(setLimit)}
          min={1}
          max={100000}
        />
        <NumberField label="Rounds" value={rounds} onChange={changed(setRounds)} min={1} max={20} />
        <NumberField
          label="Temperature"
          value={temperature}
          onChange={changed(setTemperature)}
          min={0}
          max={2}
          step={0.1}
        />
        <NumberField
          label="Max answer tokens"
          value={maxTokens}
          onChange={changed(setMaxTokens)}
          min={16}
          max={8192}
        />
      </div>
      <fieldset className="conditions">
        <legend>Subsets and settings</legend>
        {SUBSETS.map((subset) => (
          <label key={subset}>
            <input
              type="checkbox"
              checked={subsets.includes(subset)}
              onChange={() => changed(setSubsets)(toggle(subsets, subset))}
            />{' '}
            {subset}
          </label>
        ))}
        {SETTINGS.map((setting) => (
          <label key={setting}>
            <input
              type="checkbox"
              checked={settings.includes(setting)}
              onChange={() => changed(setSettings)(toggle(settings, setting))}
            />{' '}
            {setting}
          </label>
        ))}
      </fieldset>
      <fieldset className="conditions">
        <legend>Conditions</legend>
        {CONDITIONS.map((condition) => (
          <label key={condition.id}>
            <input
              type="checkbox"
              checked={conditions.includes(condition.id)}
              onChange={() => changed(setConditions)(toggle(conditions, condition.id))}
            />{' '}
            {condition.label}
          </label>
        ))}
      </fieldset>
      {error !== undefined && <ErrorBox message={error} />}
      {preview !== undefined && (
        <div role="status" className="preview">
          <p>
            {preview.queries} queries → {preview.answers} answers and {preview.judgeCalls} judge calls.
          </p>
          {preview.selfJudged && (
            <p className="warning">The model judges its own answers: scores are self-assessments.</p>
          )}
          {preview.warnings.map((warning) => (
            <p key={warning} className="warning">
              {warning}
            </p>
          ))}
        </div>
      )}
      <div className="page-actions">
        <button type="button" disabled={busy || first === ''} onClick={() => act(false)}>
          Preview
        </button>
        <button type="button" className="primary" disabled={busy || first === ''} onClick={() => act(true)}>
          Start safety run
        </button>
      </div>
    </article>
  );
}
