import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GGUF_WRITER_VERSION } from '../../src-main/engine/gguf/writer';
import type { LlavaShapedOptions } from '../../src-main/engine/test-models/llava-7b-shaped';
import type { TinyLlavaOptions, TinyLlavaPair } from '../../src-main/engine/test-models/tiny-llava';
import {
  buildTinyLlavaPair,
  TINY_LLAVA_RECIPE_VERSION,
  tinyLlavaFileNames,
} from '../../src-main/engine/test-models/tiny-llava';

export type TinyModelVariant = TinyLlavaOptions;

/** Shared by all test processes; the version folder keeps files from older writers apart. */
export const TINY_MODEL_CACHE_DIR = join(
  tmpdir(),
  'value-atlas-test-models',
  `writer${GGUF_WRITER_VERSION}-recipe${TINY_LLAVA_RECIPE_VERSION}`,
);

const built = new Map<string, Promise<TinyLlavaPair>>();

/**
 * The tiny random-weight LLaVA pair for `variant` (default: F16, 64-px projector, seed 42), built once per
 * process into a cache folder under the OS temp dir. Rebuilding once per process (a fraction of a second)
 * means a stale file from an edited recipe can never leak into a run; atomic writes make concurrent
 * builds by parallel test workers safe.
 */
export function getTinyModel(variant: TinyModelVariant = {}): Promise<TinyLlavaPair> {
  const key = tinyLlavaFileNames(variant).model; // the name spells out every option
  let pair = built.get(key);
  if (!pair) {
    pair = buildTinyLlavaPair({ ...variant, dir: TINY_MODEL_CACHE_DIR }).catch((error: unknown) => {
      built.delete(key); // let a later call retry
      throw error;
    });
    built.set(key, pair);
  }
  return pair;
}

/**
 * The 7B-shaped recipe scaled down to test size: it runs through exactly the same planning, fast-fill and
 * streaming code as the real 4.4 GB pair, which tests never generate.
 */
export const SMALL_SHAPE: LlavaShapedOptions = {
  text: { nEmbd: 64, nLayer: 2, nHead: 4, nHeadKv: 4, nFf: 96, contextLength: 512 },
  vision: {
    imageSize: 64,
    patchSize: 8,
    nEmbd: 32,
    nFf: 64,
    nLayer: 2,
    nHead: 2,
    projectionDim: 48,
    projectorHidden: 64,
    outputSize: 64,
  },
  vocabSize: 1152,
};
