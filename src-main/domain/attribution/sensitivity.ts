import { median, mean, sampleSd } from '../stats/descriptive';

/*
 * Context sensitivity (METHODS §4.3): how much the values a model attributes to one person change when only
 * the background changes.
 *
 *   S_c = union of the cleaned values over the samples for (set, value kind, context, model)
 *   J(A, B) = |A ∩ B| / |A ∪ B|, with J = 1 when both are empty and 0 when exactly one is
 *   sensitivity = 1 − mean over context pairs a < b of J(S_a, S_b)
 *
 * A set needs two contexts or more. Refused samples are left out before the union (METHODS removes refusals
 * before the lexical metrics), so a context whose samples were all refused drops out of the set rather than
 * counting as an empty list; an answered but empty reply does count, as an empty set.
 */

/** Jaccard similarity; both empty → 1, one empty → 0. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const value of a) if (b.has(value)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The union of the values over several samples. */
export function unionOfSamples(samples: readonly (readonly string[])[]): Set<string> {
  const union = new Set<string>();
  for (const sample of samples) for (const value of sample) union.add(value);
  return union;
}

export interface SetSensitivity {
  contexts: number;
  pairs: number;
  meanJaccard: number;
  sensitivity: number;
}

/** Sensitivity of one set from its contexts' value sets; null with fewer than two contexts. */
export function contextSensitivity(
  byContext: ReadonlyMap<string, ReadonlySet<string>>,
): SetSensitivity | null {
  const sets = [...byContext.values()];
  if (sets.length < 2) return null;
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      total += jaccard(sets[i] as ReadonlySet<string>, sets[j] as ReadonlySet<string>);
      pairs++;
    }
  }
  const meanJaccard = total / pairs;
  return { contexts: sets.length, pairs, meanJaccard, sensitivity: 1 - meanJaccard };
}

/** One parsed sample of a value prompt. */
export interface ValueSample {
  setId: string;
  /** The value kind (or prompt key) the sample answers. */
  valuesType: string;
  model: string;
  context: string;
  values: readonly string[];
  refusal?: boolean;
}

export interface SensitivityRow extends SetSensitivity {
  setId: string;
  valuesType: string;
  model: string;
}

function groupKey(...parts: string[]): string {
  return JSON.stringify(parts);
}

/**
 * Sensitivity per (set, value kind, model). `keepSet`, when given, restricts the sets (for instance to
 * those whose every context the model classified correctly). Groups with fewer than two answered contexts
 * are counted in `tooFewContexts`, never silently dropped.
 */
export function sensitivityBySet(
  samples: readonly ValueSample[],
  keepSet?: (setId: string, model: string) => boolean,
): { rows: SensitivityRow[]; tooFewContexts: number; refusalsLeftOut: number } {
  const groups = new Map<
    string,
    { setId: string; valuesType: string; model: string; contexts: Map<string, string[][]> }
  >();
  let refusalsLeftOut = 0;
  for (const sample of samples) {
    if (keepSet !== undefined && !keepSet(sample.setId, sample.model)) continue;
    if (sample.refusal === true) {
      refusalsLeftOut++;
      continue;
    }
    const key = groupKey(sample.setId, sample.valuesType, sample.model);
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        setId: sample.setId,
        valuesType: sample.valuesType,
        model: sample.model,
        contexts: new Map(),
      };
      groups.set(key, group);
    }
    const list = group.contexts.get(sample.context) ?? [];
    list.push([...sample.values]);
    group.contexts.set(sample.context, list);
  }
  const rows: SensitivityRow[] = [];
  let tooFewContexts = 0;
  for (const group of groups.values()) {
    const unions = new Map([...group.contexts].map(([context, lists]) => [context, unionOfSamples(lists)]));
    const result = contextSensitivity(unions);
    if (result === null) {
      tooFewContexts++;
      continue;
    }
    rows.push({ setId: group.setId, valuesType: group.valuesType, model: group.model, ...result });
  }
  rows.sort(
    (a, b) =>
      a.model.localeCompare(b.model) ||
      a.valuesType.localeCompare(b.valuesType) ||
      a.setId.localeCompare(b.setId),
  );
  return { rows, tooFewContexts, refusalsLeftOut };
}

export interface SensitivitySummary {
  model: string;
  valuesType: string;
  sets: number;
  mean: number;
  /** Sample SD (n − 1), as pandas; null for a single set. */
  sd: number | null;
  min: number;
  median: number;
  max: number;
}

/** Mean, SD, min, median and max of the sensitivity per (model, value kind). */
export function summariseSensitivity(rows: readonly SensitivityRow[]): SensitivitySummary[] {
  const groups = new Map<string, { model: string; valuesType: string; values: number[] }>();
  for (const row of rows) {
    const key = groupKey(row.model, row.valuesType);
    const group = groups.get(key) ?? { model: row.model, valuesType: row.valuesType, values: [] };
    group.values.push(row.sensitivity);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ model, valuesType, values }) => ({
    model,
    valuesType,
    sets: values.length,
    mean: mean(values),
    sd: values.length >= 2 ? sampleSd(values) : null,
    min: Math.min(...values),
    median: median(values),
    max: Math.max(...values),
  }));
}
