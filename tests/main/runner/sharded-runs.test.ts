import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_PROMPT_TEMPLATE } from '../../../src-main/domain/alignment/default-prompt-template';
import {
  alignmentExperimentSchema,
  type AlignmentExperimentInput,
} from '../../../src-main/domain/alignment/experiment';
import { AppError } from '../../../src-main/domain/errors';
import type { ScoreGroupRequest, ScoredItem } from '../../../src-main/runner/ports';
import type { RunProgress } from '../../../src-main/runner/progress';
import { RunManager } from '../../../src-main/runner/run-manager';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { RunRepository } from '../../../src-main/storage/run-repository';
import { memorySources, ScoringEngineDouble } from '../../helpers/scoring-engine-double';
import { useTempDirs } from '../../helpers/temp-dir';
import { IMAGES, QUESTIONS } from './fixtures';

const SPEC: AlignmentExperimentInput = {
  name: 'sharded',
  models: ['tiny'],
  countries: ['US', 'NG', 'JP'],
  datasetId: 1,
  conditions: ['T', 'I', 'TI', 'blank'],
  images: { perCountry: 2, seed: 1 },
};
const SHARDED: AlignmentExperimentInput = {
  ...SPEC,
  engine: { backend: 'remote', remote: 'a', shards: ['b', 'c'] },
};

/**
 * Several remote endpoints at the process boundary: each lane (settings.remote) scores like the engine
 * double and can be made to disappear, after a number of items, as a server that is switched off does.
 */
class EndpointsDouble extends ScoringEngineDouble {
  readonly groupsByEndpoint = new Map<string, number>();
  /** Endpoint → items it still scores before it disappears (then every call fails with a network error). */
  readonly failAfter = new Map<string, number>();
  /** Endpoint → extra milliseconds per item (a slow server). */
  readonly slowBy = new Map<string, number>();

  override async scoreGroup(
    request: ScoreGroupRequest,
    onItem: (item: ScoredItem) => Promise<void>,
    signal: AbortSignal,
  ) {
    const endpoint = request.settings?.remote ?? 'local';
    this.groupsByEndpoint.set(endpoint, (this.groupsByEndpoint.get(endpoint) ?? 0) + 1);
    // Yield first, as a network call does, so that the lanes really interleave.
    await new Promise((resolve) => setTimeout(resolve, 1));
    return super.scoreGroup(
      request,
      async (item) => {
        const slow = this.slowBy.get(endpoint);
        if (slow !== undefined) await new Promise((resolve) => setTimeout(resolve, slow));
        const left = this.failAfter.get(endpoint);
        if (left !== undefined) {
          if (left <= 0) throw new AppError('network', `The connection to ${endpoint} failed (test double).`);
          this.failAfter.set(endpoint, left - 1);
        }
        await onItem(item);
      },
      signal,
    );
  }
}

describe('a run sharded across several endpoints', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let repository: RunRepository;
  let engine: EndpointsDouble;
  let progress: RunProgress[];

  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    repository = new RunRepository(db);
    engine = new EndpointsDouble();
    progress = [];
  });
  afterEach(async () => {
    await db.close();
  });

  function manager(): RunManager {
    const sources = memorySources(QUESTIONS, IMAGES);
    return new RunManager({
      repository,
      questions: () => sources.questions,
      images: sources.images,
      engine,
      onProgress: (event) => progress.push(event),
      manifestFacts: () => Promise.resolve({ app: 'test' }),
    });
  }

  async function results(runId: number) {
    const rows = await repository.items(runId);
    return rows.map((row) => [row.item_key, row.status, row.probabilities_json]);
  }

  async function runToEnd(spec: AlignmentExperimentInput) {
    const runs = manager();
    const { runId } = await runs.create(spec, DEFAULT_PROMPT_TEMPLATE);
    await runs.start(runId);
    await runs.waitForIdle();
    await db.run('DELETE FROM result_cache'); // every run computes: nothing copied from another
    return { runs, runId };
  }

  it('spreads the groups over every endpoint and gives the same results as one engine', async () => {
    const { runId: single } = await runToEnd(SPEC);
    const singleGroups = engine.groupsScored;
    engine.groupsByEndpoint.clear();
    const { runs, runId } = await runToEnd(SHARDED);

    expect((await runs.summary(runId)).state).toBe('completed');
    expect([...engine.groupsByEndpoint.keys()].sort()).toEqual(['a', 'b', 'c']);
    const perEndpoint = [...engine.groupsByEndpoint.values()];
    expect(perEndpoint.reduce((a, b) => a + b, 0)).toBe(singleGroups); // each group scored once
    expect(Math.min(...perEndpoint)).toBeGreaterThan(0);
    expect(await results(runId)).toEqual(await results(single));
  });

  it('an endpoint that disappears mid-group leaves its unfinished items to the others: none lost, none doubled', async () => {
    const { runId: single } = await runToEnd(SPEC);
    const scoredBefore = engine.scoredItems;
    engine.failAfter.set('b', 3);
    const { runs, runId } = await runToEnd(SHARDED);

    expect((await runs.summary(runId)).state).toBe('completed');
    const counts = await repository.counts(runId);
    expect(counts).toMatchObject({ pending: 0, errors: 0, done: counts.total });
    // Exactly the run's items were scored and committed: b's three before it vanished, the rest elsewhere.
    expect(engine.scoredItems - scoredBefore).toBe(counts.total);
    expect(await results(runId)).toEqual(await results(single));
    expect(progress.some((event) => event.message?.includes('Endpoint b was lost') === true)).toBe(true);
  });

  it('a group handed back after the other endpoints had finished still runs on them', async () => {
    const { runId: single } = await runToEnd(SPEC);
    // b is slow and vanishes on its first group's second item, long after a and c have emptied the queue.
    engine.slowBy.set('b', 400);
    engine.failAfter.set('b', 1);
    const { runs, runId } = await runToEnd(SHARDED);
    expect((await runs.summary(runId)).state).toBe('completed');
    expect(engine.groupsByEndpoint.get('b')).toBe(1);
    expect(await results(runId)).toEqual(await results(single));
  });

  it('when every endpoint is lost the run pauses with the reason, and a resume finishes it identically', async () => {
    const { runId: single } = await runToEnd(SPEC);
    for (const endpoint of ['a', 'b', 'c']) engine.failAfter.set(endpoint, 2);
    const { runs, runId } = await runToEnd(SHARDED);

    const paused = await runs.summary(runId);
    expect(paused.state).toBe('paused');
    expect(paused.error).toMatch(/Every endpoint of this run was lost \(a: .*; b: .*; c: .*\)\. \d+ items/);
    const stopped = await repository.counts(runId);
    expect(stopped.errors).toBe(0);
    expect(stopped.done).toBe(6);

    engine.failAfter.clear(); // the endpoints are back
    const resumed = manager();
    await resumed.start(runId);
    await resumed.waitForIdle();
    expect((await resumed.summary(runId)).state).toBe('completed');
    expect(await results(runId)).toEqual(await results(single));
  });

  it('validates the sharding settings', () => {
    const parse = (engine: unknown) => alignmentExperimentSchema.safeParse({ ...SPEC, engine });
    expect(parse({ backend: 'server', shards: ['b'] }).error?.issues[0]?.message).toContain(
      "needs backend 'remote'",
    );
    expect(parse({ backend: 'remote', remote: 'a', shards: ['b', 'a'] }).error?.issues[0]?.message).toContain(
      'Each endpoint may appear once',
    );
    expect(parse({ backend: 'remote', remote: 'a', shards: ['b'] }).success).toBe(true);
  });
});
