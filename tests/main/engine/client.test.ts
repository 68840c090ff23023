import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EngineClient } from '../../../src-main/engine/client';
import type { LoadSpec, ScoreBatchRequest, ScoreResult } from '../../../src-main/engine/engine';
import { prepareImage } from '../../../src-main/engine/prepare-image';
import { useTempDirs } from '../../helpers/temp-dir';
import { getTinyModel } from '../../helpers/tiny-model';

const QUESTIONS = [
  'Question: How important is family in your life? Options: (A) Very (B) Rather (C) Not very (D) Not at all',
  'Question: Can most people be trusted? Options: (A) Yes (B) No',
  'Question: How interested are you in politics? Options: (A) Very (B) Somewhat (C) Not very',
  'Question: Is religion important? Options: (A) Yes (B) No (C) Unsure',
  'Question: Do you agree that work is a duty? Options: (A) Agree (B) Neither (C) Disagree',
];
const LABELS = [
  ['A', 'B', 'C', 'D'],
  ['A', 'B'],
  ['A', 'B', 'C'],
  ['A', 'B', 'C'],
  ['A', 'B', 'C'],
];

describe('EngineClient with the real llama.cpp binding in its own process', () => {
  const tempDir = useTempDirs();
  let engine: EngineClient;
  let spec: LoadSpec;
  let workDir: string;
  let red: string;
  let blue: string;

  beforeAll(async () => {
    const pair = await getTinyModel();
    spec = {
      modelPath: pair.modelPath,
      mmprojPath: pair.mmprojPath,
      variant: 'default',
      gpuLayers: 0,
      threads: 2,
      contextSize: 2048,
    };
    engine = new EngineClient();
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    workDir = await mkdtemp(join(tmpdir(), 'va-engine-'));
    const make = async (name: string, rgb: { r: number; g: number; b: number }) => {
      const source = join(workDir, `${name}.jpg`);
      await sharp({ create: { width: 200, height: 120, channels: 3, background: rgb } })
        .jpeg()
        .toFile(source);
      return (await prepareImage(source, 64, join(workDir, 'prepared'))).path;
    };
    red = await make('red', { r: 220, g: 30, b: 30 });
    blue = await make('blue', { r: 20, g: 40, b: 230 });
  });
  afterAll(async () => {
    await engine?.close();
  });

  function batch(imagePath?: string, count = QUESTIONS.length): ScoreBatchRequest {
    return {
      prefixText: 'You live in Japan. Answer as a typical person there would.\n',
      suffixes: QUESTIONS.slice(0, count).map((text, index) => ({
        id: `q${index}`,
        text,
        optionLabels: LABELS[index]!,
      })),
      leadIn: 'Answer: (',
      ...(imagePath !== undefined ? { imagePath } : {}),
    };
  }

  async function score(request: ScoreBatchRequest) {
    const results: ScoreResult[] = [];
    const counters = await engine.scoreBatch(request, (result) => {
      results.push(result);
    });
    return { results, counters };
  }

  it('loads the pair and reads option probabilities that sum to one, with their coverage', async () => {
    const loaded = await engine.load(spec);
    expect(loaded).toMatchObject({
      vocabSize: 1120,
      imageSize: 64,
      imageTokens: 64,
      llamaCppBuild: expect.stringMatching(/^b\d+/) as unknown,
    });
    const { results } = await score(batch(red, 2));
    expect(results.map((result) => result.id)).toEqual(['q0', 'q1']);
    for (const [index, result] of results.entries()) {
      expect(result.probabilities).toHaveLength(LABELS[index]!.length);
      expect(result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(result.coverage).toBeGreaterThan(0);
      expect(result.coverage).toBeLessThanOrEqual(1);
      expect(result.topTokens).toHaveLength(10);
      expect(result.formattedPrompt).toMatch(
        /^USER: <__media__>\nYou live in Japan[\s\S]*ASSISTANT: Answer: \($/,
      );
    }
  });

  it('evaluates the shared prefix (image included) once: prompt tokens ≈ prefix + Σ suffixes, one image encode', async () => {
    await engine.unload();
    await engine.load(spec);
    const { results, counters } = await score(batch(blue));
    const first = results[0]!;
    expect(counters.imageEncodes).toBe(1);
    // Every item, the first included, reuses the prefix (the group starts by evaluating it alone).
    for (const result of results) expect(result.cachedTokens).toBeGreaterThan(64);
    const prefixTokens = first.cachedTokens;
    const suffixTotal = results.reduce((sum, result) => sum + result.promptTokens, 0);
    // ≈: the prefix ends mid-prompt, so its last token may tokenise differently on its own.
    expect(Math.abs(counters.promptTokensEvaluated - (prefixTokens + suffixTotal))).toBeLessThanOrEqual(3);
    // Without reuse every item would evaluate its full prompt, image included.
    const naive = results.reduce((sum, result) => sum + result.promptTokens + result.cachedTokens, 0);
    expect(counters.promptTokensEvaluated).toBeLessThan(naive / 2);
  });

  it('gives the same probabilities with prefix reuse as with a fresh context per item', async () => {
    await engine.load(spec);
    const reused = (await score(batch(red))).results;
    const fresh: ScoreResult[] = [];
    for (let index = 0; index < QUESTIONS.length; index++) {
      await engine.unload();
      await engine.load(spec);
      const single = batch(red);
      single.suffixes = [single.suffixes[index]!];
      fresh.push(...(await score(single)).results);
    }
    // Evaluating the suffix on top of a cached prefix splits the batch differently from one pass over the
    // whole prompt; with F16 weights that moves probabilities by a few 1e-4 (ENGINE.md §11 saw up to 0.7 %).
    let maxDifference = 0;
    for (const [index, result] of reused.entries()) {
      result.probabilities.forEach((p, option) => {
        maxDifference = Math.max(maxDifference, Math.abs(p - fresh[index]!.probabilities[option]!));
      });
    }
    expect(maxDifference).toBeLessThan(2e-3);
  });

  it('is deterministic, and different images give different distributions', async () => {
    await engine.load(spec);
    const a = (await score(batch(red, 1))).results[0]!;
    const b = (await score(batch(blue, 1))).results[0]!;
    const again = (await score(batch(red, 1))).results[0]!;
    expect(again.probabilities).toEqual(a.probabilities);
    expect(b.probabilities).not.toEqual(a.probabilities);
  });

  it('generates text deterministically for a seed, streaming tokens', async () => {
    await engine.load(spec);
    const request = {
      user: 'What values matter in this picture?',
      imagePath: red,
      sampling: { temperature: 0.8, topP: 0.95, seed: 7, maxTokens: 12 },
    };
    const tokens: string[] = [];
    const first = await engine.generate(request, (token) => tokens.push(token));
    const second = await engine.generate(request);
    expect(first.text).toBe(second.text);
    expect(first.completionTokens).toBe(12);
    expect(tokens.join('')).toBe(first.text);
  });

  it('survives the engine process being killed mid-batch: clear error, then works again', async () => {
    await engine.load(spec);
    const status = await engine.status();
    const scoring = score(batch(red));
    setTimeout(() => process.kill(status.pid!, 'SIGKILL'), 5);
    await expect(scoring).rejects.toMatchObject({
      code: 'engine_crashed',
      message: expect.stringContaining('stopped unexpectedly') as unknown,
    });
    const { results } = await score(batch(red, 1));
    expect(results).toHaveLength(1);
    expect((await engine.status()).restarts).toBeGreaterThanOrEqual(1);
  });

  it('refuses a mismatched projector with a clear error naming the file, and keeps working', async () => {
    const broken = await getTinyModel({ defect: 'mmproj-width-mismatch' });
    await expect(
      engine.load({ ...spec, modelPath: broken.modelPath, mmprojPath: broken.mmprojPath }),
    ).rejects.toMatchObject({
      code: 'bad_file',
      message: expect.stringContaining('mmproj') as unknown,
    });
    await engine.load(spec);
    expect((await score(batch(red, 1))).results).toHaveLength(1);
  });

  it('refuses option labels that are not consecutive single letters, and keeps working', async () => {
    await engine.load(spec);
    const bad = batch(red, 1);
    bad.suffixes[0]!.optionLabels = ['A', 'C'];
    await expect(score(bad)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('consecutive single letters') as unknown,
    });
    const multi = batch(red, 1);
    multi.suffixes[0]!.optionLabels = ['AA', 'BB'];
    await expect(score(multi)).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await score(batch(red, 1))).results).toHaveLength(1);
  });

  it('never lets a file that is not an image reach the engine', async () => {
    const dir = await tempDir();
    const fake = join(dir, 'photo.jpg');
    await writeFile(fake, 'this is text, not a JPEG');
    await expect(prepareImage(fake, 64, dir)).rejects.toMatchObject({
      code: 'bad_file',
      message: expect.stringContaining('photo.jpg') as unknown,
    });
    const huge = join(dir, 'huge.png');
    await sharp({ create: { width: 9000, height: 9000, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .png({ compressionLevel: 9 })
      .toFile(huge);
    await expect(prepareImage(huge, 64, dir)).rejects.toMatchObject({ code: 'bad_file' });
  });
});
