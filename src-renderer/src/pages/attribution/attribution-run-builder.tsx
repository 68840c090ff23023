import { useState } from 'react';

import { errorMessage, getApi } from '../../api';
import { NumberField } from '../../components/number-field';
import { ErrorBox } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';

const DIMENSIONS = ['religion', 'nationality', 'socioeconomic'] as const;
const KINDS = ['moral', 'ethical', 'political'] as const;

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((entry) => entry !== value) : [...list, value];
}

/** Model, dimensions, value kinds, samples and controls; preview, then start. */
export function AttributionRunBuilder({ onStarted }: { onStarted: (runId: number) => void }) {
  const models = useApiQuery(() => getApi().models.list({}), []);
  const [model, setModel] = useState('');
  const [dimensions, setDimensions] = useState<(typeof DIMENSIONS)[number][]>([...DIMENSIONS]);
  const [kinds, setKinds] = useState<(typeof KINDS)[number][]>([...KINDS]);
  const [samples, setSamples] = useState(3);
  const [setsPerDimension, setSetsPerDimension] = useState(10);
  const [temperature, setTemperature] = useState(1);
  const [maxTokens, setMaxTokens] = useState(160);
  const [classification, setClassification] = useState(true);
  const [blankBaseline, setBlankBaseline] = useState(true);
  const [personOnlyBaseline, setPersonOnlyBaseline] = useState(true);
  const [foundationJudge, setFoundationJudge] = useState('');
  const [preview, setPreview] = useState<{
    sets: number;
    images: number;
    calls: number;
    warnings: string[];
  }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const chosen = model || models.data?.models[0]?.id || '';
  const spec = {
    name: `Attribution: ${chosen}`,
    models: [chosen],
    dimensions,
    kinds,
    samples,
    setsPerDimension,
    temperature,
    maxTokens,
    classification,
    blankBaseline,
    personOnlyBaseline,
    ...(foundationJudge !== '' ? { foundationJudge } : {}),
  };
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setPreview(undefined);
      set(value);
    };
  const act = (start: boolean) => {
    setBusy(true);
    setError(undefined);
    const api = getApi().attribution;
    (start
      ? api.create({ spec }).then((created) => onStarted(created.runId))
      : api.plan({ spec }).then(setPreview)
    )
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setBusy(false));
  };
  return (
    <article className="card">
      <h2>New attribution run</h2>
      <div className="inline-form">
        <label>
          Model{' '}
          <select value={chosen} onChange={(event) => changed(setModel)(event.target.value)}>
            {(models.data?.models ?? []).map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Foundation judge{' '}
          <select
            value={foundationJudge}
            onChange={(event) => changed(setFoundationJudge)(event.target.value)}
          >
            <option value="">none (use a dictionary)</option>
            {(models.data?.models ?? []).map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="Samples per image"
          value={samples}
          onChange={changed(setSamples)}
          min={1}
          max={50}
        />
        <NumberField
          label="Sets per dimension"
          value={setsPerDimension}
          onChange={changed(setSetsPerDimension)}
          min={1}
          max={100000}
        />
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
          min={8}
          max={4096}
        />
      </div>
      <fieldset className="conditions">
        <legend>Dimensions and values</legend>
        {DIMENSIONS.map((dimension) => (
          <label key={dimension}>
            <input
              type="checkbox"
              checked={dimensions.includes(dimension)}
              onChange={() => changed(setDimensions)(toggle(dimensions, dimension))}
            />{' '}
            {dimension}
          </label>
        ))}
        {KINDS.map((kind) => (
          <label key={kind}>
            <input
              type="checkbox"
              checked={kinds.includes(kind)}
              onChange={() => changed(setKinds)(toggle(kinds, kind))}
            />{' '}
            {kind} values
          </label>
        ))}
      </fieldset>
      <fieldset className="conditions">
        <legend>Controls</legend>
        <label>
          <input
            type="checkbox"
            checked={classification}
            onChange={() => changed(setClassification)(!classification)}
          />{' '}
          Ask the model to name each image&apos;s context (accuracy; sensitivity on correctly read sets)
        </label>
        <label>
          <input
            type="checkbox"
            checked={blankBaseline}
            onChange={() => changed(setBlankBaseline)(!blankBaseline)}
          />{' '}
          Blank-image baseline (what the model says with no person and no context)
        </label>
        <label>
          <input
            type="checkbox"
            checked={personOnlyBaseline}
            onChange={() => changed(setPersonOnlyBaseline)(!personOnlyBaseline)}
          />{' '}
          Person-alone baseline (sets that include the person without a background)
        </label>
      </fieldset>
      {error !== undefined && <ErrorBox message={error} />}
      {preview !== undefined && (
        <div role="status" className="preview">
          <p>
            {preview.sets} sets, {preview.images} images → {preview.calls} model calls.
          </p>
          {preview.warnings.map((warning) => (
            <p key={warning} className="warning">
              {warning}
            </p>
          ))}
        </div>
      )}
      <div className="page-actions">
        <button type="button" disabled={busy || chosen === ''} onClick={() => act(false)}>
          Preview
        </button>
        <button type="button" className="primary" disabled={busy || chosen === ''} onClick={() => act(true)}>
          Start attribution run
        </button>
      </div>
    </article>
  );
}
