import { mean } from '../stats/descriptive';
import { jaccard, unionOfSamples, type ValueSample } from './sensitivity';

/*
 * How far a background moves the values from those of the person alone (the people-only baseline of
 * METHODS §4.1): for each set, 1 − J(S_person-only, S_context), with S the union over samples of the
 * non-refused answers, as for context sensitivity. 0: the context adds and removes nothing; 1: no value in
 * common. Averaged per (model, value kind, context) over the sets that have both a baseline and that context.
 */

/** The context a set's person-only image (and its answers) go under; never a context of any dimension. */
export const PERSON_ONLY = 'person-only';

export interface BaselineShiftRow {
  model: string;
  valuesType: string;
  context: string;
  /** Sets with answers for both the person alone and this context. */
  sets: number;
  /** Mean of 1 − Jaccard(person-only values, context values). */
  shift: number;
}

export function baselineShift(samples: readonly ValueSample[]): BaselineShiftRow[] {
  // (model, kind, set) → context → the samples' value lists
  const grouped = new Map<string, Map<string, (readonly string[])[]>>();
  for (const sample of samples) {
    if (sample.refusal) continue;
    const key = JSON.stringify([sample.model, sample.valuesType, sample.setId]);
    const byContext = grouped.get(key) ?? new Map<string, (readonly string[])[]>();
    byContext.set(sample.context, [...(byContext.get(sample.context) ?? []), sample.values]);
    grouped.set(key, byContext);
  }
  const shifts = new Map<string, { row: Omit<BaselineShiftRow, 'sets' | 'shift'>; values: number[] }>();
  for (const [key, byContext] of grouped) {
    const alone = byContext.get(PERSON_ONLY);
    if (alone === undefined) continue;
    const baseline = unionOfSamples(alone);
    const [model, valuesType] = JSON.parse(key) as [string, string, string];
    for (const [context, answers] of byContext) {
      if (context === PERSON_ONLY) continue;
      const rowKey = JSON.stringify([model, valuesType, context]);
      const entry = shifts.get(rowKey) ?? { row: { model, valuesType, context }, values: [] };
      entry.values.push(1 - jaccard(baseline, unionOfSamples(answers)));
      shifts.set(rowKey, entry);
    }
  }
  return [...shifts.values()]
    .map(({ row, values }) => ({ ...row, sets: values.length, shift: mean(values) }))
    .sort(
      (a, b) =>
        a.model.localeCompare(b.model) ||
        a.valuesType.localeCompare(b.valuesType) ||
        a.context.localeCompare(b.context),
    );
}
