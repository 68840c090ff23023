import { AppError } from '../../errors';

/**
 * One scored row of the study: (model, country, condition, question[, image]) → similarity.
 * Extra fields (image category, Dollar Street income, another metric …) may ride along and be used as
 * group keys.
 */
export interface AlignmentRow {
  readonly model: string;
  readonly country: string;
  readonly topic: string;
  readonly condition: string;
  readonly questionId: string;
  readonly imageId?: string;
  /** 1 − JSD; null when the row could not be scored. */
  readonly similarity: number | null;
  /** Probability mass on the option letters before renormalising (0 … 1). */
  readonly coverage?: number;
  readonly incomeGroup?: string;
  readonly region?: string;
  readonly [field: string]: unknown;
}

export interface InclusionOptions {
  /**
   * Rows with coverage below this are excluded from means. Coverage 0 is always excluded (the
   * authors' filter); raising this is the configurable minimum coverage of METHODS §2.4.
   */
  minCoverage?: number;
}

/** Whether a row counts in the metrics: a finite similarity and coverage above zero and the minimum. */
export function isIncluded(row: AlignmentRow, options: InclusionOptions = {}): boolean {
  if (row.similarity === null || !Number.isFinite(row.similarity)) return false;
  if (row.coverage === undefined) return true;
  return row.coverage > 0 && row.coverage >= (options.minCoverage ?? 0);
}

/** The value of a group key in one row; missing values form their own `null` group, never vanish. */
export type KeyValue = string | null;

export function keyValue(row: Readonly<Record<string, unknown>>, field: string): KeyValue {
  const value = row[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new AppError(
    'invalid_input',
    `Group key '${field}' must hold text or a number, not ${typeof value}.`,
  );
}

export interface GroupedItems<T> {
  key: Record<string, KeyValue>;
  items: T[];
}

/**
 * Groups items by the given fields, in the order groups are first met. `fieldsOf` says where an item
 * keeps its fields (for rows, the row itself).
 */
export function groupBy<T>(
  items: readonly T[],
  fields: readonly string[],
  fieldsOf: (item: T) => Readonly<Record<string, unknown>>,
): GroupedItems<T>[] {
  const groups = new Map<string, GroupedItems<T>>();
  for (const item of items) {
    const values = fields.map((field) => keyValue(fieldsOf(item), field));
    const id = JSON.stringify(values);
    let group = groups.get(id);
    if (!group) {
      group = { key: Object.fromEntries(fields.map((field, i) => [field, values[i] ?? null])), items: [] };
      groups.set(id, group);
    }
    group.items.push(item);
  }
  return [...groups.values()];
}

/** A stable identity for a group key, for joining groups across conditions. */
export function keyId(key: Readonly<Record<string, KeyValue>>, fields: readonly string[]): string {
  return JSON.stringify(fields.map((field) => key[field] ?? null));
}
