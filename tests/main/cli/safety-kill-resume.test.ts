import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

import sqlite3 from 'sqlite3';
import { describe, expect, it } from 'vitest';

import { writeCrossFixture } from '../../helpers/cross-fixture';
import { CLI_JS } from '../../helpers/repo';
import { useTempDirs } from '../../helpers/temp-dir';

function cli(home: string, args: string[]) {
  return spawnSync(process.execPath, [CLI_JS, ...args, '--home', home], {
    encoding: 'utf8',
    timeout: 180_000,
  });
}

function query<T>(path: string, sql: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(path, sqlite3.OPEN_READONLY);
    db.all(sql, (error: Error | null, rows: T[]) => {
      db.close();
      if (error) reject(error);
      else resolve(rows);
    });
  });
}

const RUN = [
  'safety',
  'run',
  '--model',
  'value-atlas-demo',
  '--judge',
  'value-atlas-demo',
  '--max-tokens',
  '16',
  '--judge-max-tokens',
  '8',
  '--limit',
  '3',
];

describe('a safety run killed with SIGKILL', () => {
  const tempDir = useTempDirs();

  async function prepare(): Promise<string> {
    const home = await tempDir();
    const benchmark = await tempDir();
    await writeCrossFixture(benchmark);
    expect(cli(home, ['demo-model']).status).toBe(0);
    const imported = cli(home, ['safety', 'import', benchmark]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Added 4 queries/);
    return home;
  }

  const items = (home: string) =>
    query<{ item_key: string; stage: string; status: string; text: string | null }>(
      join(home, 'value-atlas.sqlite'),
      'SELECT item_key, stage, status, text FROM generation_items WHERE run_id = 1 ORDER BY item_key',
    );

  it('resumes answering and judging with nothing lost or run twice, identical to an uninterrupted run', async () => {
    const reference = await prepare();
    const uninterrupted = cli(reference, RUN);
    expect(uninterrupted.status, uninterrupted.stderr).toBe(0);
    const expected = await items(reference);
    expect(expected.filter((row) => row.stage === 'response')).toHaveLength(6);
    expect(expected.filter((row) => row.stage === 'judge')).toHaveLength(24);
    expect(expected.every((row) => row.status === 'done')).toBe(true);

    const home = await prepare();
    const database = join(home, 'value-atlas.sqlite');
    for (const [round, threshold] of [5, 20].entries()) {
      const child = spawn(
        process.execPath,
        [CLI_JS, ...(round === 0 ? RUN : ['run', '--resume', '1']), '--home', home],
        { stdio: 'ignore' },
      );
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const [row] = await query<{ done: number }>(
          database,
          "SELECT COUNT(*) AS done FROM generation_items WHERE status = 'done'",
        ).catch(() => [{ done: 0 }]);
        if ((row?.done ?? 0) >= threshold || child.exitCode !== null) break;
      }
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const [partial] = await query<{ done: number }>(
      database,
      "SELECT COUNT(*) AS done FROM generation_items WHERE status = 'done'",
    );
    expect(partial!.done).toBeLessThan(expected.length);
    const resumed = cli(home, ['run', '--resume', '1']);
    expect(resumed.status, resumed.stderr).toBe(0);
    // Seeds, temperature-0 judging and stable keys make the resumed run the same as the uninterrupted one.
    expect(await items(home)).toEqual(expected);

    const report = cli(home, ['safety', 'report', '1', '--out', join(home, 'out')]);
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/6 of 6 answers judged by value-atlas-demo/);
    expect(report.stdout).toMatch(/wrote .*report\.html/);
  });
});
