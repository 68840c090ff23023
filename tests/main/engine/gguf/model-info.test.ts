import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { GgufModelInfo, MmprojInfo, TextModelInfo } from '../../../../src-main/engine/gguf/model-info';
import { readGgufModelInfo } from '../../../../src-main/engine/gguf/model-info';
import type { GgufMetadata } from '../../../../src-main/engine/gguf/types';
import { GgmlType, GgufType, gv } from '../../../../src-main/engine/gguf/types';
import { encodeGguf } from '../../../../src-main/engine/gguf/writer';
import { useTempDirs } from '../../../helpers/temp-dir';
import { getTinyModel } from '../../../helpers/tiny-model';

const tempDir = useTempDirs();

function asText(info: GgufModelInfo): TextModelInfo {
  if (info.role !== 'text') throw new Error(`expected a text model, got ${info.role}`);
  return info;
}
function asMmproj(info: GgufModelInfo): MmprojInfo {
  if (info.role !== 'mmproj') throw new Error(`expected an mmproj, got ${info.role}`);
  return info;
}

/** Parameters of the tiny text model: 2 × 64×1120 matrices, 2 blocks of 36,864 weights, 5 norms of 64. */
const TINY_TEXT_PARAMETERS = 2 * 64 * 1120 + 2 * 36_864 + 5 * 64;

describe('model info of the tiny pair', () => {
  it('summarises the text model', async () => {
    const { modelPath } = await getTinyModel();
    const info = asText(await readGgufModelInfo(modelPath));
    expect(info).toMatchObject({
      file: modelPath,
      architecture: 'llama',
      ggufVersion: 3,
      tensorCount: 21,
      parameterCount: TINY_TEXT_PARAMETERS,
      quantization: 'F16',
      fileType: 1,
      dominantTensorType: 'F16',
      contextLength: 4096,
      embeddingLength: 64,
      blockCount: 2,
      headCount: 4,
      feedForwardLength: 128,
      vocabSize: 1120,
      tokenizerModel: 'llama',
      bosTokenId: 1,
      eosTokenId: 2,
      addBosToken: true,
    });
    expect(info.name).toMatch(/random weights.*scores mean nothing/);
    expect(info.chatTemplate).toContain('{% if add_generation_prompt %}ASSISTANT:{% endif %}');
    expect(info.fileSizeBytes).toBe((await stat(modelPath)).size);
    // F16 matrices and F32 norms, without padding.
    expect(info.tensorDataBytes).toBe((TINY_TEXT_PARAMETERS - 5 * 64) * 2 + 5 * 64 * 4);
  });

  it('summarises the mmproj, whose output width matches the text model', async () => {
    const { modelPath, mmprojPath } = await getTinyModel();
    const text = asText(await readGgufModelInfo(modelPath));
    const mmproj = asMmproj(await readGgufModelInfo(mmprojPath));
    expect(mmproj).toMatchObject({
      architecture: 'clip',
      hasVisionEncoder: true,
      projectorType: 'mlp',
      imageSize: 64,
      patchSize: 8,
      imageTokens: 64,
      outputSize: 64,
      outputSizeSource: 'projector-weight',
      visionEmbeddingLength: 32,
      visionBlockCount: 2,
      quantization: 'F16',
      tensorCount: 41,
    });
    expect(mmproj.outputSize).toBe(text.embeddingLength);
    expect(mmproj.imageMean?.map((v) => v.toFixed(4))).toEqual(['0.4815', '0.4578', '0.4082']);
    expect(mmproj.imageStd).toHaveLength(3);
  });

  it('gives 576 image tokens for the 336/14 projector', async () => {
    const { mmprojPath } = await getTinyModel({ imageSize: 336 });
    expect(asMmproj(await readGgufModelInfo(mmprojPath))).toMatchObject({
      imageSize: 336,
      patchSize: 14,
      imageTokens: 576,
    });
  });

  it.each([
    ['q8_0', 'Q8_0', 'F16'],
    ['q4_0', 'Q4_0', 'F16'],
    ['f32', 'F32', 'F32'],
  ] as const)('names the %s build %s (mmproj %s)', async (weightType, textQuant, mmprojQuant) => {
    const { modelPath, mmprojPath } = await getTinyModel({ weightType });
    const text = await readGgufModelInfo(modelPath);
    expect([text.quantization, text.dominantTensorType]).toEqual([textQuant, textQuant]);
    expect(text.parameterCount).toBe(TINY_TEXT_PARAMETERS);
    expect((await readGgufModelInfo(mmprojPath)).quantization).toBe(mmprojQuant);
  });

  it('exposes the broken variants', async () => {
    const mismatch = await getTinyModel({ defect: 'mmproj-width-mismatch' });
    expect(asMmproj(await readGgufModelInfo(mismatch.mmprojPath)).outputSize).toBe(32);
    const noFlag = await getTinyModel({ defect: 'mmproj-no-vision-flag' });
    expect(asMmproj(await readGgufModelInfo(noFlag.mmprojPath)).hasVisionEncoder).toBe(false);
  });
});

describe('model info fallbacks', () => {
  async function infoOf(
    metadata: GgufMetadata,
    tensors: Parameters<typeof encodeGguf>[1],
  ): Promise<GgufModelInfo> {
    const path = join(await tempDir(), 'model.gguf');
    await writeFile(path, encodeGguf(metadata, tensors));
    return readGgufModelInfo(path);
  }

  it('falls back to clip.vision.projection_dim for projectors without numbered mm layers', async () => {
    const info = asMmproj(
      await infoOf(
        new Map([
          ['clip.projector_type', gv.string('gemma3')],
          ['clip.vision.projection_dim', gv.u32(2560)],
          ['clip.vision.image_size', gv.u32(896)],
          ['clip.vision.patch_size', gv.u32(14)],
        ]),
        [
          {
            name: 'mm.input_projection.weight',
            shape: [32, 4],
            type: GgmlType.F32,
            values: new Float32Array(128),
          },
        ],
      ),
    );
    expect(info).toMatchObject({
      outputSize: 2560,
      outputSizeSource: 'projection-dim',
      imageTokens: undefined,
    });
  });

  it('uses the last numbered projector matrix, and clip.vision.projector_type', async () => {
    const matrix = (name: string, cols: number): Parameters<typeof encodeGguf>[1][number] => ({
      name,
      shape: [32, cols],
      type: GgmlType.F32,
      values: new Float32Array(32 * cols),
    });
    const info = asMmproj(
      await infoOf(new Map([['clip.vision.projector_type', gv.string('mlp_norm')]]), [
        matrix('mm.0.weight', 2),
        matrix('mm.3.weight', 3),
        { name: 'mm.4.weight', shape: [3], type: GgmlType.F32, values: new Float32Array(3) },
      ]),
    );
    expect(info).toMatchObject({
      projectorType: 'mlp_norm',
      outputSize: 3,
      outputSizeSource: 'projector-weight',
    });
  });

  it('reports unknown sizes, anyres token counts and guessed file types honestly', async () => {
    const mmproj = asMmproj(
      await infoOf(
        new Map([
          ['general.architecture', gv.string('clip')],
          ['clip.vision.image_size', gv.u32(336)],
          ['clip.vision.patch_size', gv.u32(14)],
          ['clip.vision.image_grid_pinpoints', gv.array(GgufType.INT32, [336, 672])],
        ]),
        [],
      ),
    );
    expect(mmproj).toMatchObject({
      projectorType: 'mlp',
      imageTokens: undefined,
      outputSizeSource: 'unknown',
    });

    const text = asText(
      await infoOf(
        new Map([
          ['general.architecture', gv.string('qwen2')],
          ['general.file_type', gv.u32(1024 + 15)],
          [
            'tokenizer.ggml.tokens',
            gv.array(
              GgufType.STRING,
              Array.from({ length: 5000 }, (_, i) => `t${i}`),
            ),
          ],
        ]),
        [{ name: 'token_embd.weight', shape: [32, 7], type: GgmlType.F32, values: new Float32Array(224) }],
      ),
    );
    expect(text).toMatchObject({
      quantization: 'Q4_K_M',
      vocabSize: 5000,
      addBosToken: undefined,
      contextLength: undefined,
    });
  });

  it('uses the dominant tensor type when general.file_type is absent', async () => {
    const text = asText(
      await infoOf(new Map([['general.architecture', gv.string('llama')]]), [
        { name: 'token_embd.weight', shape: [64, 4], type: GgmlType.Q8_0, values: new Float32Array(256) },
        { name: 'norm', shape: [64], type: GgmlType.F32, values: new Float32Array(64) },
      ]),
    );
    expect(text).toMatchObject({ quantization: 'Q8_0', fileType: undefined, vocabSize: 4 });
  });
});
