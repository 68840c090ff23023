import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LlamaServerBackend } from '../../../../src-main/engine/backends/llama-server';
import { EngineClient } from '../../../../src-main/engine/client';
import type {
  InferenceEngine,
  LoadSpec,
  ScoreBatchRequest,
  ScoreResult,
} from '../../../../src-main/engine/engine';
import { prepareImage } from '../../../../src-main/engine/prepare-image';
import { getTinyModel } from '../../../helpers/tiny-model';
import { findTestServer } from './native-server';

/*
 * The two engines run different llama.cpp builds: the binding pins b10257 (no AVX code), the server is
 * node-llama-cpp's bundle, 0.5.0-dev de3ff81, built with -march=native. Prompts are byte-identical.
 * Measured on the tiny F16 pair, 64-px projector, 2-core AVX2 EPYC:
 *  - with an image: max |Δp| 1.4e-3 over the renormalised option probabilities, max relative Δcoverage
 *    1.9e-3 (the image embeddings differ: CLIP code and F16 kernels differ between the two builds);
 *  - the same text prompt with the same tokens: relative Δ ≈ 6e-7 on raw next-token probabilities.
 * The tolerances below leave about 3× on top of the image case.
 */
const PROBABILITY_TOLERANCE = 5e-3;
const COVERAGE_RELATIVE_TOLERANCE = 5e-3;

const QUESTIONS = [
  'Question: How important is family in your life? Options: (A) Very (B) Rather (C) Not very (D) Not at all',
  'Question: Can most people be trusted? Options: (A) Yes (B) No',
  'Question: How interested are you in politics? Options: (A) Very (B) Somewhat (C) Not very',
  'Question: Is religion important? Options: (A) Yes (B) No (C) Unsure',
];
const LABELS = [
  ['A', 'B', 'C', 'D'],
  ['A', 'B'],
  ['A', 'B', 'C'],
  ['A', 'B', 'C'],
];

const server = await findTestServer();
if (server.skip) console.warn(`binding-vs-server consistency test skipped: ${server.reason}`);

function batch(imagePath?: string): ScoreBatchRequest {
  return {
    prefixText: 'You live in Japan. Answer as a typical person there would.\n',
    suffixes: QUESTIONS.map((text, index) => ({ id: `q${index}`, text, optionLabels: LABELS[index]! })),
    leadIn: 'Answer: (',
    ...(imagePath !== undefined ? { imagePath } : {}),
  };
}

async function score(engine: InferenceEngine, request: ScoreBatchRequest): Promise<ScoreResult[]> {
  const results: ScoreResult[] = [];
  await engine.scoreBatch(request, (result) => {
    results.push(result);
  });
  return results;
}

describe.skipIf(server.skip)(
  `binding and server backends agree on option probabilities${server.skip ? ` — skipped: ${server.reason}` : ''}`,
  () => {
    let binding: EngineClient;
    let native: LlamaServerBackend;
    let spec: LoadSpec;
    let workDir: string;
    const images: string[] = [];

    beforeAll(async () => {
      const pair = await getTinyModel();
      spec = { ...pair, variant: 'default', gpuLayers: 0, threads: 2, contextSize: 2048 };
      workDir = await mkdtemp(join(tmpdir(), 'va-consistency-'));
      for (const [name, background] of Object.entries({
        red: { r: 220, g: 30, b: 30 },
        blue: { r: 20, g: 40, b: 230 },
        green: { r: 30, g: 200, b: 60 },
      })) {
        const source = join(workDir, `${name}.jpg`);
        await sharp({ create: { width: 200, height: 120, channels: 3, background } })
          .jpeg()
          .toFile(source);
        images.push((await prepareImage(source, 64, join(workDir, 'prepared'))).path);
      }
      binding = new EngineClient();
      native = new LlamaServerBackend({
        target: { kind: 'managed', binaryPath: server.skip ? '' : server.binaryPath },
      });
      await Promise.all([binding.load(spec), native.load(spec)]);
    });
    afterAll(async () => {
      await Promise.all([binding?.close(), native?.close()]);
      await rm(workDir, { recursive: true, force: true });
    });

    it.each([
      ['a red image', 0],
      ['a blue image', 1],
    ])('same prompts and probabilities with %s', async (_label, imageIndex) => {
      const request = batch(images[imageIndex]);
      const [fromBinding, fromServer] = [await score(binding, request), await score(native, request)];
      expect(fromServer.map((result) => result.id)).toEqual(fromBinding.map((result) => result.id));
      let maxProbability = 0;
      let maxCoverage = 0;
      for (const [index, expected] of fromBinding.entries()) {
        const actual = fromServer[index]!;
        // Same template, same media marker position, same lead-in: byte-identical prompts.
        expect(actual.formattedPrompt).toBe(expected.formattedPrompt);
        expect(actual.promptTokens + actual.cachedTokens).toBe(expected.promptTokens + expected.cachedTokens);
        expected.probabilities.forEach((p, option) => {
          maxProbability = Math.max(maxProbability, Math.abs(p - actual.probabilities[option]!));
        });
        maxCoverage = Math.max(
          maxCoverage,
          Math.abs(actual.coverage - expected.coverage) / expected.coverage,
        );
      }
      console.info(
        `binding vs server (${_label}): max |Δp| ${maxProbability.toExponential(2)}, max relative Δcoverage ${maxCoverage.toExponential(2)}`,
      );
      expect(maxProbability).toBeLessThan(PROBABILITY_TOLERANCE);
      expect(maxCoverage).toBeLessThan(COVERAGE_RELATIVE_TOLERANCE);
    });

    it('text-only prompts: BOS exactly once on both (the binding writes it into the prompt text)', async () => {
      // @fugood/llama.node tokenises a text-only prompt without adding BOS, so the binding backend writes the
      // BOS text itself (scoring-prompt.ts, withBosOnce); the server adds it while tokenising. Same tokens,
      // so the same probabilities.
      const [fromBinding, fromServer] = [await score(binding, batch()), await score(native, batch())];
      let maxProbability = 0;
      for (const [index, expected] of fromBinding.entries()) {
        const actual = fromServer[index]!;
        expect(expected.formattedPrompt).toBe(`<s>${actual.formattedPrompt}`);
        expect(actual.promptTokens + actual.cachedTokens).toBe(expected.promptTokens + expected.cachedTokens);
        expected.probabilities.forEach((p, option) => {
          maxProbability = Math.max(maxProbability, Math.abs(p - actual.probabilities[option]!));
        });
      }
      console.info(`binding vs server (text only): max |Δp| ${maxProbability.toExponential(2)}`);
      expect(maxProbability).toBeLessThan(PROBABILITY_TOLERANCE);
    });

    it('both evaluate the shared prefix once per group: one image encode for a new image', async () => {
      const counters = [];
      for (const engine of [binding, native])
        counters.push(await engine.scoreBatch(batch(images[2]), () => undefined));
      expect(counters.map((counter) => counter.imageEncodes)).toEqual([1, 1]);
    });
  },
);
