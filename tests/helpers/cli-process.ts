import { spawn, spawnSync } from 'node:child_process';

import sqlite3 from 'sqlite3';

import { CLI_JS } from './repo';

/** Runs the built CLI to completion against an app-data folder. */
export function cli(home: string, args: string[], timeoutMs = 180_000) {
  return spawnSync(process.execPath, [CLI_JS, ...args, '--home', home], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
}

/** Reads the app's database from outside, as another process would (read-only). */
export function query<T>(path: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY);
    db.all(sql, (error: Error | null, rows: T[]) => {
      db.close();
      if (error) reject(error);
      else resolve(rows);
    });
  });
}

/**
 * Starts the CLI and kills it with SIGKILL as soon as `countSql` (a `SELECT COUNT(*) AS done …`) reaches
 * `threshold`, or when it exits on its own first. The point of the kill is set by the test, not by time.
 */
export async function killWhenDone(
  home: string,
  args: string[],
  database: string,
  countSql: string,
  threshold: number,
): Promise<void> {
  const child = spawn(process.execPath, [CLI_JS, ...args, '--home', home], { stdio: 'ignore' });
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [row] = await query<{ done: number }>(database, countSql).catch(() => [{ done: 0 }]);
    if ((row?.done ?? 0) >= threshold || child.exitCode !== null) break;
  }
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null)
    await new Promise((resolve) => child.once('exit', resolve));
}
