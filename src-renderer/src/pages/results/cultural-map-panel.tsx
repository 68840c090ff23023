import { useMemo, useState } from 'react';

import type { CulturalMapEntry } from '@contract/data';
import type { MapPlacement } from '@contract/runs';
import { getApi } from '../../api';
import { CulturalMap, countryName, type CulturalPoint } from '../../charts';
import { EmptyState, ErrorBox, Loading } from '../../components/page';
import { useApiQuery } from '../../hooks/use-api-query';
import { coordinate, mapAxes, type MapAxes } from './map-axes';
import { PlacementProblems, PlacementTable } from './map-placements';
import { ProjectionForm } from './projection-form';

const humanPoint = (entry: CulturalMapEntry): CulturalPoint => ({
  code: entry.country,
  label: entry.name,
  survivalSelfExpression: entry.x,
  traditionalSecular: entry.y,
});

function modelPoints(placements: readonly MapPlacement[], axes: MapAxes | null): CulturalPoint[] {
  const { x, y } = axes ?? { x: null, y: null };
  if (x === null || y === null) return [];
  return placements.flatMap((placement) => {
    const sx = placement.modelPoint === null ? null : coordinate(placement.modelPoint, x);
    const sy = placement.modelPoint === null ? null : coordinate(placement.modelPoint, y);
    return sx === null || sy === null
      ? []
      : [
          {
            code: placement.country,
            label: `${countryName(placement.country)} persona`,
            survivalSelfExpression: sx,
            traditionalSecular: sy,
          },
        ];
  });
}

function NoProjection() {
  return (
    <EmptyState title="No map projection chosen yet">
      <p>
        A map projection is a JSON file that turns answers to the map&apos;s survey items into map
        coordinates: <code>id</code>, <code>name</code>, <code>source</code> (where the coefficients come
        from), <code>items</code> (each <code>itemId</code> with an optional <code>center</code> and{' '}
        <code>scale</code>) and <code>axes</code> (each with an <code>id</code>, a <code>label</code>, an{' '}
        <code>intercept</code> and <code>weights</code> per item), e.g. factor loadings fitted on WVS country
        means. Give its full path above to place the model, answering as each country, on the map.
      </p>
    </EmptyState>
  );
}

/** The Inglehart–Welzel map: the people of each country (imported IVS coordinates) and the model's personas. */
export function CulturalMapPanel({
  runId,
  model,
  condition,
}: {
  runId: number;
  model: string;
  condition: string;
}) {
  const humans = useApiQuery(() => getApi().data.culturalMap({ latestOnly: true }), []);
  const [projectionPath, setProjectionPath] = useState<string>();
  const [picked, setPicked] = useState<string>();
  const placed = useApiQuery(
    () =>
      projectionPath === undefined
        ? Promise.resolve(undefined)
        : getApi().runs.mapPlacement({ runId, projectionPath }),
    [runId, projectionPath],
  );
  // A failed call keeps the previous answer in `data`; drawing it under the error would mislead.
  const result = placed.error === undefined ? placed.data : undefined;
  const ofModel = useMemo(
    () => (result?.placements ?? []).filter((placement) => placement.model === model),
    [result, model],
  );
  const conditions = [...new Set(ofModel.map((placement) => placement.condition))];
  const active =
    picked !== undefined && conditions.includes(picked)
      ? picked
      : conditions.includes(condition)
        ? condition
        : conditions[0];
  const shown = useMemo(
    () => ofModel.filter((placement) => placement.condition === active),
    [ofModel, active],
  );
  // Every placement shares the projection's axes, so any placed point names them.
  const axes = useMemo(() => {
    const sample = (result?.placements ?? [])
      .map((placement) => placement.modelPoint ?? placement.humanPoint)
      .find((point) => point !== null);
    return sample === undefined || sample === null ? null : mapAxes(sample);
  }, [result]);
  const humanPoints = useMemo(() => (humans.data ?? []).map(humanPoint), [humans.data]);
  const personaPoints = useMemo(() => modelPoints(shown, axes), [shown, axes]);

  const choose = (path: string) => (path === projectionPath ? placed.reload() : setProjectionPath(path));
  const busy = projectionPath !== undefined && placed.loading;
  const note =
    result === undefined
      ? undefined
      : [
          `Projection: ${result.projection.name} (${result.projection.source}).`,
          axes?.explanation ?? 'No country could be placed, so the axes are unknown.',
          'Arrows compare model and survey positions only as far as the projection reproduces the IVS coordinates.',
        ].join(' ');

  return (
    <article className="card wide" aria-labelledby="cultural-map-heading">
      <h2 id="cultural-map-heading">Cultural map (Inglehart–Welzel)</h2>
      <ProjectionForm busy={busy} onChoose={choose} />
      {placed.error !== undefined && <ErrorBox message={placed.error} onRetry={placed.reload} />}
      {humans.error !== undefined && <ErrorBox message={humans.error} onRetry={humans.reload} />}
      {humans.data !== undefined && humans.data.length === 0 && (
        <EmptyState title="No cultural-map data imported yet">
          <p>
            Import the IVS cultural-map coordinates (a CSV with country or geo, year, tradagg and survsagg) on
            the Data page to see where the people of each country stand.
          </p>
        </EmptyState>
      )}
      {projectionPath === undefined && <NoProjection />}
      {busy && <Loading label="Placing the run on the map…" />}
      {conditions.length > 1 && (
        <div className="toolbar">
          <label>
            Map condition{' '}
            <select value={active} onChange={(event) => setPicked(event.target.value)}>
              {conditions.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
        </div>
      )}
      {result !== undefined && ofModel.length === 0 && (
        <p role="status">
          No country of this run answered the projection&apos;s items with model {model}, so nothing is
          placed.
        </p>
      )}
      {(humanPoints.length > 0 || result !== undefined) && (
        <CulturalMap
          title="Inglehart–Welzel cultural map"
          subtitle={
            result === undefined
              ? 'Where the people of each country stand (imported IVS coordinates, latest survey year)'
              : `People of each country (IVS) and ${model} answering as each country's persona, condition ${active ?? '—'}`
          }
          human={humanPoints}
          model={personaPoints}
          humanLabel="People (IVS)"
          modelLabel={active === undefined ? 'Model persona' : `Model persona (${active})`}
          note={note}
          emptyMessage="No country could be placed with this projection; the problems are listed below."
        />
      )}
      <PlacementProblems placements={shown} />
      <PlacementTable placements={shown} x={axes?.x ?? null} y={axes?.y ?? null} />
    </article>
  );
}
