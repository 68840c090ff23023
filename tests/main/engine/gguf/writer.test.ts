import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { gguf, GGUFValueType } from '@huggingface/gguf';
import { describe, expect, it } from 'vitest';

import { isAppError } from '../../../../src-main/domain/errors';
import { encodeTensorData } from '../../../../src-main/engine/gguf/quantize';
import type { GgufMetadata } from '../../../../src-main/engine/gguf/types';
import { GgmlType, GgufType, gv } from '../../../../src-main/engine/gguf/types';
import type { GgufStreamedTensor, GgufTensorInput } from '../../../../src-main/engine/gguf/writer';
import { encodeGguf, planGgufLayout, writeGgufStreaming } from '../../../../src-main/engine/gguf/writer';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

function everyTypeMetadata(): GgufMetadata {
  return new Map([
    ['general.architecture', gv.string('llama')],
    ['test.u8', gv.u8(255)],
    ['test.i8', gv.i8(-128)],
    ['test.u16', gv.u16(65535)],
    ['test.i16', gv.i16(-32768)],
    ['test.u32', gv.u32(4294967295)],
    ['test.i32', gv.i32(-2147483648)],
    ['test.f32', gv.f32(0.5)],
    ['test.bool', gv.bool(true)],
    ['test.string', gv.string('Grüße ▁ 你好')],
    ['test.u64', gv.u64(2n ** 64n - 1n)],
    ['test.i64', gv.i64(-(2n ** 63n))],
    ['test.f64', gv.f64(Math.PI)],
    ['test.strings', gv.array(GgufType.STRING, ['a', '', '▁b'])],
    ['test.f32s', gv.array(GgufType.FLOAT32, [1, -2.5, 3])],
    ['test.i32s', gv.array(GgufType.INT32, [5, -6])],
    ['test.bools', gv.array(GgufType.BOOL, [true, false])],
    ['test.u8s', gv.array(GgufType.UINT8, [])],
  ]);
}

function ramp(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 2);
}

const TENSORS: GgufTensorInput[] = [
  { name: 'a.f32', shape: [4, 3], type: GgmlType.F32, values: ramp(12) },
  { name: 'b.f16', shape: [32, 2], type: GgmlType.F16, values: ramp(64) },
  { name: 'c.q8_0', shape: [64], type: GgmlType.Q8_0, values: ramp(64) },
  { name: 'd.q4_0', shape: [32, 1, 2, 1], type: GgmlType.Q4_0, values: ramp(64) },
];

async function writeTemp(bytes: Uint8Array, name = 'test.gguf'): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, bytes);
  return path;
}

describe('encodeGguf, checked by @huggingface/gguf', () => {
  it('writes every KV type explicitly, with the right values', async () => {
    const path = await writeTemp(encodeGguf(everyTypeMetadata(), TENSORS));
    const { typedMetadata, metadata } = await gguf(path, { allowLocalFile: true, typedMetadata: true });
    expect(metadata.version).toBe(3);
    const expectTyped = (key: string, type: GGUFValueType, value: unknown, subType?: GGUFValueType): void => {
      expect(typedMetadata[key]?.type, key).toBe(type);
      expect(typedMetadata[key]?.value, key).toEqual(value);
      if (subType !== undefined) expect(typedMetadata[key]?.subType, key).toBe(subType);
    };
    expectTyped('test.u8', GGUFValueType.UINT8, 255);
    expectTyped('test.i8', GGUFValueType.INT8, -128);
    expectTyped('test.u16', GGUFValueType.UINT16, 65535);
    expectTyped('test.i16', GGUFValueType.INT16, -32768);
    expectTyped('test.u32', GGUFValueType.UINT32, 4294967295);
    expectTyped('test.i32', GGUFValueType.INT32, -2147483648);
    expectTyped('test.f32', GGUFValueType.FLOAT32, 0.5);
    expectTyped('test.bool', GGUFValueType.BOOL, true);
    expectTyped('test.string', GGUFValueType.STRING, 'Grüße ▁ 你好');
    expectTyped('test.u64', GGUFValueType.UINT64, 2n ** 64n - 1n);
    expectTyped('test.i64', GGUFValueType.INT64, -(2n ** 63n));
    expectTyped('test.f64', GGUFValueType.FLOAT64, Math.PI);
    expectTyped('test.strings', GGUFValueType.ARRAY, ['a', '', '▁b'], GGUFValueType.STRING);
    expectTyped('test.f32s', GGUFValueType.ARRAY, [1, -2.5, 3], GGUFValueType.FLOAT32);
    expectTyped('test.i32s', GGUFValueType.ARRAY, [5, -6], GGUFValueType.INT32);
    expectTyped('test.bools', GGUFValueType.ARRAY, [true, false], GGUFValueType.BOOL);
    expectTyped('test.u8s', GGUFValueType.ARRAY, [], GGUFValueType.UINT8);
  });

  it('writes tensor infos in ggml ne order with aligned offsets and padded data', async () => {
    const bytes = encodeGguf(everyTypeMetadata(), TENSORS);
    const path = await writeTemp(bytes);
    const parsed = await gguf(path, { allowLocalFile: true });
    expect(parsed.tensorInfos.map((t) => [t.name, t.shape.map(Number), t.dtype])).toEqual([
      ['a.f32', [4, 3], GgmlType.F32],
      ['b.f16', [32, 2], GgmlType.F16],
      ['c.q8_0', [64], GgmlType.Q8_0],
      ['d.q4_0', [32, 1, 2, 1], GgmlType.Q4_0],
    ]);
    const dataOffset = Number(parsed.tensorDataOffset);
    expect(dataOffset % 32).toBe(0);
    expect(parsed.tensorInfos.map((t) => Number(t.offset))).toEqual([0, 64, 192, 288]);
    // Each tensor's bytes sit at its offset, followed by zero padding up to the alignment.
    for (const [index, tensor] of TENSORS.entries()) {
      const start = dataOffset + Number(parsed.tensorInfos[index]!.offset);
      const encoded = 'values' in tensor ? encodeTensorData(tensor.type, tensor.values) : tensor.bytes;
      expect(Buffer.from(bytes.subarray(start, start + encoded.length)).equals(Buffer.from(encoded))).toBe(
        true,
      );
    }
    expect(bytes.length).toBe(dataOffset + 288 + 64); // the last tensor (36 bytes) is padded too
    expect(bytes.subarray(dataOffset + 288 + 36).every((b) => b === 0)).toBe(true);
  });

  it('honours a general.alignment of 64', async () => {
    const metadata: GgufMetadata = new Map([['general.alignment', gv.u32(64)]]);
    const path = await writeTemp(encodeGguf(metadata, TENSORS));
    const parsed = await gguf(path, { allowLocalFile: true });
    expect(Number(parsed.tensorDataOffset) % 64).toBe(0);
    expect(parsed.tensorInfos.map((t) => Number(t.offset))).toEqual([0, 64, 192, 320]);
  });
});

describe('writeGgufStreaming', () => {
  it('produces exactly the bytes of the in-memory writer, from chunked producers', async () => {
    const dir = await tempDir();
    const streamed: GgufStreamedTensor[] = TENSORS.map((tensor) => ({
      ...tensor,
      produce: function* () {
        const bytes = 'values' in tensor ? encodeTensorData(tensor.type, tensor.values) : tensor.bytes;
        for (let at = 0; at < bytes.length; at += 7) yield bytes.subarray(at, at + 7);
      },
    }));
    const progress: number[] = [];
    const layout = await writeGgufStreaming(join(dir, 's.gguf'), everyTypeMetadata(), streamed, {
      onProgress: (written) => progress.push(written),
    });
    const written = await readFile(join(dir, 's.gguf'));
    expect(written.equals(Buffer.from(encodeGguf(everyTypeMetadata(), TENSORS)))).toBe(true);
    expect(layout.totalBytes).toBe(written.length);
    expect(progress.at(-1)).toBe(written.length);
  });

  it('fails on a producer that yields the wrong size and leaves no file behind', async () => {
    const dir = await tempDir();
    const streamed: GgufStreamedTensor[] = [
      { name: 'x', shape: [4], type: GgmlType.F32, produce: () => new Uint8Array(12) },
    ];
    await expect(writeGgufStreaming(join(dir, 'bad.gguf'), new Map(), streamed)).rejects.toThrow(
      /produced 12 of 16 bytes/,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writer input checks', () => {
  const expectInvalid = (run: () => unknown, message: RegExp): void => {
    try {
      run();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('invalid_input');
      expect((error as Error).message).toMatch(message);
      return;
    }
    throw new Error('expected the writer to reject the input');
  };

  it('rejects values outside their declared type', () => {
    expectInvalid(() => encodeGguf(new Map([['k', gv.u32(-1)]]), []), /not a valid UINT32/);
    expectInvalid(() => encodeGguf(new Map([['k', gv.u8(1.5)]]), []), /not a valid UINT8/);
    expectInvalid(() => encodeGguf(new Map([['k', gv.i16(40000)]]), []), /not a valid INT16/);
    expectInvalid(() => encodeGguf(new Map([['k', gv.array(GgufType.INT32, [1, 2 ** 31])]]), []), /k'\[1]/);
    expectInvalid(
      () => encodeGguf(new Map([['k', gv.array(GgufType.STRING, ['a', 1] as never)]]), []),
      /string/,
    );
    expectInvalid(() => encodeGguf(new Map([['', gv.u8(1)]]), []), /must not be empty/);
    expectInvalid(() => encodeGguf(new Map([['general.alignment', gv.u32(48)]]), []), /power of two/);
  });

  it('rejects tensors ggml could not load', () => {
    const f32 = (name: string, shape: number[]): GgufTensorInput => ({
      name,
      shape,
      type: GgmlType.F32,
      values: new Float32Array(shape.reduce((a, b) => a * b, 1)),
    });
    expectInvalid(() => encodeGguf(new Map(), [f32('x'.repeat(64), [1])]), /under 64 bytes/);
    expectInvalid(() => encodeGguf(new Map(), [f32('five', [1, 1, 1, 1, 1])]), /1 to 4 dimensions/);
    expectInvalid(() => encodeGguf(new Map(), [f32('zero', [0])]), /invalid shape/);
    expectInvalid(() => encodeGguf(new Map(), [f32('twice', [1]), f32('twice', [1])]), /listed twice/);
    expectInvalid(
      () => encodeGguf(new Map(), [{ name: 'q', shape: [16, 2], type: GgmlType.Q4_0, values: ramp(32) }]),
      /multiple of 32/,
    );
    expectInvalid(
      () => encodeGguf(new Map(), [{ name: 'n', shape: [8], type: GgmlType.F32, values: ramp(4) }]),
      /4 values for 8 elements/,
    );
  });

  it('plans the layout without any tensor data', () => {
    const layout = planGgufLayout(new Map(), [
      { name: 'big', shape: [4096, 32000], type: GgmlType.Q4_0 },
      { name: 'norm', shape: [4096], type: GgmlType.F32 },
    ]);
    expect(layout.tensors.map((t) => [t.offset, t.byteSize])).toEqual([
      [0, 73_728_000],
      [73_728_000, 16_384],
    ]);
    expect(layout.totalBytes).toBe(layout.dataOffset + 73_728_000 + 16_384);
    expect(layout.header.length).toBe(layout.dataOffset);
  });
});
