import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DEFAULT_PROMPT_TEMPLATE } from '../../../src-main/domain/alignment/default-prompt-template';
import { aggregate, analyseItems } from '../../../src-main/runner/analysis';
import type {
  AlignmentExperiment,
  AlignmentExperimentInput,
} from '../../../src-main/domain/alignment/experiment';
import { RunManager } from '../../../src-main/runner/run-manager';
import type { RunProgress } from '../../../src-main/runner/progress';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { RunRepository } from '../../../src-main/storage/run-repository';
import { ScoringEngineDouble, memorySources } from '../../helpers/scoring-engine-double';
import { useTempDirs } from '../../helpers/temp-dir';
import { IMAGES, QUESTIONS } from './fixtures';

const SPEC: AlignmentExperimentInput = {
  name: 'test',
  models: ['tiny'],
  countries: ['US', 'NG', 'JP'],
  datasetId: 1,
  conditions: ['T', 'I', 'TI', 'conflict', 'blank'],
  images: { perCountry: 2, seed: 1 },
};

describe('RunManager', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let repository: RunRepository;
  let engine: ScoringEngineDouble;
  let progress: RunProgress[];

  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    repository = new RunRepository(db);
    engine = new ScoringEngineDouble();
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

  it('plans one prefix group per (model, condition, country, image) with the right item counts', async () => {
    const { plan } = await manager().plan(SPEC);
    // Questions with human data: US 3, NG 3, JP 2. Images: US 2, NG 1, JP 0.
    const count = (condition: string) =>
      plan.groups.filter((group) => group.condition === condition).reduce((n, g) => n + g.items.length, 0);
    expect(count('T')).toBe(3 + 3 + 2);
    expect(count('I')).toBe(3 * 2 + 3 * 1); // JP has no images: skipped with a warning
    expect(count('TI')).toBe(3 * 2 + 3 * 1);
    expect(count('blank')).toBe(3 + 3 + 2);
    // conflict: US persona → NG image (1), NG → US images (2), JP → NG? (rotation among countries with images)
    expect(
      plan.groups
        .filter((group) => group.condition === 'conflict')
        .every((group) => group.imageCountry !== group.country),
    ).toBe(true);
    expect(plan.warnings).toContainEqual({
      country: 'JP',
      condition: 'I',
      message: 'no images for this country in the library',
    });
    expect(new Set(plan.groups.map((group) => group.key)).size).toBe(plan.groups.length);
    expect(plan.itemCount).toBe(plan.groups.reduce((n, group) => n + group.items.length, 0));
  });

  it('runs to completion, committing each result, and reports progress with counts', async () => {
    const runs = manager();
    const { runId, plan } = await runs.create(SPEC, DEFAULT_PROMPT_TEMPLATE);
    await runs.start(runId);
    await runs.waitForIdle();
    const counts = await repository.counts(runId);
    expect(counts).toMatchObject({ total: plan.itemCount, done: plan.itemCount, errors: 0, pending: 0 });
    expect((await runs.summary(runId)).state).toBe('completed');
    expect(progress.at(-1)).toMatchObject({
      state: 'completed',
      done: plan.itemCount,
      total: plan.itemCount,
    });
    expect(engine.scoredItems).toBe(plan.itemCount);
    const item = (await repository.items(runId))[0]!;
    const probabilities = JSON.parse(item.probabilities_json!) as number[];
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(item.prompt_text).toContain('(A)');
  });

  it('resumes a stopped run without losing or duplicating results, identical to an uninterrupted run', async () => {
    const reference = manager();
    const { runId: referenceId } = await reference.create(SPEC, DEFAULT_PROMPT_TEMPLATE);
    await reference.start(referenceId);
    await reference.waitForIdle();
    await db.run('DELETE FROM result_cache'); // the second run must compute, not copy

    const runs = manager();
    const { runId } = await runs.create(SPEC, DEFAULT_PROMPT_TEMPLATE);
    engine.delayMs = 2;
    await runs.start(runId);
    await expect.poll(async () => (await repository.counts(runId)).done, { interval: 5 }).toBeGreaterThan(5);
    await runs.pause(runId);
    const afterPause = await repository.counts(runId);
    expect(afterPause.pending).toBeGreaterThan(0);
    expect((await runs.summary(runId)).state).toBe('paused');

    engine.delayMs = 0;
    const resumed = manager();
    await resumed.start(runId);
    await resumed.waitForIdle();
    const final = await repository.counts(runId);
    expect(final).toMatchObject({ done: final.total, pending: 0, errors: 0 });
    // Item keys do not contain the run id, so two runs of one experiment line up row for row.
    expect(await results(runId)).toEqual(await results(referenceId));
  });

  it('re-running the same experiment hits the result cache', async () => {
    const runs = manager();
    const first = await runs.create(SPEC, DEFAULT_PROMPT_TEMPLATE);
    await runs.start(first.runId);
    await runs.waitForIdle();
    const scoredBefore = engine.scoredItems;
    const second = await runs.create(SPEC, DEFAULT_PROMPT_TEMPLATE);
    await runs.start(second.runId);
    await runs.waitForIdle();
    expect(engine.scoredItems).toBe(scoredBefore);
    expect(await repository.counts(second.runId)).toMatchObject({
      done: second.plan.itemCount,
      fromCache: second.plan.itemCount,
    });
  });

  it('retries a group once after an engine crash, then fails only that group', async () => {
    const runs = manager();
    const { runId, plan } = await runs.create({ ...SPEC, conditions: ['T'] }, DEFAULT_PROMPT_TEMPLATE);
    engine.crashNextAfter = 1;
    await runs.start(runId);
    await runs.waitForIdle();
    expect(await repository.counts(runId)).toMatchObject({ done: plan.itemCount, errors: 0 });
  });

  it('refuses an experiment with nothing to run, saying why', async () => {
    await expect(
      manager().create({ ...SPEC, countries: ['JP'], conditions: ['I'] }, DEFAULT_PROMPT_TEMPLATE),
    ).rejects.toThrow(/no items to run.*JP \(I\): no images/);
  });

  it('analyses items against the human distributions and aggregates by country, topic and condition', async () => {
    const runs = manager();
    const { runId } = await runs.create(SPEC, DEFAULT_PROMPT_TEMPLATE);
    await runs.start(runId);
    await runs.waitForIdle();
    const sources = memorySources(QUESTIONS, IMAGES);
    const experiment = JSON.parse((await repository.getRun(runId))!.spec_json) as AlignmentExperiment;
    const { items, missingHuman } = await analyseItems({
      runId,
      experiment,
      repository,
      questions: sources.questions,
    });
    expect(missingHuman).toBe(0);
    expect(
      items.every((item) => item.similarity !== null && item.similarity > 0.16 && item.similarity <= 1),
    ).toBe(true);
    const aggregates = aggregate(items, experiment);
    const usT = aggregates.byCountry.find(
      (group) => group.key.country === 'US' && group.key.condition === 'T',
    );
    expect(usT?.n).toBe(3);
    const expectedMean =
      items
        .filter((item) => item.country === 'US' && item.condition === 'T')
        .reduce((sum, item) => sum + item.similarity!, 0) / 3;
    expect(usT?.mean).toBeCloseTo(expectedMean, 12);
    expect(aggregates.percentChangeByCountry.some((row) => row.condition === 'TI')).toBe(true);
    expect(aggregates.cueWins.length).toBeGreaterThan(0);
    expect(aggregates.pairedVsText.map((entry) => entry.cue)).toEqual(['I', 'TI', 'conflict', 'blank']);
  });
});
