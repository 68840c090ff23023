import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { cli, killWhenDone, query } from '../../helpers/cli-process';
import { writeCounterfactualFixture } from '../../helpers/counterfactual-fixture';
import { useTempDirs } from '../../helpers/temp-dir';

const RUN = ['attribution', 'run', '--model', 'value-atlas-demo', '--samples', '2', '--max-tokens', '12'];

describe('an attribution run killed with SIGKILL', () => {
  const tempDir = useTempDirs();

  async function prepare(): Promise<string> {
    const home = await tempDir();
    const sets = await tempDir();
    await writeCounterfactualFixture(sets);
    expect(cli(home, ['demo-model']).status).toBe(0);
    const imported = cli(home, ['attribution', 'import', sets]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Added 3 sets/);
    return home;
  }

  const items = (home: string) =>
    query<{ item_key: string; status: string; text: string | null }>(
      join(home, 'value-atlas.sqlite'),
      'SELECT item_key, status, text FROM generation_items WHERE run_id = 1 ORDER BY item_key',
    );

  it('resumes with nothing lost or asked twice: the same items as an uninterrupted run', async () => {
    const reference = await prepare();
    const uninterrupted = cli(reference, RUN);
    expect(uninterrupted.status, uninterrupted.stderr).toBe(0);
    const expected = await items(reference);
    // 8 images × 3 kinds × 2 samples, 2 dimensions × 3 kinds × 2 blank samples, 8 classifications.
    expect(expected).toHaveLength(48 + 12 + 8);

    const home = await prepare();
    const database = join(home, 'value-atlas.sqlite');
    const done = "SELECT COUNT(*) AS done FROM generation_items WHERE status = 'done'";
    await killWhenDone(home, RUN, database, done, 9);
    await killWhenDone(home, ['run', '--resume', '1'], database, done, 40);
    const [partial] = await query<{ done: number }>(database, done);
    expect(partial!.done).toBeLessThan(expected.length);
    const resumed = cli(home, ['run', '--resume', '1']);
    expect(resumed.status, resumed.stderr).toBe(0);
    // Every item exactly once (the key is the primary key) and finished. Texts are not compared: a sampled
    // continuation can differ in its last bits after a restart, because llama.cpp's logits depend on what is
    // in the prompt cache (seen once in 68 items on the tiny model).
    const resumedItems = await items(home);
    expect(resumedItems.map((row) => [row.item_key, row.status])).toEqual(
      expected.map((row) => [row.item_key, row.status]),
    );
    expect(resumedItems.every((row) => row.text !== null)).toBe(true);

    const report = cli(home, ['attribution', 'report', '1', '--out', join(home, 'out')]);
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/60 of 60 answers read/);
    expect(report.stdout).toMatch(/wrote .*values\.csv/);
  });
});
