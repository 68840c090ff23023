import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import sqlite3 from 'sqlite3';

import { AppError } from '../domain/errors';

export type SqlValue = string | number | bigint | Buffer | null;
export type SqlParams = readonly SqlValue[] | Record<string, SqlValue>;

export interface RunResult {
  changes: number;
  lastId: number;
}

/** The statements available inside and outside a transaction. */
export interface Queryable {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

function rawRun(db: sqlite3.Database, sql: string, params: SqlParams = []): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    db.run(sql, params, function onRun(this: sqlite3.RunResult, error: Error | null) {
      if (error) reject(error);
      else resolvePromise({ changes: this.changes, lastId: this.lastID });
    });
  });
}

function rawGet<T>(db: sqlite3.Database, sql: string, params: SqlParams = []): Promise<T | undefined> {
  return new Promise((resolvePromise, reject) => {
    db.get(sql, params, (error: Error | null, row: T | undefined) =>
      error ? reject(error) : resolvePromise(row),
    );
  });
}

function rawAll<T>(db: sqlite3.Database, sql: string, params: SqlParams = []): Promise<T[]> {
  return new Promise((resolvePromise, reject) => {
    db.all(sql, params, (error: Error | null, rows: T[]) => (error ? reject(error) : resolvePromise(rows)));
  });
}

function rawExec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    db.exec(sql, (error: Error | null) => (error ? reject(error) : resolvePromise()));
  });
}

/**
 * One SQLite connection. sqlite3 runs every statement on a single connection, so two interleaved async
 * transactions would share one BEGIN. All work therefore passes through one async lock: a transaction holds
 * it from BEGIN to COMMIT, and plain statements wait their turn.
 */
export class Database implements Queryable {
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly db: sqlite3.Database,
    readonly path: string,
  ) {}

  static async open(path: string, options: { busyTimeoutMs?: number } = {}): Promise<Database> {
    if (path !== ':memory:') await mkdir(dirname(path), { recursive: true });
    const raw = await new Promise<sqlite3.Database>((resolvePromise, reject) => {
      const handle = new sqlite3.Database(path, (error: Error | null) =>
        error ? reject(error) : resolvePromise(handle),
      );
    }).catch((error: unknown) => {
      throw new AppError('bad_file', `Cannot open the database '${path}': ${String(error)}`, { file: path });
    });
    const database = new Database(raw, path);
    // WAL lets the CLI read while the app writes; NORMAL sync keeps commits durable across app crashes.
    await rawExec(raw, `PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
    await rawExec(raw, 'PRAGMA journal_mode = WAL');
    await rawExec(raw, 'PRAGMA synchronous = NORMAL');
    await rawExec(raw, 'PRAGMA foreign_keys = ON');
    return database;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('unavailable', 'The database is closed.'));
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return this.exclusive(() => rawRun(this.db, sql, params));
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.exclusive(() => rawGet<T>(this.db, sql, params));
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.exclusive(() => rawAll<T>(this.db, sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.exclusive(() => rawExec(this.db, sql));
  }

  /** Runs `work` inside BEGIN IMMEDIATE … COMMIT; any error rolls everything back. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const tx: Queryable = {
        run: (sql, params) => rawRun(this.db, sql, params),
        get: <R>(sql: string, params?: SqlParams) => rawGet<R>(this.db, sql, params),
        all: <R>(sql: string, params?: SqlParams) => rawAll<R>(this.db, sql, params),
        exec: (sql) => rawExec(this.db, sql),
      };
      await rawExec(this.db, 'BEGIN IMMEDIATE');
      try {
        const value = await work(tx);
        await rawExec(this.db, 'COMMIT');
        return value;
      } catch (error) {
        await rawExec(this.db, 'ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      this.closed = true;
      await new Promise<void>((resolvePromise, reject) =>
        this.db.close((error: Error | null) => (error ? reject(error) : resolvePromise())),
      );
    });
  }
}
