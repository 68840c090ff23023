import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { AppApi } from '../../../src-main/api/create-api';
import { createApi } from '../../../src-main/api/create-api';
import type { SafetyResponseDetail, SafetyResults } from '../../../src-main/contract/safety';
import { writeCrossFixture } from '../../helpers/cross-fixture';
import { GenerationEngineDouble } from '../../helpers/generation-engine-double';
import { useTempDirs } from '../../helpers/temp-dir';

const SPEC = {
  name: 'safety test',
  models: ['value-atlas-demo'],
  judgeModel: 'value-atlas-demo',
  maxTokens: 16,
  judgeMaxTokens: 8,
};

describe('safety API', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  const call = <T>(app: AppApi, name: string, input: unknown) =>
    app.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;

  async function open(engine?: GenerationEngineDouble): Promise<AppApi> {
    api = await createApi({
      home: await tempDir(),
      ...(engine !== undefined ? { generationEngine: () => engine } : {}),
    });
    await call(api, 'models.createDemo', {});
    const root = await tempDir();
    await writeCrossFixture(root);
    await call(api, 'safety.importCross', { path: root });
    return api;
  }

  it('answers, judges (with a retry for unreadable verdicts), scores, compares with the text-only control and with people', async () => {
    const engine = new GenerationEngineDouble();
    engine.replies = [
      { when: /Your reply was/, text: '1' },
      { when: /Criterion:\nAwareness/, text: 'It names the custom.\nScore: 1' },
      { when: /Criterion:\nEducation/, text: 'Nothing is explained. Score: 0' },
      // The grounded casa queries mention what the person wears: the judge finds a violation there only.
      { when: /wearing these[\s\S]*Criterion:\nViolation/, text: 'It helps break it. 1' },
      { when: /Criterion:\nViolation/, text: 'Score: 0' },
      { when: /Criterion:\nHelpfulness/, text: 'A fair answer overall.' },
    ];
    const app = await open(engine);

    const preview = await call<{ queries: number; answers: number; judgeCalls: number; selfJudged: boolean }>(
      app,
      'safety.plan',
      { spec: SPEC },
    );
    expect(preview).toMatchObject({ queries: 4, answers: 8, judgeCalls: 32, selfJudged: true });
    const { runId } = await call<{ runId: number }>(app, 'safety.create', { spec: SPEC });
    await app.services.alignment().manager.waitForIdle();

    const results = await call<SafetyResults>(app, 'safety.results', { runId });
    expect(results.counts).toEqual({
      responses: 8,
      judged: 8,
      pending: 0,
      errors: 0,
      unparseableVerdicts: 0,
    });
    // 8 answers + 32 verdicts + 8 retries (helpfulness never gives a score at first).
    expect(engine.calls).toBe(48);
    const [overall] = results.overall;
    expect(overall!.metrics.awareness).toMatchObject({ percent: 100, n: 4 });
    expect(overall!.metrics.education).toMatchObject({ percent: 0, n: 4 });
    expect(overall!.metrics.compliance).toMatchObject({ percent: 25, n: 4, count: 1 });
    expect(overall!.metrics.helpfulness).toMatchObject({ percent: 100, n: 4 });
    expect(overall!.metrics.compliance.lower).toBeGreaterThan(0);
    expect(results.byCountry.map((group) => group.key.country)).toEqual(['JP', 'KE', 'IN']);
    const [gap] = results.groundingGap;
    expect(gap!.metrics.compliance).toMatchObject({ pairs: 4, grounded: 25, textOnly: 100, difference: -75 });
    expect(results.selfJudged).toEqual(['value-atlas-demo']);

    const page = await call<{ total: number; responses: SafetyResponseDetail[] }>(app, 'safety.responses', {
      runId,
      condition: 'grounded',
    });
    expect(page.total).toBe(4);
    const first = page.responses[0]!;
    expect(first.imageSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.judges.helpfulness).toMatchObject({ state: 'scored-on-retry', score: 1 });
    await call(app, 'safety.label', { runId, responseKey: first.key, dimension: 'awareness', score: 1 });
    await call(app, 'safety.label', {
      runId,
      responseKey: page.responses[1]!.key,
      dimension: 'awareness',
      score: 0,
    });
    const labelled = await call<SafetyResults>(app, 'safety.results', { runId });
    expect(labelled.agreement.labelled).toBe(2);
    expect(labelled.agreement.dimensions.find((d) => d.dimension === 'awareness')).toMatchObject({
      n: 2,
      accuracy: 0.5,
    });
    await expect(
      call(app, 'safety.label', { runId, responseKey: 'no such answer', dimension: 'awareness', score: 1 }),
    ).rejects.toThrow(/no answer 'no such answer'/);

    const sample = await call<{ responses: SafetyResponseDetail[] }>(app, 'safety.responses', {
      runId,
      sampleSeed: 7,
      limit: 8,
    });
    const again = await call<{ responses: SafetyResponseDetail[] }>(app, 'safety.responses', {
      runId,
      sampleSeed: 7,
      limit: 8,
    });
    expect(sample.responses.map((r) => r.key)).toEqual(again.responses.map((r) => r.key));

    const { paths } = await call<{ paths: string[] }>(app, 'safety.export', { runId });
    expect(paths.map((path) => path.split('/').pop())).toEqual(['answers.csv', 'scores.csv', 'report.html']);
    const report = await readFile(paths[2]!, 'utf8');
    expect(report).toContain('not comparable');
    expect(report).toContain('self-assessments');
    expect((await readFile(paths[0]!, 'utf8')).split('\n')).toHaveLength(8 + 2);
  });

  it('refuses a run with nothing to do, an unknown model and a broken rubric file, naming the problem', async () => {
    const app = await open(new GenerationEngineDouble());
    await expect(call(app, 'safety.create', { spec: { ...SPEC, countries: ['FR'] } })).rejects.toThrow(
      /no items/,
    );
    await expect(call(app, 'safety.plan', { spec: { ...SPEC, judgeModel: 'nope' } })).rejects.toThrow(/nope/);
    const rubric = join(await tempDir(), 'rubric.json');
    await writeFile(rubric, '{"id": "x"}');
    await expect(call(app, 'safety.create', { spec: SPEC, rubricPath: rubric })).rejects.toThrow(
      /rubric.json' is not a safety rubric/,
    );
  });

  it('runs on the real engine with the generated tiny model: grounded answers see the image, every verdict is accounted for', async () => {
    const app = await open();
    const spec = { ...SPEC, limit: 1 };
    const { runId } = await call<{ runId: number }>(app, 'safety.create', { spec });
    await app.services.alignment().manager.waitForIdle();
    const results = await call<SafetyResults>(app, 'safety.results', { runId });
    expect(results.counts).toMatchObject({ responses: 2, judged: 2, pending: 0, errors: 0 });
    const { responses } = await call<{ responses: SafetyResponseDetail[] }>(app, 'safety.responses', {
      runId,
    });
    const grounded = responses.find((r) => r.condition === 'grounded')!;
    expect(grounded.imagePath).not.toBeNull();
    expect(grounded.status).toBe('done');
    // A random-weight judge rarely writes a 0 or 1: such verdicts are missing, and counted as such.
    const states = responses.flatMap((r) => Object.values(r.judges).map((j) => j.state));
    expect(states.every((state) => state !== 'pending')).toBe(true);
    expect(states.filter((state) => state === 'unparseable').length).toBe(results.counts.unparseableVerdicts);
  });
});
