import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type * as LlamaNode from '@fugood/llama.node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildLlava7bShapedPair } from '../../../../src-main/engine/test-models/llava-7b-shaped';
import type { TinyLlavaPair } from '../../../../src-main/engine/test-models/tiny-llava';
import { getTinyModel, SMALL_SHAPE } from '../../../helpers/tiny-model';

type LlamaContext = Awaited<ReturnType<typeof LlamaNode.loadModel>>;

/**
 * Real-engine smoke test: the generated pairs go through llama.cpp's own loaders, the CLIP graph and mtmd
 * tokenisation. Loading the native binding inside the test worker is acceptable for this one test; the
 * product runs the engine in its own process. Only failures the binding survives are tried here: with
 * 1.7.15, `loadModel` on an unreadable text model crashes the process (the app's header preflight catches
 * those first, see pair-check.test.ts).
 */
describe('generated LLaVA pairs in @fugood/llama.node', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'va-tiny-engine-'));
  });
  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  async function makeImage(size: number): Promise<string> {
    const path = join(workDir, `gradient-${size}.png`);
    const pixels = Buffer.alloc(size * size * 3);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const at = (y * size + x) * 3;
        pixels[at] = Math.floor((x * 255) / size);
        pixels[at + 1] = Math.floor((y * 255) / size);
        pixels[at + 2] = 128;
      }
    }
    await sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
      .png()
      .toFile(path);
    return path;
  }

  async function withContext(modelPath: string, use: (ctx: LlamaContext) => Promise<void>): Promise<void> {
    const { loadModel } = await import('@fugood/llama.node');
    const ctx = await loadModel({ model: modelPath, n_ctx: 1024, n_threads: 2 });
    try {
      await use(ctx);
    } finally {
      // ENGINE.md §4.3: releasing right after native work can crash; let pending callbacks settle first.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await ctx.release();
    }
  }

  async function expectImagePositions(
    pair: TinyLlavaPair,
    imageSize: number,
    expected: number,
    options: { complete?: boolean } = {},
  ): Promise<void> {
    const image = await makeImage(imageSize);
    await withContext(pair.modelPath, async (ctx) => {
      expect(ctx.initMultimodal({ path: pair.mmprojPath, use_gpu: false })).toBe(true);
      expect(ctx.getMultimodalSupport().vision).toBe(true);
      const result = await ctx.tokenize('USER: <__media__>\nWhich country is this?\nASSISTANT:', {
        media_paths: [image],
      });
      expect(result.has_media).toBe(true);
      // One media chunk; its positions are placeholders (-1) in the token list, one per image token.
      expect(result.chunk_pos_media).toHaveLength(1);
      const mediaStart = result.chunk_pos_media[0]!;
      const nextChunk = result.chunk_pos.find((pos) => pos > mediaStart) ?? result.tokens.length;
      expect(nextChunk - mediaStart).toBe(expected);
      expect(Array.from(result.tokens).filter((token) => token === -1)).toHaveLength(expected);
      expect(result.tokens[0]).toBe(1); // BOS
      // Survey words are single pieces thanks to the prefix vocabulary (the dummy prefix makes it `▁country`).
      expect((await ctx.tokenize('country')).tokens).toHaveLength(1);
      expect((await ctx.tokenize('important family')).tokens).toHaveLength(2);
      if (!options.complete) return;
      // One decode through the CLIP graph, the projector and the language model.
      const completion = await ctx.completion({
        prompt: 'USER: <__media__>\nWhich country is this?\nASSISTANT:',
        media_paths: [image],
        n_predict: 1,
        temperature: 0,
        seed: 1,
        xtc_probability: 0,
      });
      expect(completion.timings.prompt_n).toBe(result.tokens.length);
      expect(completion.tokens_predicted).toBe(1);
    });
  }

  it('tiny pair (64/8): loads, initialises the projector and gives 64 image positions', async () => {
    await expectImagePositions(await getTinyModel(), 64, 64, { complete: true });
  });

  it('tiny pair (336/14): gives 576 image positions, like LLaVA-1.5', async () => {
    await expectImagePositions(await getTinyModel({ imageSize: 336 }), 336, 576);
  });

  it('Q8_0 tiny pair and the streamed 7B-shaped recipe at small size load and run', async () => {
    await expectImagePositions(await getTinyModel({ weightType: 'q8_0' }), 64, 64, { complete: true });
    const streamed = await buildLlava7bShapedPair({ ...SMALL_SHAPE, dir: workDir });
    await expectImagePositions(streamed, 64, 64, { complete: true });
  });

  it.each([
    'mmproj-width-mismatch',
    'mmproj-no-vision-flag',
    'mmproj-truncated',
    'mmproj-wrong-magic',
  ] as const)('the engine refuses the %s projector', async (defect) => {
    const pair = await getTinyModel({ defect });
    await withContext(pair.modelPath, async (ctx) => {
      // 1.7.15 throws a bare "Failed to initialize multimodal context"; older builds returned false.
      let accepted: boolean;
      try {
        accepted = ctx.initMultimodal({ path: pair.mmprojPath, use_gpu: false });
      } catch {
        accepted = false;
      }
      expect(accepted).toBe(false);
      return Promise.resolve();
    });
  });
});
