import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { cli, killWhenDone, query } from '../../helpers/cli-process';
import { useTempDirs } from '../../helpers/temp-dir';

const QUESTIONS = Array.from({ length: 12 }, (_, index) => ({
  question: `Survey question number ${index + 1}: how much do you agree that family and trust matter?`,
  options: ['Agree strongly', 'Agree', 'Disagree', "Don't know"],
}));

function syntheticCsv(): string {
  const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const rows = QUESTIONS.map((q, index) => {
    const shares = (shift: number) => {
      const raw = [4 + ((index + shift) % 3), 3, 2 + (shift % 2), 1];
      const total = raw.reduce((a, b) => a + b, 0);
      return `[${raw.map((value) => (value / total).toFixed(6)).join(', ')}]`;
    };
    const selections = `defaultdict(<class 'list'>, {'Nigeria': ${shares(0)}, 'Japan': ${shares(1)}, 'Brazil': ${shares(2)}})`;
    return [q.question, selections, `[${q.options.map((o) => JSON.stringify(o)).join(', ')}]`, 'WVS']
      .map(cell)
      .join(',');
  });
  return ['question,selections,options,source', ...rows].join('\n');
}

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
    await writeFile(csv, syntheticCsv());
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
