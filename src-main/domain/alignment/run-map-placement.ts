import { expectedValue } from './metrics/expected-value';
import { projectOnMap, type MapCoordinate, type MapProjection } from './cultural-map';
import type { AnalysedItem } from './run-aggregates';

export interface MapPlacement {
  model: string;
  condition: string;
  country: string;
  /** Where the model's answers under this cue put the country; null with the reason when they cannot. */
  modelPoint: MapCoordinate[] | null;
  /** The same projection applied to the country's human answers, so both points share one scale. */
  humanPoint: MapCoordinate[] | null;
  problem: string | null;
}

/** Expected option position (1 = first option, as the item is coded) over the substantive options. */
function expectedPosition(
  distribution: readonly number[],
  substantive: readonly boolean[] | undefined,
): number | null {
  const kept = distribution.map((value, index) => (substantive?.[index] === false ? 0 : value));
  const result = expectedValue(
    kept,
    kept.map((_, index) => index + 1),
  );
  return result.ok ? result.value : null;
}

/**
 * Places every (model, condition, country) of a run on a cultural map: the model's expected answers on the
 * map's items (averaged over option orders) and the humans' on the same items go through the same
 * projection. A group missing any of the map's items is reported, never placed from a subset.
 */
export function placeRunOnMap(items: readonly AnalysedItem[], projection: MapProjection): MapPlacement[] {
  const wanted = new Set(projection.items.map((item) => item.itemId));
  const groups = new Map<
    string,
    {
      head: Omit<MapPlacement, 'modelPoint' | 'humanPoint' | 'problem'>;
      model: Map<string, number[]>;
      human: Map<string, number>;
    }
  >();
  for (const item of items) {
    if (!wanted.has(item.questionId)) continue;
    const key = JSON.stringify([item.model, item.condition, item.country]);
    const group = groups.get(key) ?? {
      head: { model: item.model, condition: item.condition, country: item.country },
      model: new Map<string, number[]>(),
      human: new Map<string, number>(),
    };
    const modelValue = expectedPosition(item.predicted, item.substantive);
    const humanValue = expectedPosition(item.human, item.substantive);
    if (modelValue !== null)
      group.model.set(item.questionId, [...(group.model.get(item.questionId) ?? []), modelValue]);
    if (humanValue !== null) group.human.set(item.questionId, humanValue);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ head, model, human }) => {
    const averaged = new Map(
      [...model].map(([id, values]) => [id, values.reduce((a, b) => a + b, 0) / values.length]),
    );
    const modelPlacement = projectOnMap(projection, averaged);
    const humanPlacement = projectOnMap(projection, human);
    return {
      ...head,
      modelPoint: modelPlacement.ok ? modelPlacement.value : null,
      humanPoint: humanPlacement.ok ? humanPlacement.value : null,
      problem: !modelPlacement.ok
        ? modelPlacement.message
        : !humanPlacement.ok
          ? humanPlacement.message
          : null,
    };
  });
}
