import { open } from 'node:fs/promises';

import { gguf } from '@huggingface/gguf';
import { describe, expect, it } from 'vitest';

import { f16BitsToF32, f32ToF16Bits } from '../../../../src-main/engine/gguf/f16';
import { metaNumber, metaString, metaStringArray } from '../../../../src-main/engine/gguf/metadata';
import { readGgufHeader } from '../../../../src-main/engine/gguf/reader';
import { GgmlType } from '../../../../src-main/engine/gguf/types';
import {
  buildLlava7bShapedPair,
  llavaShapedRecipes,
  planLlavaShapedPair,
} from '../../../../src-main/engine/test-models/llava-7b-shaped';
import { sha256File } from '../../../../src-main/platform/sha256';
import { useTempDirs } from '../../../helpers/temp-dir';
import { SMALL_SHAPE } from '../../../helpers/tiny-model';

const tempDir = useTempDirs();

describe('the 7B-shaped layout (planned, never generated in tests)', () => {
  it('has LLaVA-1.5-7B sizes: 6.74 B parameters in 3.53 GiB of Q4_0, and a ~650 MB F16 mmproj', () => {
    const { text, mmproj } = planLlavaShapedPair();
    expect(text.tensors).toHaveLength(3 + 32 * 9);
    expect(text.tensors.reduce((sum, t) => sum + t.elementCount, 0)).toBe(6_738_415_616);
    expect(text.totalBytes / 2 ** 30).toBeCloseTo(3.53, 2);
    expect(text.tensors.find((t) => t.name === 'token_embd.weight')).toMatchObject({
      shape: [4096, 32000],
      type: GgmlType.Q4_0,
      byteSize: 73_728_000,
    });
    expect(text.tensors.find((t) => t.name === 'blk.31.ffn_down.weight')?.shape).toEqual([11008, 4096]);
    expect(text.tensors.every((t) => t.offset % 32 === 0)).toBe(true);
    expect(mmproj.tensors).toHaveLength(5 + 24 * 16 + 4);
    expect(mmproj.totalBytes / 1e6).toBeGreaterThan(640);
    expect(mmproj.totalBytes / 1e6).toBeLessThan(660);
    expect(mmproj.tensors.find((t) => t.name === 'v.patch_embd.weight')).toMatchObject({
      shape: [14, 14, 3, 1024],
      type: GgmlType.F16,
    });
    expect(mmproj.tensors.find((t) => t.name === 'v.position_embd.weight')?.shape).toEqual([1024, 577]);
    expect(mmproj.tensors.find((t) => t.name === 'mm.2.weight')?.shape).toEqual([4096, 4096]);
  });

  it('writes the 7B metadata: padded 32k vocabulary, 32 KV heads, CLIP ViT-L/14-336', () => {
    const { text, mmproj } = llavaShapedRecipes();
    const tokens = metaStringArray(text.metadata, 'tokenizer.ggml.tokens');
    expect(tokens).toHaveLength(32000);
    expect(tokens?.[31999]).toMatch(/^<unused\d+>$/);
    expect(metaNumber(text.metadata, 'llama.attention.head_count_kv')).toBe(32);
    expect(metaNumber(text.metadata, 'general.file_type')).toBe(2);
    expect(text.metadata.has('llama.rope.freq_base')).toBe(false);
    expect(text.metadata.has('tokenizer.ggml.add_eos_token')).toBe(false);
    expect(metaString(text.metadata, 'general.name')).toMatch(/timing only/);
    expect(metaNumber(mmproj.metadata, 'clip.vision.image_size')).toBe(336);
    expect(metaNumber(mmproj.metadata, 'clip.vision.patch_size')).toBe(14);
    expect(metaNumber(mmproj.metadata, 'clip.vision.block_count')).toBe(24);
    expect(metaNumber(mmproj.metadata, 'clip.vision.projection_dim')).toBe(768);
  });
});

describe('buildLlava7bShapedPair on a small shape', () => {
  it('streams files that match the plan and parse independently', async () => {
    const dir = await tempDir();
    const progress: string[] = [];
    const pair = await buildLlava7bShapedPair({
      ...SMALL_SHAPE,
      dir,
      onProgress: (file) => progress.push(file),
    });
    const plan = planLlavaShapedPair(SMALL_SHAPE);

    const text = await readGgufHeader(pair.modelPath);
    expect(text.fileSize).toBe(plan.text.totalBytes);
    expect(text.tensorDataOffset).toBe(plan.text.dataOffset);
    const mmproj = await readGgufHeader(pair.mmprojPath);
    expect(mmproj.fileSize).toBe(plan.mmproj.totalBytes);
    expect(progress).toContain('model');
    expect(progress).toContain('mmproj');

    const parsed = await gguf(pair.modelPath, { allowLocalFile: true });
    const types = new Map(parsed.tensorInfos.map((t) => [t.name, t.dtype]));
    expect(types.get('token_embd.weight')).toBe(GgmlType.Q4_0);
    expect(types.get('blk.1.ffn_down.weight')).toBe(GgmlType.Q4_0);
    expect(types.get('blk.1.ffn_norm.weight')).toBe(GgmlType.F32);
    expect(Number(parsed.tensorDataOffset) % 32).toBe(0);
    const parsedProj = await gguf(pair.mmprojPath, { allowLocalFile: true });
    const projTypes = new Map(parsedProj.tensorInfos.map((t) => [t.name, t.dtype]));
    expect(projTypes.get('mm.0.weight')).toBe(GgmlType.F16);
    expect(projTypes.get('v.patch_embd.weight')).toBe(GgmlType.F16);
    expect(projTypes.get('mm.0.bias')).toBe(GgmlType.F32);
  });

  it('fills Q4_0 blocks with one scale per tensor and F16 with Gaussian halves of the right spread', async () => {
    const dir = await tempDir();
    const pair = await buildLlava7bShapedPair({ ...SMALL_SHAPE, dir });
    const read = async (path: string, name: string): Promise<Buffer> => {
      const header = await readGgufHeader(path);
      const tensor = header.tensors.find((t) => t.name === name)!;
      const handle = await open(path, 'r');
      try {
        const bytes = Buffer.alloc(tensor.byteSize);
        await handle.read(bytes, 0, bytes.length, header.tensorDataOffset + tensor.offset);
        return bytes;
      } finally {
        await handle.close();
      }
    };

    const q = await read(pair.modelPath, 'blk.0.attn_q.weight'); // N(0, 1/64) in the recipe
    const scale = q.readUInt16LE(0);
    expect(scale).toBe(f32ToF16Bits(1 / 8 / Math.sqrt(21.5)));
    for (let at = 0; at < q.length; at += 18) expect(q.readUInt16LE(at)).toBe(scale);
    expect(new Set(q.subarray(2, 18 * 8)).size).toBeGreaterThan(50); // random nibbles

    const halves = await read(pair.mmprojPath, 'mm.2.weight'); // N(0, 1/64)
    const values = Array.from({ length: halves.length / 2 }, (_, i) =>
      f16BitsToF32(halves.readUInt16LE(i * 2)),
    );
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(std).toBeGreaterThan(0.125 * 0.9);
    expect(std).toBeLessThan(0.125 * 1.1);
  });

  it('is deterministic for a seed', async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const first = await buildLlava7bShapedPair({ ...SMALL_SHAPE, dir: a, seed: 3 });
    const second = await buildLlava7bShapedPair({ ...SMALL_SHAPE, dir: b, seed: 3 });
    expect(await sha256File(second.modelPath)).toBe(await sha256File(first.modelPath));
    expect(await sha256File(second.mmprojPath)).toBe(await sha256File(first.mmprojPath));
  });
});
