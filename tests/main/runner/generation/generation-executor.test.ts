import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { GenerationExecutor } from '../../../../src-main/runner/generation/generation-executor';
import type { GenerationStudy } from '../../../../src-main/runner/generation/ports';
import { RunManager } from '../../../../src-main/runner/run-manager';
import type { Database } from '../../../../src-main/storage/database';
import {
  GenerationRepository,
  type NewGenerationItem,
} from '../../../../src-main/storage/generation-repository';
import { openAppDatabase } from '../../../../src-main/storage/open-database';
import { RunRepository } from '../../../../src-main/storage/run-repository';
import { GenerationEngineDouble } from '../../../helpers/generation-engine-double';
import { useTempDirs } from '../../../helpers/temp-dir';

const sampling = { temperature: 0.7, topP: 0.95, seed: 1, maxTokens: 64 };

/** A toy study: every response gets two judge calls; a judge reply without a verdict gets one retry. */
const study: GenerationStudy = {
  followUps(item, output) {
    if (item.stage === 'response') {
      return ['a', 'b'].map((dimension) => ({
        itemKey: `${item.item_key}|judge:${dimension}`,
        stage: 'judge',
        parentKey: item.item_key,
        modelId: 'judge',
        request: { user: `Judge ${dimension}: ${output.text}`, sampling: { ...sampling, temperature: 0 } },
        meta: { dimension },
      }));
    }
    if (item.stage === 'judge' && !/[01]\s*$/.test(output.text)) {
      return [
        {
          itemKey: `${item.item_key}|retry`,
          stage: 'judge-retry',
          parentKey: item.item_key,
          modelId: 'judge',
          request: { user: 'Answer with 0 or 1 only', sampling },
          meta: {},
        },
      ];
    }
    return [];
  },
};

describe('GenerationExecutor', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let runs: RunRepository;
  let items: GenerationRepository;
  let engine: GenerationEngineDouble;

  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    runs = new RunRepository(db);
    items = new GenerationRepository(db);
    engine = new GenerationEngineDouble();
  });
  afterEach(async () => {
    await db.close();
  });

  async function newRun(count: number): Promise<{ runId: number; manager: RunManager }> {
    const runId = await runs.createRun(
      {
        kind: 'toy',
        name: 'toy',
        specJson: '{}',
        templateJson: '{}',
        manifestJson: '{}',
        warningsJson: '[]',
      },
      [],
    );
    const responses: NewGenerationItem[] = Array.from({ length: count }, (_, i) => ({
      itemKey: `r${i}`,
      stage: 'response',
      parentKey: null,
      modelId: 'model',
      request: { user: `Question ${i}${i === 1 ? ' UNCLEAR' : ''}`, sampling: { ...sampling, seed: i } },
      meta: { index: i },
    }));
    await items.addItems(runId, responses);
    const manager = manager_();
    return { runId, manager };
  }

  function manager_(): RunManager {
    const manager = new RunManager({
      repository: runs,
      questions: () => {
        throw new Error('not an alignment run');
      },
      images: {
        imagesFor: () => Promise.resolve([]),
        blankImage: () => Promise.reject(new Error('unused')),
        byId: () => Promise.resolve(undefined),
      },
      engine: {
        identify: () => Promise.reject(new Error('unused')),
        scoreGroup: () => Promise.reject(new Error('unused')),
      },
      onProgress: () => undefined,
      manifestFacts: () => Promise.resolve({}),
    });
    manager.registerKind(
      'toy',
      new GenerationExecutor({ repository: items, engine, study, onProgress: () => undefined }),
    );
    return manager;
  }

  it('runs every item and the follow-ups they call for, through the run lifecycle', async () => {
    engine.replies = [{ when: /^Judge .*seed 2$/, text: 'no verdict here' }];
    const { runId, manager } = await newRun(4);
    await manager.start(runId);
    await manager.waitForIdle();
    const all = await items.items(runId);
    expect(all.filter((item) => item.stage === 'response')).toHaveLength(4);
    expect(all.filter((item) => item.stage === 'judge')).toHaveLength(8);
    expect(all.filter((item) => item.stage === 'judge-retry').length).toBeGreaterThan(0);
    expect(all.every((item) => item.status === 'done')).toBe(true);
    expect((await manager.summary(runId)).state).toBe('completed');
    expect(engine.calls).toBe(all.length);
  });

  it('resumes after a pause with no item lost or run twice, matching an uninterrupted run', async () => {
    const reference = await newRun(6);
    await reference.manager.start(reference.runId);
    await reference.manager.waitForIdle();
    const expected = (await items.items(reference.runId)).map((item) => [item.item_key, item.text]);

    const { runId, manager } = await newRun(6);
    engine.delayMs = 3;
    const callsBefore = engine.calls;
    await manager.start(runId);
    await expect.poll(async () => (await items.counts(runId)).done, { interval: 5 }).toBeGreaterThan(4);
    await manager.pause(runId);
    const resumed = manager_();
    await resumed.start(runId);
    await resumed.waitForIdle();
    const actual = (await items.items(runId)).map((item) => [item.item_key, item.text]);
    expect([...actual].sort()).toEqual([...expected].sort());
    expect(engine.calls - callsBefore).toBe(actual.length);
  });

  it('retries once after an engine crash', async () => {
    const { runId, manager } = await newRun(2);
    engine.crashNext = true;
    await manager.start(runId);
    await manager.waitForIdle();
    expect(await items.counts(runId)).toMatchObject({ errors: 0, pending: 0, done: 6 });
  });
});
