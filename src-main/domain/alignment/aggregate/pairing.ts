import { type AlignmentRow, type InclusionOptions, isIncluded, keyValue } from './rows';

export interface PairingOptions extends InclusionOptions {
  /** The reference condition, e.g. 'T'. */
  baseline: string;
  /** The compared condition, e.g. 'I'. */
  cue: string;
  /** 'condition' by default. */
  conditionField?: string;
  /**
   * Fields that identify a pair; model, country and question by default. Add 'imageId' when both
   * conditions carry an image (e.g. TI vs I).
   */
  pairFields?: readonly string[];
}

export const DEFAULT_PAIR_FIELDS: readonly string[] = ['model', 'country', 'questionId'];

export interface RowPair {
  baseline: AlignmentRow;
  cue: AlignmentRow;
}

export interface Pairing {
  pairs: RowPair[];
  nBaseline: number;
  nCue: number;
  nExcludedBaseline: number;
  nExcludedCue: number;
  /** Included cue rows with no usable baseline (none, or several rows sharing the pair key). */
  nUnpairedCue: number;
  /** Included baseline rows that no cue row used. */
  nUnpairedBaseline: number;
  /** Pair keys with more than one included baseline row; their cue rows stay unpaired. */
  nAmbiguousBaselineKeys: number;
}

/**
 * Pairs cue rows with baseline rows of the same pair key. Several cue rows (one per image) may share
 * one baseline row, so a text-only answer is compared with every image of its country; those pairs
 * are not independent, which the bootstrap interval does not correct for.
 */
export function pairRows(rows: readonly AlignmentRow[], options: PairingOptions): Pairing {
  const conditionField = options.conditionField ?? 'condition';
  const pairFields = options.pairFields ?? DEFAULT_PAIR_FIELDS;
  const idOf = (row: AlignmentRow) => JSON.stringify(pairFields.map((field) => keyValue(row, field)));

  const baselineRows = rows.filter((row) => keyValue(row, conditionField) === options.baseline);
  const cueRows = rows.filter((row) => keyValue(row, conditionField) === options.cue);
  const baselineIncluded = baselineRows.filter((row) => isIncluded(row, options));
  const cueIncluded = cueRows.filter((row) => isIncluded(row, options));

  const byKey = new Map<string, AlignmentRow[]>();
  for (const row of baselineIncluded) {
    const id = idOf(row);
    byKey.set(id, [...(byKey.get(id) ?? []), row]);
  }

  const pairs: RowPair[] = [];
  const used = new Set<AlignmentRow>();
  for (const cue of cueIncluded) {
    const candidates = byKey.get(idOf(cue));
    if (candidates?.length !== 1) continue;
    const baseline = candidates[0] as AlignmentRow;
    pairs.push({ baseline, cue });
    used.add(baseline);
  }

  return {
    pairs,
    nBaseline: baselineRows.length,
    nCue: cueRows.length,
    nExcludedBaseline: baselineRows.length - baselineIncluded.length,
    nExcludedCue: cueRows.length - cueIncluded.length,
    nUnpairedCue: cueIncluded.length - pairs.length,
    nUnpairedBaseline: baselineIncluded.length - used.size,
    nAmbiguousBaselineKeys: [...byKey.values()].filter((list) => list.length > 1).length,
  };
}
