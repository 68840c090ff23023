import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LlamaServerBackend } from '../../../../src-main/engine/backends/llama-server';
import type { LoadSpec, ScoreBatchRequest, ScoreResult } from '../../../../src-main/engine/engine';
import { prepareImage } from '../../../../src-main/engine/prepare-image';
import { getTinyModel } from '../../../helpers/tiny-model';
import { findTestServer } from './native-server';

/** The error a promise rejects with; fails the test if it resolves. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (caught: unknown) => caught as Error,
  );
}

const server = await findTestServer();

const QUESTIONS = [
  'Question: How important is family? Options: (A) Very (B) Rather (C) Not very (D) Not at all',
  'Question: Can most people be trusted? Options: (A) Yes (B) No',
  'Question: Is religion important? Options: (A) Yes (B) No (C) Unsure',
  'Question: Is work a duty? Options: (A) Agree (B) Neither (C) Disagree',
];
const LABELS = [
  ['A', 'B', 'C', 'D'],
  ['A', 'B'],
  ['A', 'B', 'C'],
  ['A', 'B', 'C'],
];

function batch(imagePath: string): ScoreBatchRequest {
  return {
    prefixText: 'You live in Nigeria. Answer as a typical person there would.\n',
    suffixes: QUESTIONS.map((text, index) => ({ id: `q${index}`, text, optionLabels: LABELS[index]! })),
    leadIn: 'Answer: (',
    imagePath,
  };
}

function maxDifference(a: ScoreResult[], b: ScoreResult[]): number {
  let max = 0;
  a.forEach((result, index) =>
    result.probabilities.forEach((p, option) => {
      max = Math.max(max, Math.abs(p - b[index]!.probabilities[option]!));
    }),
  );
  return max;
}

describe.skipIf(server.skip)(
  `the native llama-server backend on the tiny pair${server.skip ? ` — skipped: ${server.reason}` : ''}`,
  () => {
    const binaryPath = server.skip ? '' : server.binaryPath;
    let spec: LoadSpec;
    let workDir: string;
    let image: string;
    const engines: LlamaServerBackend[] = [];
    const engine = (options: { slots?: number; noPromptCache?: boolean } = {}) => {
      const created = new LlamaServerBackend({
        target: {
          kind: 'managed',
          binaryPath,
          ...(options.slots !== undefined ? { slots: options.slots } : {}),
        },
        ...(options.noPromptCache !== undefined ? { noPromptCache: options.noPromptCache } : {}),
      });
      engines.push(created);
      return created;
    };
    const score = async (backend: LlamaServerBackend, request: ScoreBatchRequest) => {
      const results: ScoreResult[] = [];
      const counters = await backend.scoreBatch(request, (result) => void results.push(result));
      return { results, counters };
    };

    beforeAll(async () => {
      const pair = await getTinyModel();
      spec = { ...pair, variant: 'default', gpuLayers: 0, threads: 2, contextSize: 2048 };
      workDir = await mkdtemp(join(tmpdir(), 'va-native-'));
      const source = join(workDir, 'photo.jpg');
      await sharp({ create: { width: 160, height: 90, channels: 3, background: { r: 90, g: 160, b: 40 } } })
        .jpeg()
        .toFile(source);
      image = (await prepareImage(source, 64, join(workDir, 'prepared'))).path;
    });
    afterAll(async () => {
      await Promise.all(engines.map((created) => created.close()));
      await rm(workDir, { recursive: true, force: true });
    });

    it('prefix reuse gives the probabilities of a fresh evaluation per item, with one image encode instead of one per item', async () => {
      const cached = engine();
      const fresh = engine({ noPromptCache: true });
      await Promise.all([cached.load(spec), fresh.load(spec)]);
      const reused = await score(cached, batch(image));
      const naive = await score(fresh, batch(image));
      expect(reused.counters.imageEncodes).toBe(1);
      expect(naive.counters.imageEncodes).toBe(QUESTIONS.length);
      expect(reused.counters.promptTokensEvaluated).toBeLessThan(naive.counters.promptTokensEvaluated / 2);
      // Same split as the binding's fresh-vs-reused comparison: batch composition moves F16 sums slightly.
      console.info(
        `server: prefix reuse vs fresh per item, max |Δp| ${maxDifference(reused.results, naive.results).toExponential(2)}`,
      );
      expect(maxDifference(reused.results, naive.results)).toBeLessThan(2e-3);
    });

    it('spreads a group over several slots: each slot encodes the image once, results stay in order', async () => {
      const single = engine();
      const parallel = engine({ slots: 2 });
      await Promise.all([single.load(spec), parallel.load(spec)]);
      const one = await score(single, batch(image));
      const two = await score(parallel, batch(image));
      expect(two.results.map((result) => result.id)).toEqual(QUESTIONS.map((_, index) => `q${index}`));
      expect(two.counters.imageEncodes).toBe(2);
      console.info(
        `server: 1 slot vs 2 slots, max |Δp| ${maxDifference(one.results, two.results).toExponential(2)}`,
      );
      expect(maxDifference(one.results, two.results)).toBeLessThan(2e-3);
    });

    it('generates text reproducibly for a seed, streaming the pieces', async () => {
      const backend = engine();
      await backend.load(spec);
      const request = {
        user: 'What values matter here?',
        imagePath: image,
        sampling: { temperature: 0.8, topP: 0.95, seed: 7, maxTokens: 12 },
      };
      const pieces: string[] = [];
      const first = await backend.generate(request, (piece) => pieces.push(piece));
      const second = await backend.generate(request);
      expect(first.text).toBe(second.text);
      expect(pieces.join('')).toBe(first.text);
      expect(first.completionTokens).toBeGreaterThan(0);
    });

    it('a model llama.cpp cannot load: engine_failed with the server’s reason, no process left', async () => {
      // Our GGUF checks pass (the header is sound) but llama.cpp knows no architecture 'qwert'.
      const bytes = await readFile(spec.modelPath);
      const at = bytes.indexOf('general.architecture') + 'general.architecture'.length + 4 + 8;
      expect(bytes.subarray(at, at + 5).toString()).toBe('llama');
      bytes.write('qwert', at);
      const modelPath = join(workDir, 'unknown-architecture.gguf');
      await writeFile(modelPath, bytes);
      const backend = engine();
      const error = await failure(backend.load({ ...spec, modelPath }));
      expect(error).toMatchObject({ code: 'engine_failed' });
      expect(error.message).toMatch(
        /stopped \(exit code 1\) while loading .*unknown-architecture\.gguf.*unknown model architecture: 'qwert'/,
      );
      expect(await backend.status()).toMatchObject({ running: false, pid: null });
    });

    it('a server killed mid-batch: engine_crashed, then it restarts with the same model', async () => {
      const backend = engine();
      await backend.load(spec);
      const { pid } = await backend.status();
      const scoring = score(backend, batch(image));
      setTimeout(() => process.kill(pid!, 'SIGKILL'), 5);
      await expect(scoring).rejects.toMatchObject({
        code: 'engine_crashed',
        message: expect.stringContaining('killed by SIGKILL') as unknown,
      });
      expect((await score(backend, batch(image))).results).toHaveLength(QUESTIONS.length);
      expect((await backend.status()).restarts).toBe(1);
    });
  },
);
