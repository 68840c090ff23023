import { readFile, stat } from 'node:fs/promises';

import { gguf, GGUFValueType } from '@huggingface/gguf';
import { describe, expect, it } from 'vitest';

import { sha256File } from '../../../../src-main/platform/sha256';
import { readGgufHeader } from '../../../../src-main/engine/gguf/reader';
import { GgmlType } from '../../../../src-main/engine/gguf/types';
import { VICUNA_CHAT_TEMPLATE } from '../../../../src-main/engine/test-models/llava-recipe';
import { buildTinyLlavaPair, encodeTinyLlavaPair } from '../../../../src-main/engine/test-models/tiny-llava';
import {
  buildSpmVocabulary,
  TEST_WORDS,
  TokenKind,
} from '../../../../src-main/engine/test-models/vocabulary';
import { useTempDirs } from '../../../helpers/temp-dir';
import { getTinyModel } from '../../../helpers/tiny-model';

const tempDir = useTempDirs();
const { FLOAT32, UINT32, INT32, STRING, BOOL, ARRAY } = GGUFValueType;

describe('tiny text model, checked by @huggingface/gguf', () => {
  it('has the llama metadata llama.cpp requires, with explicit types', async () => {
    const { modelPath } = await getTinyModel();
    const { typedMetadata: meta } = await gguf(modelPath, { allowLocalFile: true, typedMetadata: true });
    const expected: Array<[string, GGUFValueType, unknown]> = [
      ['general.architecture', STRING, 'llama'],
      ['general.file_type', UINT32, 1],
      ['llama.context_length', UINT32, 4096],
      ['llama.embedding_length', UINT32, 64],
      ['llama.block_count', UINT32, 2],
      ['llama.feed_forward_length', UINT32, 128],
      ['llama.attention.head_count', UINT32, 4],
      ['llama.attention.head_count_kv', UINT32, 2],
      ['llama.rope.dimension_count', UINT32, 16],
      ['llama.rope.freq_base', FLOAT32, 10000],
      ['llama.vocab_size', UINT32, 1120],
      ['tokenizer.ggml.model', STRING, 'llama'],
      ['tokenizer.ggml.bos_token_id', UINT32, 1],
      ['tokenizer.ggml.eos_token_id', UINT32, 2],
      ['tokenizer.ggml.unknown_token_id', UINT32, 0],
      ['tokenizer.ggml.padding_token_id', UINT32, 0],
      ['tokenizer.ggml.add_bos_token', BOOL, true],
      ['tokenizer.ggml.add_eos_token', BOOL, false],
      ['tokenizer.chat_template', STRING, VICUNA_CHAT_TEMPLATE],
    ];
    for (const [key, type, value] of expected)
      expect([key, meta[key]?.type, meta[key]?.value]).toEqual([key, type, value]);
    expect(meta['llama.attention.layer_norm_rms_epsilon']?.type).toBe(FLOAT32);
    expect(meta['llama.attention.layer_norm_rms_epsilon']?.value).toBeCloseTo(1e-5, 10);
    expect(meta['general.name']?.value).toBe(
      'tiny-llava text (random weights, pipeline demo only: scores mean nothing)',
    );
    for (const [key, subType] of [
      ['tokenizer.ggml.tokens', STRING],
      ['tokenizer.ggml.scores', FLOAT32],
      ['tokenizer.ggml.token_type', INT32],
    ] as const) {
      expect([key, meta[key]?.type, meta[key]?.subType]).toEqual([key, ARRAY, subType]);
      expect(meta[key]?.value).toHaveLength(1120);
    }
    expect(VICUNA_CHAT_TEMPLATE).toContain("USER: {{ message['content'] }}\n");
  });

  it('has the tensors of TINY-MODEL.md §3.4 in ne order, aligned to 32 bytes', async () => {
    const { modelPath } = await getTinyModel();
    const parsed = await gguf(modelPath, { allowLocalFile: true });
    const tensors = new Map(
      parsed.tensorInfos.map((t) => [t.name, { shape: t.shape.map(Number), type: t.dtype }]),
    );
    expect(tensors.size).toBe(3 + 2 * 9);
    const F16 = GgmlType.F16;
    const F32 = GgmlType.F32;
    expect(tensors.get('token_embd.weight')).toEqual({ shape: [64, 1120], type: F16 });
    expect(tensors.get('output_norm.weight')).toEqual({ shape: [64], type: F32 });
    expect(tensors.get('output.weight')).toEqual({ shape: [64, 1120], type: F16 });
    for (const i of [0, 1]) {
      expect(tensors.get(`blk.${i}.attn_norm.weight`)).toEqual({ shape: [64], type: F32 });
      expect(tensors.get(`blk.${i}.attn_q.weight`)).toEqual({ shape: [64, 64], type: F16 });
      expect(tensors.get(`blk.${i}.attn_k.weight`)).toEqual({ shape: [64, 32], type: F16 });
      expect(tensors.get(`blk.${i}.attn_v.weight`)).toEqual({ shape: [64, 32], type: F16 });
      expect(tensors.get(`blk.${i}.attn_output.weight`)).toEqual({ shape: [64, 64], type: F16 });
      expect(tensors.get(`blk.${i}.ffn_norm.weight`)).toEqual({ shape: [64], type: F32 });
      expect(tensors.get(`blk.${i}.ffn_gate.weight`)).toEqual({ shape: [64, 128], type: F16 });
      expect(tensors.get(`blk.${i}.ffn_up.weight`)).toEqual({ shape: [64, 128], type: F16 });
      expect(tensors.get(`blk.${i}.ffn_down.weight`)).toEqual({ shape: [128, 64], type: F16 });
    }
    expect(Number(parsed.tensorDataOffset) % 32).toBe(0);
    expect(parsed.tensorInfos.every((t) => Number(t.offset) % 32 === 0)).toBe(true);
  });
});

describe('tiny mmproj, checked by @huggingface/gguf', () => {
  it('has the clip keys clip.cpp reads and the LLaVA-1.5 mlp tensors', async () => {
    const { mmprojPath } = await getTinyModel();
    const parsed = await gguf(mmprojPath, { allowLocalFile: true, typedMetadata: true });
    const meta = parsed.typedMetadata;
    const expected: Array<[string, GGUFValueType, unknown]> = [
      ['general.architecture', STRING, 'clip'],
      ['general.file_type', UINT32, 1],
      ['clip.has_vision_encoder', BOOL, true],
      ['clip.has_text_encoder', BOOL, false],
      ['clip.projector_type', STRING, 'mlp'],
      ['clip.use_gelu', BOOL, false],
      ['clip.vision.image_size', UINT32, 64],
      ['clip.vision.patch_size', UINT32, 8],
      ['clip.vision.embedding_length', UINT32, 32],
      ['clip.vision.feed_forward_length', UINT32, 64],
      ['clip.vision.projection_dim', UINT32, 64],
      ['clip.vision.block_count', UINT32, 2],
      ['clip.vision.attention.head_count', UINT32, 2],
    ];
    for (const [key, type, value] of expected)
      expect([key, meta[key]?.type, meta[key]?.value]).toEqual([key, type, value]);
    expect(meta['clip.vision.attention.layer_norm_epsilon']?.type).toBe(FLOAT32);
    expect(meta['clip.vision.image_mean']?.subType).toBe(FLOAT32);
    expect(meta['clip.vision.image_std']?.value).toHaveLength(3);
    expect(meta['clip.vision.image_grid_pinpoints']).toBeUndefined();

    const tensors = new Map(
      parsed.tensorInfos.map((t) => [t.name, { shape: t.shape.map(Number), type: t.dtype }]),
    );
    expect(tensors.size).toBe(5 + 2 * 16 + 4);
    expect(tensors.get('v.patch_embd.weight')).toEqual({ shape: [8, 8, 3, 32], type: GgmlType.F16 });
    expect(tensors.get('v.class_embd')).toEqual({ shape: [32], type: GgmlType.F32 });
    expect(tensors.get('v.position_embd.weight')).toEqual({ shape: [32, 65], type: GgmlType.F16 });
    expect(tensors.get('v.blk.1.attn_out.weight')).toEqual({ shape: [32, 32], type: GgmlType.F16 });
    expect(tensors.get('v.blk.1.ffn_up.weight')).toEqual({ shape: [32, 64], type: GgmlType.F16 });
    expect(tensors.get('v.blk.1.ffn_down.weight')).toEqual({ shape: [64, 32], type: GgmlType.F16 });
    expect(tensors.get('v.blk.0.ln2.bias')).toEqual({ shape: [32], type: GgmlType.F32 });
    expect(tensors.get('mm.0.weight')).toEqual({ shape: [32, 64], type: GgmlType.F16 });
    expect(tensors.get('mm.2.weight')).toEqual({ shape: [64, 64], type: GgmlType.F16 });
    expect(tensors.get('mm.2.bias')).toEqual({ shape: [64], type: GgmlType.F32 });
    // Traps 4 and 5: no post-norm, no mm.3 (it would switch the projector to mlp_norm).
    expect([...tensors.keys()].filter((name) => name.includes('post_ln') || name.startsWith('mm.3'))).toEqual(
      [],
    );
    expect(Number(parsed.tensorDataOffset) % 32).toBe(0);
  });

  it('sizes the 336/14 variant for 576 patches', async () => {
    const { mmprojPath } = await getTinyModel({ imageSize: 336 });
    const header = await readGgufHeader(mmprojPath);
    expect(header.tensors.find((t) => t.name === 'v.patch_embd.weight')?.shape).toEqual([14, 14, 3, 32]);
    expect(header.tensors.find((t) => t.name === 'v.position_embd.weight')?.shape).toEqual([32, 577]);
  });
});

describe('tiny vocabulary', () => {
  const vocabulary = buildSpmVocabulary();
  const ids = new Map(vocabulary.tokens.map((token, id) => [token, id]));

  it('lays out specials, bytes, ASCII and word prefixes, padded to 1,120', () => {
    expect(vocabulary.tokens).toHaveLength(1120);
    expect(vocabulary.tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
    expect(vocabulary.tokens[13]).toBe('<0x0A>');
    expect(vocabulary.tokens[258]).toBe('<0xFF>');
    expect(vocabulary.tokens[259]).toBe('▁');
    expect([...vocabulary.tokenTypes.slice(0, 4)]).toEqual([
      TokenKind.UNKNOWN,
      TokenKind.CONTROL,
      TokenKind.CONTROL,
      TokenKind.BYTE,
    ]);
    expect(vocabulary.tokenTypes[259]).toBe(TokenKind.NORMAL);
    expect(new Set(vocabulary.tokens).size).toBe(1120);
  });

  it('contains every prefix of every test word, bare and with ▁, and both option-letter forms', () => {
    expect(TEST_WORDS.length).toBeGreaterThanOrEqual(80);
    for (const word of [
      'USER',
      'ASSISTANT',
      'Question',
      'Answer',
      'agree',
      'disagree',
      'important',
      'family',
    ]) {
      expect(TEST_WORDS).toContain(word);
    }
    for (const word of TEST_WORDS) {
      for (let n = 1; n <= word.length; n++) {
        expect(ids.has(word.slice(0, n)), word.slice(0, n)).toBe(true);
        expect(ids.has(`▁${word.slice(0, n)}`), `▁${word.slice(0, n)}`).toBe(true);
      }
    }
    for (const piece of ['A', '▁A', 'D', '▁D', '1', '▁4', '(', ')', ':', '▁('])
      expect(ids.has(piece), piece).toBe(true);
  });

  it('scores longer pieces higher and breaks ties by id', () => {
    const score = (piece: string): number => vocabulary.scores[ids.get(piece)!]!;
    expect(score('▁ASSISTANT')).toBeGreaterThan(score('▁ASSISTAN'));
    expect(score('A')).toBeGreaterThan(score('B'));
    expect(score('▁')).toBeCloseTo(-1000 + 10 - 259e-3, 3);
    const unused = vocabulary.tokens.findIndex((t) => t.startsWith('<unused'));
    if (unused >= 0) expect(vocabulary.tokenTypes[unused]).toBe(TokenKind.UNUSED);
  });
});

describe('buildTinyLlavaPair', () => {
  it('is deterministic: the same seed gives byte-identical files, another seed different weights', async () => {
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    const first = await buildTinyLlavaPair({ dir: a, seed: 7 });
    const again = await buildTinyLlavaPair({ dir: b, seed: 7 });
    const other = await buildTinyLlavaPair({ dir: c, seed: 8 });
    expect(await sha256File(again.modelPath)).toBe(await sha256File(first.modelPath));
    expect(await sha256File(again.mmprojPath)).toBe(await sha256File(first.mmprojPath));
    expect(await sha256File(other.modelPath)).not.toBe(await sha256File(first.modelPath));
    expect(await sha256File(other.mmprojPath)).not.toBe(await sha256File(first.mmprojPath));
  });

  it('keeps the text model independent of the projector size', () => {
    const small = encodeTinyLlavaPair({ imageSize: 64 });
    const large = encodeTinyLlavaPair({ imageSize: 336 });
    expect(Buffer.from(large.model).equals(Buffer.from(small.model))).toBe(true);
    expect(large.mmproj.length).toBeGreaterThan(small.mmproj.length);
  });

  it('matches the sizes observed in TINY-MODEL.md §6', async () => {
    const sizes = async (weightType: 'f16' | 'f32' | 'q8_0'): Promise<[number, number]> => {
      const pair = await getTinyModel({ weightType });
      return [(await stat(pair.modelPath)).size, (await stat(pair.mmprojPath)).size];
    };
    const kb = ([text, proj]: [number, number]): [number, number] => [
      Math.round(text / 1000),
      Math.round(proj / 1000),
    ];
    expect(kb(await sizes('f16'))).toEqual([462, 68]);
    expect(kb(await sizes('f32'))[0]).toBe(896);
    expect(kb(await sizes('q8_0'))).toEqual([258, 68]);
  });

  it('names files by variant and writes the broken variants as asked', async () => {
    const dir = await tempDir();
    const truncated = await buildTinyLlavaPair({ dir, defect: 'model-truncated' });
    expect(truncated.modelPath).toMatch(/tiny-llava-f16-64px8-seed42-model-truncated\.gguf$/);
    expect(truncated.mmprojPath).toMatch(/mmproj-tiny-llava-f16-64px8-seed42-model-truncated\.gguf$/);
    await expect(readGgufHeader(truncated.modelPath)).rejects.toMatchObject({
      code: 'bad_file',
      details: { file: truncated.modelPath },
    });
    await expect(readGgufHeader(truncated.mmprojPath)).resolves.toBeDefined();
    const wrongMagic = await buildTinyLlavaPair({ dir, defect: 'mmproj-wrong-magic' });
    expect((await readFile(wrongMagic.mmprojPath)).subarray(0, 4).toString()).toBe('GGUX');
    await expect(readGgufHeader(wrongMagic.mmprojPath)).rejects.toThrow(/not a GGUF file/);
    const noFlag = await buildTinyLlavaPair({ dir, defect: 'mmproj-no-vision-flag' });
    expect((await readGgufHeader(noFlag.mmprojPath)).metadata.has('clip.has_vision_encoder')).toBe(false);
  });

  it('rejects impossible options', async () => {
    const dir = await tempDir();
    await expect(buildTinyLlavaPair({ dir, imageSize: 60, patchSize: 8 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(buildTinyLlavaPair({ dir, seed: 1.5 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(buildTinyLlavaPair({ dir, name: '../escape' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
