import { expect } from 'vitest';

import { isAppError } from '../../../src-main/domain/errors';
import type { Queryable } from '../../../src-main/storage/database';

/*
 * The case runner of the importer fuzz suites: a per-case time limit, the check that a failure is a clear
 * AppError naming the file, and database snapshots proving a refused import left the stored data as it was.
 * Seeds are fixed (see hostile-files.ts), so a failing case is reproduced by running the suite again.
 */

/** `npm test` runs each area's base count; the stress run multiplies it (VALUE_ATLAS_FUZZ_MULTIPLIER). */
export function caseCount(base: number): number {
  const factor = Number(process.env.VALUE_ATLAS_FUZZ_MULTIPLIER ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

/** One case taking longer than this counts as a hang: the slowest (a multi-MiB CSV line) takes seconds. */
export const CASE_LIMIT_MS = 20_000;

/** Messages of JavaScript's own errors: an AppError carrying one was not written for the user. */
const LEAKED_JS_ERROR = /Cannot read propert|is not a function|is not iterable|undefined is not/;

export type Outcome = { kind: 'ok'; value: unknown } | { kind: 'error'; code: string; message: string };

/** Counts outcomes per area and prints the one line the closing notes quote. */
export class FuzzTally {
  ok = 0;
  errors = 0;
  private slowest = { label: '', ms: 0 };
  private readonly started = performance.now();
  constructor(readonly area: string) {}

  get cases(): number {
    return this.ok + this.errors;
  }

  add(outcome: Outcome, label: string, ms: number): void {
    if (outcome.kind === 'ok') this.ok++;
    else this.errors++;
    if (ms > this.slowest.ms) this.slowest = { label, ms };
  }

  print(): void {
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    console.log(
      `fuzz ${this.area}: ${this.cases} cases, ${this.ok} ok, ${this.errors} clear errors ` +
        `(${seconds} s; slowest ${this.slowest.ms.toFixed(0)} ms: ${this.slowest.label})`,
    );
  }
}

/**
 * Runs one case under the time limit. It must end in a value or an AppError whose message or details name
 * one of `names` (the file given, or the folder it sits in); anything else fails the test with `label`.
 */
export async function expectValueOrClearError(
  label: string,
  names: readonly string[],
  run: () => Promise<unknown>,
): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`HANG: no answer within ${CASE_LIMIT_MS} ms`)), CASE_LIMIT_MS);
  });
  try {
    return { kind: 'ok', value: await Promise.race([run(), hang]) };
  } catch (error) {
    const shown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    expect(isAppError(error), `${label}: ${shown.slice(0, 400)}`).toBe(true);
    if (!isAppError(error)) throw error;
    const named = names.some((name) => error.message.includes(name) || error.details.file === name);
    expect(named, `${label}: the error does not name the file: ${error.message.slice(0, 400)}`).toBe(true);
    expect(error.message, label).not.toMatch(LEAKED_JS_ERROR);
    return { kind: 'error', code: error.code, message: error.message };
  } finally {
    clearTimeout(timer);
  }
}

/** Every row of every table, each table's rows as sorted JSON lines: equal snapshots mean equal data. */
export async function snapshotDatabase(db: Queryable): Promise<Record<string, string[]>> {
  const tables = await db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await db.all<Record<string, unknown>>(`SELECT * FROM "${name}"`);
    snapshot[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

/** Rows of `earlier` missing from `later` (per table): what an import that only adds must never remove. */
export function missingRows(
  earlier: Record<string, string[]>,
  later: Record<string, string[]>,
): Record<string, string[]> {
  const missing: Record<string, string[]> = {};
  for (const [table, rows] of Object.entries(earlier)) {
    const present = new Set(later[table] ?? []);
    const gone = rows.filter((row) => !present.has(row));
    if (gone.length > 0) missing[table] = gone.slice(0, 3);
  }
  return missing;
}

/** How a case's database is checked: all or nothing on a refusal, earlier rows kept on success. */
export interface StoredDataGuard {
  db: Queryable;
  /** The importer only adds rows (a new dataset, new images): earlier rows must survive a success too. */
  additive: boolean;
  /** Puts the data back after an accepted case (removes what it added, or applies the valid file again). */
  restore?: (value: unknown) => Promise<void>;
  /** The data as the last case left it (set by runImportCase). */
  known?: Record<string, string[]>;
}

/**
 * One case: the importer runs under the time limit and ends in a value or a clear error; with a guard, a
 * refused import must leave every table exactly as it was, and an additive one must keep every earlier row.
 */
export async function runImportCase(
  tally: FuzzTally,
  label: string,
  names: readonly string[],
  run: () => Promise<unknown>,
  guard?: StoredDataGuard,
): Promise<Outcome> {
  // A refused case leaves the data as it was, so its snapshot is the next case's starting point.
  const before = guard === undefined ? null : (guard.known ?? (await snapshotDatabase(guard.db)));
  const started = performance.now();
  const outcome = await expectValueOrClearError(label, names, run);
  tally.add(outcome, label, performance.now() - started);
  if (guard === undefined || before === null) return outcome;
  const after = await snapshotDatabase(guard.db);
  if (outcome.kind === 'error') {
    expect(after, `${label}: a refused import changed stored data`).toEqual(before);
    guard.known = after;
  } else {
    if (guard.additive) expect(missingRows(before, after), `${label}: earlier rows changed`).toEqual({});
    await guard.restore?.(outcome.value);
    guard.known = undefined;
  }
  return outcome;
}
