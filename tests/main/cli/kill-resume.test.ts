import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { cli, killWhenDone, query } from '../../helpers/cli-process';
import { syntheticGoqaCsv } from '../../helpers/goqa-fixture';
import { useTempDirs } from '../../helpers/temp-dir';

const RUN = [
  'run',
  '--model',
  'value-atlas-demo',
  '--countries',
  'NG,JP,BR',
  '--dataset',
  '1',
  '--conditions',
  'T,blank',
];

describe('a run killed with SIGKILL at random points', () => {
  const tempDir = useTempDirs();

  async function prepare(): Promise<string> {
    const home = await tempDir();
    const csv = join(home, 'goqa.csv');
    await writeFile(csv, syntheticGoqaCsv());
    expect(cli(home, ['demo-model']).status).toBe(0);
    expect(cli(home, ['data', 'import', 'goqa', csv]).status).toBe(0);
    return home;
  }

  async function results(home: string) {
    return query<{ item_key: string; status: string; probabilities_json: string }>(
      join(home, 'value-atlas.sqlite'),
      'SELECT item_key, status, probabilities_json FROM run_items WHERE run_id = 1 ORDER BY position',
    );
  }

  it('resumes with no result lost or duplicated, identical to an uninterrupted run', async () => {
    const reference = await prepare();
    const uninterrupted = cli(reference, RUN);
    expect(uninterrupted.status, uninterrupted.stderr).toBe(0);
    const expected = await results(reference);
    expect(expected).toHaveLength(12 * 3 * 2);
    expect(expected.every((row) => row.status === 'done')).toBe(true);

    const home = await prepare();
    const database = join(home, 'value-atlas.sqlite');
    // Kill at a point chosen by the test (not by time) twice, resuming in between.
    const done = "SELECT COUNT(*) AS done FROM run_items WHERE status = 'done'";
    await killWhenDone(home, RUN, database, done, 7);
    await killWhenDone(home, ['run', '--resume', '1'], database, done, 31);
    const [partial] = await query<{ done: number }>(
      database,
      "SELECT COUNT(*) AS done FROM run_items WHERE status = 'done'",
    );
    expect(partial!.done).toBeLessThan(expected.length);
    const list = cli(home, ['runs', 'list']);
    expect(list.stdout).toMatch(/interrupted/);
    const resumed = cli(home, ['run', '--resume', '1']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(await results(home)).toEqual(expected);
    expect(await query(database, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });
});
