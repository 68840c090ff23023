import { type Outcome, failure, success } from '../../stats/outcome';
import { type GroupMean } from './group-means';
import { type KeyValue, keyId } from './rows';

export type PercentChangeFailure = 'no-baseline' | 'no-cue-mean' | 'zero-baseline';

/** 100 × (cue − baseline) / baseline, the study's "%Δ" of a cue condition against the text persona. */
export function percentChange(baseline: number, cue: number): Outcome<number, PercentChangeFailure> {
  if (baseline === 0)
    return failure('zero-baseline', 'The baseline mean is 0, so a relative change is undefined.');
  return success((100 * (cue - baseline)) / baseline);
}

export interface PercentChangeRow {
  /** The group key without the condition field. */
  key: Record<string, KeyValue>;
  condition: string;
  baselineCondition: string;
  baselineMean: number | null;
  cueMean: number | null;
  change: Outcome<number, PercentChangeFailure>;
  nBaseline: number;
  nCue: number;
  nExcludedBaseline: number;
  nExcludedCue: number;
}

export interface PercentChangeOptions {
  /** The field that holds the condition in the group keys; 'condition' by default. */
  conditionField?: string;
  /** The reference condition; 'T' (country persona, no image) by default. */
  baseline?: string;
  /** Cue conditions to compare; every non-baseline condition by default. */
  cues?: readonly string[];
}

/**
 * %Δ of each cue condition against the baseline within every group. `means` must be grouped by the
 * condition field plus any others (e.g. from `groupMeans(rows, ['topic', 'country', 'condition', 'model'])`
 * or from `meansOfGroupMeans` for income groups); each cue group is joined to the baseline group with
 * the same other fields.
 */
export function percentChangeVsBaseline(
  means: readonly GroupMean[],
  options: PercentChangeOptions = {},
): PercentChangeRow[] {
  const conditionField = options.conditionField ?? 'condition';
  const baseline = options.baseline ?? 'T';
  const otherFields = (group: GroupMean) =>
    Object.keys(group.key).filter((field) => field !== conditionField);
  const withoutCondition = (group: GroupMean) =>
    Object.fromEntries(otherFields(group).map((field) => [field, group.key[field] ?? null]));

  const baselines = new Map<string, GroupMean>();
  for (const group of means) {
    if (group.key[conditionField] === baseline) baselines.set(keyId(group.key, otherFields(group)), group);
  }

  const rows: PercentChangeRow[] = [];
  for (const group of means) {
    const condition = group.key[conditionField];
    if (condition === undefined || condition === null || condition === baseline) continue;
    if (options.cues && !options.cues.includes(condition)) continue;
    const base = baselines.get(keyId(group.key, otherFields(group)));
    rows.push({
      key: withoutCondition(group),
      condition,
      baselineCondition: baseline,
      baselineMean: base?.mean ?? null,
      cueMean: group.mean,
      change: changeOf(base?.mean ?? null, group.mean),
      nBaseline: base?.n ?? 0,
      nCue: group.n,
      nExcludedBaseline: base?.nExcluded ?? 0,
      nExcludedCue: group.nExcluded,
    });
  }
  return rows;
}

function changeOf(baseline: number | null, cue: number | null): Outcome<number, PercentChangeFailure> {
  if (baseline === null) return failure('no-baseline', 'No baseline mean for this group.');
  if (cue === null) return failure('no-cue-mean', 'No included rows for the cue condition in this group.');
  return percentChange(baseline, cue);
}
