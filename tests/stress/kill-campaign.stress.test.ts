import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createRandom, randomInt, type Random } from '../../src-main/domain/stats/prng';
import { cli, query } from '../helpers/cli-process';
import { syntheticGoqaCsv } from '../helpers/goqa-fixture';
import { CLI_JS } from '../helpers/repo';
import { useTempDirs } from '../helpers/temp-dir';
import { canListProcesses, engineChildren, isRunning } from './process-tree';

/*
 * Kill campaign (issue 10): an alignment run on the tiny demo model, SIGKILLed again and again at seeded
 * points (after some items, after some milliseconds, during start-up), and its engine host killed under a
 * live CLI, resuming each time until the run completes. Then: no result lost, rewritten or duplicated, the
 * items and probabilities equal an uninterrupted run, and the database passes PRAGMA integrity_check.
 * Kills stop when VALUE_ATLAS_STRESS_BUDGET_S (default 300) is spent; the run is then let finish.
 */
const BUDGET_S = Number(process.env.VALUE_ATLAS_STRESS_BUDGET_S ?? '300');
const SEED = Number(process.env.VALUE_ATLAS_STRESS_SEED ?? '1010');
const TOLERANCE = 1e-6;
/** One CLI life longer than this is a hang (an uninterrupted run takes about ten seconds). */
const LIFE_LIMIT_MS = 180_000;
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

type Row = { item_key: string; status: string; probabilities_json: string | null };
type Plan =
  | { kind: 'cli-after-items'; items: number }
  | { kind: 'cli-after-ms'; ms: number }
  | { kind: 'engine'; atItems: number; secondAfter: number | null; cliAfter: number | null }
  | { kind: 'none' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pickPlan(random: Random): Plan {
  const roll = randomInt(random, 10);
  if (roll < 4) return { kind: 'cli-after-items', items: 1 + randomInt(random, 10) };
  // Time-based kills land anywhere: migrations, model load, planning, mid-transaction.
  if (roll < 6) return { kind: 'cli-after-ms', ms: 30 + randomInt(random, 2500) };
  return {
    kind: 'engine',
    atItems: randomInt(random, 6),
    secondAfter: randomInt(random, 2) === 0 ? 1 + randomInt(random, 5) : null,
    cliAfter: randomInt(random, 2) === 0 ? 1 + randomInt(random, 8) : null,
  };
}

async function rows(database: string): Promise<Row[]> {
  return query<Row>(
    database,
    'SELECT item_key, status, probabilities_json FROM run_items WHERE run_id = 1 ORDER BY position',
  ).catch(() => []);
}

async function count(database: string, sql: string): Promise<number> {
  const [row] = await query<{ n: number }>(database, sql).catch(() => [{ n: 0 }]);
  return row?.n ?? 0;
}

const doneCount = (database: string) =>
  count(database, "SELECT COUNT(*) AS n FROM run_items WHERE run_id = 1 AND status = 'done'");

interface Tally {
  cliKills: number;
  engineKills: number;
  lives: number;
  /** Resumes that had to retry items failed by a twice-killed engine (the executor retries a crash once). */
  retryResumes: number;
  engines: Set<number>;
}

/** One CLI life under `plan`: it ends killed by the plan, or on its own. */
async function life(
  home: string,
  args: string[],
  plan: Plan,
  tally: Tally,
): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  const database = join(home, 'value-atlas.sqlite');
  const child = spawn(process.execPath, [CLI_JS, ...args, '--home', home], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  const startDone = await doneCount(database);
  let engineKills = 0;
  let lastEngineKillAt = -1;
  let killed = false;
  const killCli = () => {
    killed = child.kill('SIGKILL');
    if (killed) tally.cliKills++;
  };
  while (child.exitCode === null && child.signalCode === null) {
    await sleep(15);
    if (Date.now() - started > LIFE_LIMIT_MS) {
      child.kill('SIGKILL');
      throw new Error(`HANG: '${args.join(' ')}' made no end within ${LIFE_LIMIT_MS} ms. ${stderr}`);
    }
    const engines = child.pid === undefined ? [] : engineChildren(child.pid);
    for (const pid of engines) tally.engines.add(pid);
    const done = await doneCount(database);
    if (plan.kind === 'cli-after-ms' && Date.now() - started >= plan.ms) killCli();
    else if (plan.kind === 'cli-after-items' && done >= startDone + plan.items) killCli();
    else if (plan.kind === 'engine') {
      const wanted = plan.secondAfter === null ? 1 : 2;
      const due =
        engineKills === 0
          ? done >= startDone + plan.atItems
          : done >= lastEngineKillAt + (plan.secondAfter ?? 0);
      if (engineKills < wanted && due && engines.length > 0) {
        for (const pid of engines) process.kill(pid, 'SIGKILL');
        tally.engineKills++;
        engineKills++;
        lastEngineKillAt = done;
      } else if (engineKills === wanted && plan.cliAfter !== null && done >= lastEngineKillAt + plan.cliAfter)
        killCli();
    }
    if (killed) break;
  }
  const code = await exited;
  tally.lives++;
  return { killed, code, stderr };
}

describe('kill campaign: SIGKILL the CLI and its engine during an alignment run', () => {
  const tempDir = useTempDirs();

  async function prepare(): Promise<string> {
    const home = await tempDir();
    const csv = join(home, 'goqa.csv');
    await writeFile(csv, syntheticGoqaCsv());
    for (const args of [['demo-model'], ['data', 'import', 'goqa', csv]]) {
      const done = cli(home, args);
      expect(done.status, `${args.join(' ')}: ${done.stderr}`).toBe(0);
    }
    return home;
  }

  it(
    'resumes after every kill until done: nothing lost or duplicated, equal to an uninterrupted run',
    async () => {
      const started = Date.now();
      const deadline = started + BUDGET_S * 1000;
      const reference = await prepare();
      const uninterrupted = cli(reference, RUN);
      expect(uninterrupted.status, uninterrupted.stderr).toBe(0);
      const referenceDb = join(reference, 'value-atlas.sqlite');
      const expected = await rows(referenceDb);
      expect(expected).toHaveLength(12 * 3 * 2);
      expect(expected.every((row) => row.status === 'done')).toBe(true);
      const expectedCache = await count(referenceDb, 'SELECT COUNT(*) AS n FROM result_cache');

      const random = createRandom(SEED);
      const withEngine = canListProcesses();
      const tally: Tally = { cliKills: 0, engineKills: 0, lives: 0, retryResumes: 0, engines: new Set() };
      let maxDifference = 0;
      let rounds = 0;
      // Rounds on fresh homes while the budget lasts (at least one), each run driven to completion.
      do {
        rounds++;
        const home = await prepare();
        const database = join(home, 'value-atlas.sqlite');
        const seen = new Map<string, string | null>();
        let selfEnds = 0;
        for (let cycle = 0; ; cycle++) {
          expect(cycle, 'the run never completed').toBeLessThan(1000);
          const runs = await count(database, 'SELECT COUNT(*) AS n FROM runs');
          const failed = await count(database, "SELECT COUNT(*) AS n FROM run_items WHERE status = 'error'");
          if (failed > 0) tally.retryResumes++;
          const args = runs === 0 ? RUN : ['run', '--resume', '1', ...(failed > 0 ? ['--retry-failed'] : [])];
          let plan = Date.now() < deadline ? pickPlan(random) : ({ kind: 'none' } as Plan);
          if (plan.kind === 'engine' && !withEngine)
            plan = { kind: 'cli-after-items', items: 1 + plan.atItems };
          const outcome = await life(home, args, plan, tally);
          if (process.env.VALUE_ATLAS_STRESS_VERBOSE === '1')
            console.log(
              `round ${rounds} life ${cycle}: ${JSON.stringify(plan)} ${args.slice(1, 3).join(' ')} -> ` +
                `${outcome.killed ? 'killed' : `exit ${outcome.code}`}, done ${await doneCount(database)}, ` +
                `failed ${await count(database, "SELECT COUNT(*) AS n FROM run_items WHERE status = 'error'")}` +
                (outcome.killed ? '' : ` ${outcome.stderr.slice(-300)}`),
            );

          // Once stored, a result is never lost, rewritten or duplicated by a kill or a resume.
          const now = await rows(database);
          if (runs > 0 || now.length > 0)
            expect(now.map((row) => row.item_key)).toEqual(expected.map((row) => row.item_key));
          for (const row of now) {
            const earlier = seen.get(row.item_key);
            if (earlier !== undefined)
              expect(row, `cycle ${cycle}: ${row.item_key} changed`).toMatchObject({
                status: 'done',
                probabilities_json: earlier,
              });
            else if (row.status === 'done') seen.set(row.item_key, row.probabilities_json);
          }
          // Done when the run is recorded complete with every item done, however this life ended: a kill can
          // land after the last item, and a resume of a complete run is then (rightly) refused.
          const complete = await count(
            database,
            "SELECT COUNT(*) AS n FROM runs WHERE id = 1 AND state = 'completed'",
          );
          if (complete === 1 && now.length > 0 && now.every((row) => row.status === 'done')) break;
          // A CLI that keeps ending on its own without finishing is stuck: say why instead of looping.
          selfEnds = outcome.killed ? 0 : selfEnds + 1;
          if (selfEnds > 3 || (!outcome.killed && ![0, 1, 3].includes(outcome.code ?? -1)))
            throw new Error(
              `the CLI ended on its own (exit ${outcome.code}) without finishing: ${outcome.stderr}`,
            );
        }

        const final = await rows(database);
        expect(final.map(({ item_key, status }) => ({ item_key, status }))).toEqual(
          expected.map(({ item_key, status }) => ({ item_key, status })),
        );
        for (const [index, row] of final.entries()) {
          const got = JSON.parse(row.probabilities_json ?? 'null') as number[];
          const want = JSON.parse(expected[index]!.probabilities_json ?? 'null') as number[];
          expect(got).toHaveLength(want.length);
          for (const [option, value] of got.entries())
            maxDifference = Math.max(maxDifference, Math.abs(value - want[option]!));
        }
        expect(await query(database, 'SELECT state FROM runs')).toEqual([{ state: 'completed' }]);
        expect(await count(database, 'SELECT COUNT(*) AS n FROM result_cache')).toBe(expectedCache);
        expect(await query(database, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      } while (Date.now() < deadline - 20_000);

      // No engine host outlives its CLI.
      for (let wait = 0; wait < 100 && [...tally.engines].some(isRunning); wait++) await sleep(50);
      expect([...tally.engines].filter(isRunning)).toEqual([]);
      console.log(
        `kill campaign: ${rounds} round(s), ${tally.cliKills + tally.engineKills} kills survived ` +
          `(${tally.cliKills} CLI, ${tally.engineKills} engine${withEngine ? '' : ': /proc unreadable, none tried'}), ` +
          `${tally.lives} CLI lives, ${tally.retryResumes} resumes with --retry-failed, max |Δp| = ${maxDifference.toExponential(2)}, ` +
          `${((Date.now() - started) / 1000).toFixed(0)} s of a ${BUDGET_S} s budget`,
      );
      expect(maxDifference).toBeLessThanOrEqual(TOLERANCE);
      expect(tally.cliKills).toBeGreaterThan(0);
    },
    (BUDGET_S + 300) * 1000,
  );
});
