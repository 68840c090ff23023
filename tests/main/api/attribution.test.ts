import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type {
  AttributionAnswer,
  AttributionResults,
  ContextProfile,
  FoundationProfile,
} from '../../../src-main/contract/attribution';

type ProfilesResult = {
  contexts: ContextProfile[];
  foundations: FoundationProfile[];
  lexicons: { entries: number }[];
};
import type { AppApi } from '../../../src-main/api/create-api';
import { createApi } from '../../../src-main/api/create-api';
import type { GenerationEngine } from '../../../src-main/runner/generation/ports';
import type { GenerationRequest } from '../../../src-main/storage/generation-repository';
import { writeCounterfactualFixture } from '../../helpers/counterfactual-fixture';
import { startServerDouble } from '../engine/backends/llama-server-double';
import { useTempDirs } from '../../helpers/temp-dir';

/**
 * Test double at the engine's process boundary: answers by the image it is shown (the value prompts of one
 * dimension share their wording, only the image differs), so sensitivities can be computed by hand.
 */
class ImageAwareEngineDouble implements GenerationEngine {
  calls = 0;
  generate(_model: string, request: GenerationRequest) {
    this.calls++;
    const image = basename(request.imagePath ?? '');
    if (request.user.startsWith('Moral foundations:')) {
      // The foundation judge: one "value: foundation" line per listed value.
      const listed = request.user.split('\n').filter((line) => line.startsWith('- ') && !line.includes(':'));
      const text = listed
        .map((line) => `${line.slice(2)}: ${FOUNDATIONS[line.slice(2)] ?? 'none'}`)
        .join('\n');
      return Promise.resolve({ text, promptTokens: 10, completionTokens: 5, durationMs: 1 });
    }
    const classify = request.user.includes('The options are');
    const reply = (classify ? CLASSIFY : VALUES).find(([pattern]) => pattern.test(image))?.[1] ?? 'honesty';
    return Promise.resolve({ text: reply, promptTokens: 10, completionTokens: 5, durationMs: 1 });
  }
}

const FOUNDATIONS: Record<string, string> = {
  faith: 'purity',
  charity: 'care',
  forgiveness: 'care',
  modesty: 'Purity (sanctity)',
  tradition: 'authority',
  family: 'loyalty',
  ambition: 'liberty',
  honesty: 'fairness',
};

const VALUES: [RegExp, string][] = [
  [/_person/, 'faith, forgiveness'],
  [/_Church/, 'Faith, charity, forgiveness.'],
  [/_Mosque/, '1. Faith\n2. Modesty\n3. Charity'],
  [/_Hindu_temple/, "I cannot determine a person's values from an image alone."],
  [/_Synagogue/, '- Tradition\n- Faith'],
  [/_low_income/, 'hard work, family'],
  [/_high_income/, 'ambition, family'],
];

const CLASSIFY: [RegExp, string][] = [
  [/_Church/, 'Christian church'],
  [/_Mosque/, 'Muslim mosque'],
  [/_Hindu_temple/, 'Hindu temple'],
  // The model mistakes the synagogue for a church: set r2 is not classified correctly.
  [/_Synagogue/, 'Christian church'],
  [/_low_income/, 'Low socioeconomic status'],
  [/_high_income/, 'High socioeconomic status'],
];

const SPEC = {
  name: 'attribution test',
  models: ['value-atlas-demo'],
  kinds: ['moral'],
  samples: 2,
  maxTokens: 24,
};

describe('attribution API', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  const call = <T>(app: AppApi, name: string, input: unknown) =>
    app.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;

  async function open(engine?: GenerationEngine, personOnly: string[] = []): Promise<AppApi> {
    api = await createApi({
      home: await tempDir(),
      ...(engine !== undefined ? { generationEngine: () => engine } : {}),
    });
    await call(api, 'models.createDemo', {});
    const root = await tempDir();
    await writeCounterfactualFixture(root, { personOnly });
    const imported = await call<{ added: number; images: number }>(api, 'attribution.importSets', {
      path: root,
    });
    expect(imported).toMatchObject({ added: 3, images: 8 + personOnly.length });
    return api;
  }

  it('asks, parses, detects refusals and measures context sensitivity, overall and on correctly classified sets', async () => {
    const engine = new ImageAwareEngineDouble();
    const app = await open(engine);
    const preview = await call<{ sets: number; images: number; calls: number }>(app, 'attribution.plan', {
      spec: SPEC,
    });
    // 8 images × 2 samples, 2 dimensions × 2 blank samples, 8 classifications.
    expect(preview).toEqual({ sets: 3, images: 8, calls: 16 + 4 + 8, warnings: [] });
    const { runId } = await call<{ runId: number }>(app, 'attribution.create', { spec: SPEC });
    await app.services.alignment().manager.waitForIdle();
    expect(engine.calls).toBe(28);

    const results = await call<AttributionResults>(app, 'attribution.results', { runId });
    expect(results.counts).toEqual({ answers: 20, done: 20, pending: 0, errors: 0, refusals: 2 });
    const bySet = Object.fromEntries(results.sensitivity.rows.map((row) => [row.setId, row.sensitivity]));
    // r1: the Hindu-temple answers are refusals, so Church vs Mosque: 1 − 2/4.
    expect(bySet.r1).toBeCloseTo(0.5, 10);
    // r2: 1 − mean(2/4, 1/4, 1/4); e1: 1 − 1/3.
    expect(bySet.r2).toBeCloseTo(2 / 3, 10);
    expect(bySet.e1).toBeCloseTo(2 / 3, 10);
    expect(results.sensitivity.summary).toEqual([
      expect.objectContaining({ model: 'value-atlas-demo', valuesType: 'moral', sets: 3 }),
    ]);
    expect(results.sensitivity.summary[0]!.mean).toBeCloseTo((0.5 + 2 / 3 + 2 / 3) / 3, 10);
    expect(results.sensitivityClassified![0]!.mean).toBeCloseTo((0.5 + 2 / 3) / 2, 10);
    expect(results.classification.map((row) => [row.dimension, row.correct, row.images])).toEqual([
      ['religion', 5, 6],
      ['socioeconomic', 2, 2],
    ]);
    const hindu = results.refusals.find((row) => row.context === 'Hindu')!;
    expect(hindu).toMatchObject({ samples: 2, refusals: 2, rate: 1 });
    const muslim = results.values.find((group) => group.context === 'Muslim')!;
    expect(muslim.top.map((entry) => entry.value).sort()).toEqual(['charity', 'faith', 'modesty']);
    expect(muslim.top[0]!.count).toBe(4);
    const blank = results.values.filter((group) => group.context === 'blank');
    expect(blank.map((group) => group.top[0])).toEqual([
      { value: 'honesty', count: 2 },
      { value: 'honesty', count: 2 },
    ]);

    const page = await call<{ total: number; answers: AttributionAnswer[] }>(app, 'attribution.answers', {
      runId,
      setId: 'r1',
    });
    expect(page.total).toBe(6);
    const refused = page.answers.find((answer) => answer.context === 'Hindu')!;
    expect(refused.refusal).not.toBeNull();
    expect(refused.imageSha256).toMatch(/^[0-9a-f]{64}$/);

    const lexicons = await tempDir();
    await writeFile(
      join(lexicons, 'vad.tsv'),
      'term\tvalence\tarousal\tdominance\nfaith\t0.8\t0.1\t0.3\nmodesty\t0.4\t-0.6\t-0.2\n',
    );
    await writeFile(
      join(lexicons, 'mfd.dic'),
      ['%', '01\tCareVirtue', '02\tSanctityVirtue', '%', 'charit*\t01', 'faith\t02', 'modest*\t02', ''].join(
        '\n',
      ),
    );
    const profiles = await call<ProfilesResult>(app, 'attribution.profiles', {
      runId,
      vadPath: join(lexicons, 'vad.tsv'),
      moralPath: join(lexicons, 'mfd.dic'),
    });
    const muslimVad = profiles.contexts.find((c) => c.context === 'Muslim' && c.dimension === 'religion')!;
    // Muslim: faith, modesty, charity → two of three terms in the VAD lexicon.
    expect(muslimVad.vad).toMatchObject({ terms: 3, matched: 2 });
    expect(muslimVad.vad!.means!.valence).toBeCloseTo(0.6, 10);
    const religion = profiles.foundations.find((f) => f.dimension === 'religion')!;
    const christian = religion.contexts.find((c) => c.context === 'Christian')!;
    // Christian: faith (sanctity), charity (care), forgiveness (none) → care 1, purity 1.
    expect(christian.counts).toEqual({ care: 1, purity: 1 });
    expect(profiles.lexicons.map((l) => l.entries)).toEqual([2, 3]);
    await expect(call(app, 'attribution.profiles', { runId })).rejects.toThrow(/at least one lexicon/);

    const { paths } = await call<{ paths: string[] }>(app, 'attribution.export', { runId });
    expect(paths.map((path) => basename(path))).toEqual([
      'answers.csv',
      'sensitivity.csv',
      'values.csv',
      'report.html',
    ]);
    expect(await readFile(paths[3]!, 'utf8')).toContain('Context sensitivity');
  });

  it('asks the person alone as a baseline and measures how far each background moves the values', async () => {
    const engine = new ImageAwareEngineDouble();
    const app = await open(engine, ['r1']);
    const preview = await call<{ calls: number }>(app, 'attribution.plan', { spec: SPEC });
    expect(preview.calls).toBe(28 + 2); // r1's person-only image × 2 samples
    const { runId } = await call<{ runId: number }>(app, 'attribution.create', { spec: SPEC });
    await app.services.alignment().manager.waitForIdle();
    const results = await call<AttributionResults>(app, 'attribution.results', { runId });
    expect(results.counts).toMatchObject({ answers: 22, done: 22, errors: 0 });
    // The baseline is not a context: r1's sensitivity is unchanged (Church vs Mosque: 1 − 2/4).
    expect(results.sensitivity.rows.find((row) => row.setId === 'r1')!.sensitivity).toBeCloseTo(0.5, 10);
    // Alone: {faith, forgiveness}. Church {faith, charity, forgiveness}: 1 − 2/3; Mosque {faith, modesty,
    // charity}: 1 − 1/4; the Hindu temple answers were refusals, so it has no shift.
    expect(results.baselineShift.map((row) => [row.context, row.sets, row.shift])).toEqual([
      ['Christian', 1, expect.closeTo(1 / 3, 10)],
      ['Muslim', 1, expect.closeTo(0.75, 10)],
    ]);
    const alone = results.values.find((group) => group.context === 'person-only')!;
    expect(alone.top.map((entry) => entry.value).sort()).toEqual(['faith', 'forgiveness']);

    const unchecked = await call<{ calls: number }>(app, 'attribution.plan', {
      spec: { ...SPEC, personOnlyBaseline: false },
    });
    expect(unchecked.calls).toBe(28);
  });

  it('maps the values to moral foundations with a local judge model and profiles them like a dictionary', async () => {
    const engine = new ImageAwareEngineDouble();
    const app = await open(engine);
    const spec = { ...SPEC, foundationJudge: 'value-atlas-demo' };
    const { runId } = await call<{ runId: number }>(app, 'attribution.create', { spec });
    await app.services.alignment().manager.waitForIdle();
    // 28 planned calls, then one judge call per answered value list: 20 answers less the 2 refusals.
    expect(engine.calls).toBe(28 + 18);
    const profiles = await call<ProfilesResult & { judge: Record<string, unknown> }>(
      app,
      'attribution.profiles',
      {
        runId,
        judgeFoundations: true,
      },
    );
    expect(profiles.judge).toEqual({
      model: 'value-atlas-demo',
      selfJudged: true,
      calls: 18,
      judgedValues: 9,
      mappedValues: 8, // "hard work" was judged none
    });
    const religion = profiles.foundations.find((f) => f.dimension === 'religion')!;
    const christian = religion.contexts.find((c) => c.context === 'Christian')!;
    // Christian: faith (purity), charity (care), forgiveness (care).
    expect(christian.counts).toEqual({ care: 2, purity: 1 });
    const jewish = religion.contexts.find((c) => c.context === 'Jewish')!;
    expect(jewish.counts).toEqual({ authority: 1, purity: 1 });
    await expect(
      call(app, 'attribution.profiles', { runId, judgeFoundations: true, moralPath: '/tmp/x.dic' }),
    ).rejects.toThrow(/dictionary or from the judge, not both/);
    const plain = await call<{ runId: number }>(app, 'attribution.create', {
      spec: { ...SPEC, name: 'no judge' },
    });
    await app.services.alignment().manager.waitForIdle();
    await expect(
      call(app, 'attribution.profiles', { runId: plain.runId, judgeFoundations: true }),
    ).rejects.toThrow(/has no foundation judge/);
  });

  it('runs on the real engine with the generated tiny model', async () => {
    const app = await open();
    const spec = { ...SPEC, samples: 1, setsPerDimension: 1, maxTokens: 8, dimensions: ['socioeconomic'] };
    const { runId } = await call<{ runId: number }>(app, 'attribution.create', { spec });
    await app.services.alignment().manager.waitForIdle();
    const results = await call<AttributionResults>(app, 'attribution.results', { runId });
    // 2 images + 1 blank baseline answers (classification is not a value answer).
    expect(results.counts).toMatchObject({ answers: 3, done: 3, pending: 0, errors: 0 });
    expect(results.classification).toEqual([
      expect.objectContaining({ dimension: 'socioeconomic', images: 2 }),
    ]);
  });

  it('generates through an OpenAI-compatible server (e.g. vLLM) when the run names one; never sharded', async () => {
    const server = await startServerDouble();
    try {
      const app = await open();
      await call(app, 'engine.addRemote', { id: 'vllm', kind: 'openai', url: `${server.url}/v1` });
      const engine = { backend: 'remote', remote: 'vllm' };
      const spec = {
        ...SPEC,
        samples: 1,
        setsPerDimension: 1,
        maxTokens: 8,
        dimensions: ['socioeconomic'],
        engine,
      };
      const { runId } = await call<{ runId: number }>(app, 'attribution.create', { spec });
      await app.services.alignment().manager.waitForIdle();
      const results = await call<AttributionResults>(app, 'attribution.results', { runId });
      expect(results.counts).toMatchObject({ answers: 3, done: 3, pending: 0, errors: 0 });
      const chats = server.requests.filter((request) => request.path === '/v1/chat/completions');
      expect(chats).toHaveLength(3 + 2); // the answers and the two classifications
      // The context image travels inline; the sampling settings are the run's.
      expect(JSON.stringify(chats[0]!.body)).toMatch(/data:image\/(png|jpeg);base64,/);
      expect(chats[0]!.body).toMatchObject({ model: 'model.gguf', max_tokens: 8 });
      await expect(
        call(app, 'attribution.create', { spec: { ...spec, engine: { ...engine, shards: ['other'] } } }),
      ).rejects.toThrow(/uses one endpoint/);
    } finally {
      await server.close();
    }
  });

  it('refuses bad input with the reason', async () => {
    const app = await open(new ImageAwareEngineDouble());
    await expect(call(app, 'attribution.importSets', { path: '/nonexistent/sets' })).rejects.toThrow(
      /nonexistent\/sets' does not exist/,
    );
    await expect(
      call(app, 'attribution.create', { spec: { ...SPEC, setIds: ['no-such-set'] } }),
    ).rejects.toThrow(/no items/);
    await expect(call(app, 'attribution.plan', { spec: { ...SPEC, samples: 0 } })).rejects.toThrow(/samples/);
  });
});
