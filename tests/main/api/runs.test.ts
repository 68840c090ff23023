import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { AppApi } from '../../../src-main/api/create-api';
import { createApi } from '../../../src-main/api/create-api';
import type { ItemDetail, MapPlacement, PlanPreview, RunResults } from '../../../src-main/contract/runs';
import { DEFAULT_PROMPT_TEMPLATE } from '../../../src-main/domain/alignment/default-prompt-template';
import type { RunProgress } from '../../../src-main/domain/runs';
import { ScoringEngineDouble, memorySources } from '../../helpers/scoring-engine-double';
import { useTempDirs } from '../../helpers/temp-dir';
import { IMAGES, QUESTIONS } from '../runner/fixtures';

const EXPERIMENT = {
  name: 'api test',
  models: ['tiny'],
  countries: ['US', 'NG'],
  datasetId: 1,
  conditions: ['T', 'TI'],
  images: { perCountry: 2 },
};

describe('runs API', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  async function open(): Promise<AppApi> {
    const engine = new ScoringEngineDouble();
    const sources = memorySources(QUESTIONS, IMAGES);
    api = await createApi({
      home: await tempDir(),
      alignmentAdapters: () => ({
        questionsFor: () => sources.questions,
        images: sources.images,
        engine,
        manifestFacts: () => Promise.resolve({ models: [{ id: 'tiny', demo: true }] }),
      }),
    });
    return api;
  }

  const call = <T>(app: AppApi, name: string, input: unknown) =>
    app.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;

  it('previews, runs and explains an experiment end to end through the dispatcher', async () => {
    const app = await open();
    const preview = await call<PlanPreview>(app, 'runs.plan', { experiment: EXPERIMENT });
    expect(preview.itemCount).toBe(3 + 3 + 3 * 2 + 3 * 1);
    expect(preview.byCondition).toEqual({ T: 6, TI: 9 });
    expect(preview.estimate.seconds).toBeNull();

    const progress: RunProgress[] = [];
    app.services.events.subscribe((event, payload) => {
      if (event === 'run.progress') progress.push(payload as RunProgress);
    });
    const { runId } = await call<{ runId: number }>(app, 'runs.create', { experiment: EXPERIMENT });
    await app.services.alignment().manager.waitForIdle();
    expect(progress.at(-1)).toMatchObject({ runId, state: 'completed', done: 15, total: 15 });

    const results = await call<RunResults>(app, 'runs.results', { runId });
    expect(results.counts).toMatchObject({ analysed: 15, missingHuman: 0, errors: 0, pending: 0 });
    expect(results.aggregates.byCountry.map((group) => group.key.country).sort()).toEqual([
      'NG',
      'NG',
      'US',
      'US',
    ]);

    const page = await call<{ total: number; items: { itemKey: string; similarity: number }[] }>(
      app,
      'runs.items',
      {
        runId,
        country: 'NG',
        sort: 'similarity-asc',
        limit: 2,
      },
    );
    expect(page.total).toBe(3 + 3);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.similarity).toBeLessThanOrEqual(page.items[1]!.similarity);

    const detail = await call<ItemDetail>(app, 'runs.item', { runId, itemKey: page.items[0]!.itemKey });
    expect(detail.options.length).toBe(detail.predicted?.length);
    expect(detail.human?.length).toBe(detail.options.length);
    expect(detail.promptText).toContain('(A)');
    expect(detail.metrics.jsSimilarity).toBeCloseTo(page.items[0]!.similarity, 12);

    const second = await call<PlanPreview>(app, 'runs.plan', { experiment: EXPERIMENT });
    expect(second.estimate.seconds).not.toBeNull();
  });

  it('places the countries of a run on a cultural map from a projection file, and refuses a broken one', async () => {
    const app = await open();
    const { runId } = await call<{ runId: number }>(app, 'runs.create', { experiment: EXPERIMENT });
    await app.services.alignment().manager.waitForIdle();
    const folder = await tempDir();
    const projection = join(folder, 'map.json');
    await writeFile(
      projection,
      JSON.stringify({
        id: 'toy',
        name: 'Toy map',
        source: 'made for this test',
        items: [{ itemId: 'Q1' }, { itemId: 'Q2' }],
        axes: [{ id: 'x', label: 'x', weights: { Q1: 1, Q2: 1 } }],
      }),
    );
    const placed = await call<{ placements: MapPlacement[] }>(app, 'runs.mapPlacement', {
      runId,
      projectionPath: projection,
    });
    // Two countries × two conditions (T and TI).
    expect(placed.placements).toHaveLength(4);
    expect(placed.placements.every((p) => p.modelPoint !== null && p.humanPoint !== null)).toBe(true);
    await writeFile(projection, JSON.stringify({ id: 'toy', items: [] }));
    await expect(call(app, 'runs.mapPlacement', { runId, projectionPath: projection })).rejects.toThrow(
      /map\.json' is not a map projection/,
    );
  });

  it('rejects malformed experiments with the field that is wrong', async () => {
    const app = await open();
    const result = await app.dispatcher.invoke(
      'runs.plan',
      { experiment: { ...EXPERIMENT, conditions: ['T', 'X'] } },
      { door: 'test' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(result.ok ? '' : result.error.message).toMatch(/experiment\.conditions\.1/);
  });

  it('imports a template file and refuses broken ones, naming the file', async () => {
    const app = await open();
    const dir = await tempDir();
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ not json');
    await expect(call(app, 'runs.importTemplate', { path: broken })).rejects.toThrow(
      /broken\.json.*not valid JSON/,
    );
    const wrongLeadIn = join(dir, 'lead.json');
    await writeFile(
      wrongLeadIn,
      JSON.stringify({ ...DEFAULT_PROMPT_TEMPLATE, id: 'mine', leadIn: 'Answer:' }),
    );
    await expect(call(app, 'runs.importTemplate', { path: wrongLeadIn })).rejects.toThrow(
      /lead\.json.*leadIn/,
    );
    const good = join(dir, 'good.json');
    await writeFile(
      good,
      JSON.stringify({ ...DEFAULT_PROMPT_TEMPLATE, id: 'paper-wording', name: 'Paper wording' }),
    );
    expect(await call(app, 'runs.importTemplate', { path: good })).toMatchObject({
      id: 'paper-wording',
      builtIn: false,
    });
    const list = await call<{ id: string }[]>(app, 'runs.templates', {});
    expect(list.map((template) => template.id)).toEqual([DEFAULT_PROMPT_TEMPLATE.id, 'paper-wording']);
  });
});
