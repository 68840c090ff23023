// `npm run bench`: speed figures for the survey method. Prints a table; asserts nothing.
//   --big   use the generated LLaVA-1.5-7B-shaped pair (4.4 GB, generated once into the cache; slow on CPU)
//   --questions N   questions in the sweep (default 250)
//   --backend binding|server   the @fugood binding in its engine host (default) or a native llama-server build
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import sharp from 'sharp';

import { createApi } from '../api/create-api';
import { EngineClient } from '../engine/client';
import type { InferenceEngine, ScoreBatchRequest } from '../engine/engine';
import { prepareImage } from '../engine/prepare-image';
import { buildLlava7bShapedPair } from '../engine/test-models/llava-7b-shaped';
import { buildTinyLlavaPair } from '../engine/test-models/tiny-llava';
import { benchServerBinary, benchServerEngine } from './server-engine';

const { values } = parseArgs({
  options: {
    big: { type: 'boolean' },
    questions: { type: 'string' },
    naive: { type: 'string' },
    backend: { type: 'string' },
  },
  allowPositionals: true,
});
const QUESTIONS = Number(values.questions ?? (values.big === true ? 6 : 250));
const NAIVE_SAMPLE = Number(values.naive ?? (values.big === true ? 2 : 25));
const SERVER = values.backend === 'server';
if (values.backend !== undefined && !['server', 'binding'].includes(values.backend))
  throw new Error(`--backend must be binding or server, not '${values.backend}'.`);

function question(index: number): string {
  return `Question ${index + 1}: How important is family and trust in your life? Options: (A) Very important, (B) Rather important, (C) Not very important, (D) Not at all important`;
}

async function models(cache: string) {
  const dir = join(cache, values.big === true ? 'llava-7b-shaped' : 'tiny-576');
  await mkdir(dir, { recursive: true });
  const existing = { modelPath: join(dir, 'model.gguf'), mmprojPath: join(dir, 'mmproj.gguf') };
  if (existsSync(existing.modelPath) && existsSync(existing.mmprojPath)) return existing;
  const pair =
    values.big === true
      ? await buildLlava7bShapedPair({ dir })
      : await buildTinyLlavaPair({ dir, imageSize: 336, patchSize: 14 });
  const { rename } = await import('node:fs/promises');
  await rename(pair.modelPath, existing.modelPath);
  await rename(pair.mmprojPath, existing.mmprojPath);
  return existing;
}

/** Items per second of the whole runner (engine, storage, cache keys, progress) on the pair, through the API. */
async function runnerFigures(
  pair: { modelPath: string; mmprojPath: string },
  work: string,
  serverBinary: string | undefined,
) {
  const home = join(work, 'home');
  await mkdir(join(home, 'models'), { recursive: true });
  const { copyFile } = await import('node:fs/promises');
  await copyFile(pair.modelPath, join(home, 'models', 'bench.gguf'));
  await copyFile(pair.mmprojPath, join(home, 'models', 'bench-mmproj.gguf'));
  const csv = join(work, 'survey.csv');
  const shares = '[0.4, 0.3, 0.2, 0.1]';
  const rows = Array.from(
    { length: QUESTIONS },
    (_, index) =>
      `"How important is family, item ${index + 1}?","defaultdict(<class 'list'>, {'Japan': ${shares}})","['Very important', 'Rather important', 'Not very important', 'Not at all important']","WVS"`,
  );
  await writeFile(csv, ['question,selections,options,source', ...rows].join('\n'));
  const api = await createApi({ home });
  const call = (name: string, input: unknown) => api.dispatcher.call(name, input, { door: 'cli' });
  const { datasetId } = (await call('data.importGoqa', { path: csv })) as { datasetId: number };
  if (serverBinary !== undefined) await call('engine.setServerBinary', { path: serverBinary });
  const engineSettings = { threads: 2, ...(serverBinary !== undefined ? { backend: 'server' } : {}) };
  const { runId } = (await call('runs.create', {
    experiment: {
      name: 'bench',
      models: ['bench'],
      countries: ['JP'],
      datasetId,
      conditions: ['blank'],
      engine: engineSettings,
    },
    start: false,
  })) as { runId: number };
  // Load the model first so the figure is about scoring, not loading.
  await api.services.models.engineWith(await api.services.models.find('bench'), {
    backend: serverBinary !== undefined ? 'server' : 'default',
    gpuLayers: 0,
    threads: 2,
    contextSize: 4096,
  });
  const started = performance.now();
  await call('runs.start', { runId });
  await api.services.alignment().manager.waitForIdle();
  const runnerMs = (performance.now() - started) / QUESTIONS;
  const counts = await api.services.alignment().repository.counts(runId);
  await api.close();
  return { ms: runnerMs, done: counts.done, total: counts.total };
}

async function main(): Promise<void> {
  const cache = join(tmpdir(), 'value-atlas-bench');
  const work = await mkdtemp(join(tmpdir(), 'va-bench-'));
  const pair = await models(cache);
  const serverBinary = SERVER ? await benchServerBinary() : undefined;
  const engine: InferenceEngine =
    serverBinary !== undefined ? benchServerEngine(serverBinary) : new EngineClient();
  // The naive baseline: the binding starts each item on alternating images; the server turns its cache off.
  const naiveEngine = serverBinary !== undefined ? benchServerEngine(serverBinary, true) : engine;
  const images: string[] = [];
  for (const [index, color] of [
    { r: 200, g: 40, b: 40 },
    { r: 40, g: 90, b: 200 },
  ].entries()) {
    const source = join(work, `image-${index}.png`);
    await sharp({ create: { width: 640, height: 480, channels: 3, background: color } })
      .png()
      .toFile(source);
    images.push((await prepareImage(source, 336, join(work, 'prepared'))).path);
  }
  const spec = { ...pair, variant: 'default' as const, gpuLayers: 0, threads: 2, contextSize: 4096 };
  const loaded = await engine.load(spec);
  if (naiveEngine !== engine) await naiveEngine.load(spec);
  const request = (count: number, image: string, offset = 0): ScoreBatchRequest => ({
    prefixText:
      'You are taking part in a values survey as a person who lives in Japan. Answer as they typically would.\n\n',
    suffixes: Array.from({ length: count }, (_, index) => ({
      id: `q${index + offset}`,
      text: question(index + offset),
      optionLabels: ['A', 'B', 'C', 'D'],
    })),
    leadIn: 'My answer is (',
    imagePath: image,
  });

  // 1. Shared prefix: the persona and image are evaluated once, every question reuses them.
  let started = performance.now();
  const prefix = await engine.scoreBatch(request(QUESTIONS, images[0]!), () => undefined);
  const prefixMs = (performance.now() - started) / QUESTIONS;

  // 2. Naive: each question alone with its image, alternating images so nothing is reused.
  started = performance.now();
  let naiveEncodes = 0;
  let naiveTokens = 0;
  for (let index = 0; index < NAIVE_SAMPLE; index++) {
    const counters = await naiveEngine.scoreBatch(
      request(1, images[(index + 1) % 2]!, index),
      () => undefined,
    );
    naiveEncodes += counters.imageEncodes;
    naiveTokens += counters.promptTokensEvaluated;
  }
  const naiveMs = (performance.now() - started) / NAIVE_SAMPLE;
  const ppRate = naiveTokens / ((naiveMs * NAIVE_SAMPLE) / 1000);
  await engine.close();
  await naiveEngine.close();

  // 3. The whole runner through the API, on the same backend.
  const runner = await runnerFigures(pair, work, serverBinary);
  await rm(work, { recursive: true, force: true });

  const line = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);
  console.log(
    `\nValue Atlas benchmark — ${values.big === true ? 'LLaVA-1.5-7B-shaped random pair (Q4_0 + F16 CLIP)' : 'tiny random LLaVA pair, 336/14 projector'}`,
  );
  console.log(
    `backend ${loaded.backend}, llama.cpp ${loaded.llamaCppBuild}, ${loaded.imageTokens ?? '?'} image tokens, 2 threads\n`,
  );
  line(`questions in the sweep`, String(QUESTIONS));
  line(`engine, shared prefix: ms per question`, prefixMs.toFixed(1));
  line(
    `engine, fresh context per question: ms per question`,
    `${naiveMs.toFixed(1)} (sample of ${NAIVE_SAMPLE})`,
  );
  line(`speed-up of prefix reuse`, `${(naiveMs / prefixMs).toFixed(1)}×`);
  line(`image encodes per question, shared prefix`, (prefix.imageEncodes / QUESTIONS).toFixed(3));
  line(`image encodes per question, naive`, (naiveEncodes / NAIVE_SAMPLE).toFixed(3));
  line(`prompt tokens per question, shared prefix`, (prefix.promptTokensEvaluated / QUESTIONS).toFixed(1));
  line(`prompt tokens per question, naive`, (naiveTokens / NAIVE_SAMPLE).toFixed(1));
  line(`raw prompt processing (naive pass)`, `${ppRate.toFixed(0)} tokens/s`);
  line(
    `whole runner (engine + storage + statistics): items/s`,
    `${(1000 / runner.ms).toFixed(2)} (${runner.done}/${runner.total} done)`,
  );
  line(`engine alone with shared prefix: items/s`, (1000 / prefixMs).toFixed(2));
  line(`naive fresh context: items/s`, (1000 / naiveMs).toFixed(2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
