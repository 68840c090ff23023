import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { gguf } from '@huggingface/gguf';
import { describe, expect, it } from 'vitest';

import type { AppError } from '../../../../src-main/domain/errors';
import { isAppError } from '../../../../src-main/domain/errors';
import { readGgufHeader } from '../../../../src-main/engine/gguf/reader';
import type { GgufMetadata, GgufValue } from '../../../../src-main/engine/gguf/types';
import { GgmlType, GgufType, gv } from '../../../../src-main/engine/gguf/types';
import { encodeGguf } from '../../../../src-main/engine/gguf/writer';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();

async function writeTemp(bytes: Uint8Array, name = 'model.gguf'): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, bytes);
  return path;
}

// Hand-made bytes, independent of the project's writer, for files no writer would produce.
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const u64 = (n: number | bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
};
const str = (s: string): Buffer => Buffer.concat([u64(Buffer.byteLength(s)), Buffer.from(s)]);
const head = (tensors: number | bigint, kvs: number | bigint, version = 3): Buffer =>
  Buffer.concat([Buffer.from('GGUF'), u32(version), u64(tensors), u64(kvs)]);
const kvU32 = (key: string, value: number): Buffer =>
  Buffer.concat([str(key), u32(GgufType.UINT32), u32(value)]);
const tensorInfo = (name: string, shape: number[], type: number, offset: number): Buffer =>
  Buffer.concat([str(name), u32(shape.length), ...shape.map((n) => u64(n)), u32(type), u64(offset)]);

async function readError(
  bytes: Uint8Array,
  options?: Parameters<typeof readGgufHeader>[1],
): Promise<AppError> {
  const path = await writeTemp(bytes);
  try {
    await readGgufHeader(path, options);
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.details.file).toBe(path);
    expect(error.message).toContain(path);
    return error;
  }
  throw new Error('expected readGgufHeader to fail');
}

function sampleMetadata(): GgufMetadata {
  return new Map<string, GgufValue>([
    ['general.architecture', gv.string('llama')],
    ['general.name', gv.string('sample')],
    ['a.u8', gv.u8(7)],
    ['a.i64', gv.i64(-5n)],
    ['a.f64', gv.f64(0.25)],
    ['a.bool', gv.bool(false)],
    ['a.small', gv.array(GgufType.FLOAT32, [0.5, 0.25, 0.125])],
    ['a.flags', gv.array(GgufType.BOOL, [true, false, true])],
    ['a.u64s', gv.array(GgufType.UINT64, [1n, 2n ** 63n])],
    ['a.words', gv.array(GgufType.STRING, ['x', 'yy', '▁zz'])],
    ['z.after', gv.u32(123)],
  ]);
}

const SAMPLE_TENSORS = [
  { name: 'w', shape: [32, 3], type: GgmlType.F16, values: new Float32Array(96).fill(1) },
  { name: 'q', shape: [64, 2], type: GgmlType.Q8_0, values: new Float32Array(128).fill(-1) },
  { name: 'n', shape: [5], type: GgmlType.F32, values: new Float32Array(5) },
];

describe('readGgufHeader round trips', () => {
  it('reads back what the writer wrote, and agrees with @huggingface/gguf', async () => {
    const path = await writeTemp(encodeGguf(sampleMetadata(), SAMPLE_TENSORS));
    const header = await readGgufHeader(path);
    expect(header.version).toBe(3);
    expect(header.alignment).toBe(32);
    expect([...header.metadata.keys()]).toEqual([...sampleMetadata().keys()]);
    for (const [key, expected] of sampleMetadata()) {
      const actual = header.metadata.get(key)!;
      if (expected.type === GgufType.ARRAY && actual.type === GgufType.ARRAY) {
        expect(actual.elementType).toBe(expected.elementType);
        expect(Array.from(actual.values as ArrayLike<unknown>)).toEqual(
          Array.from(expected.values as ArrayLike<unknown>),
        );
      } else expect(actual).toEqual(expected);
    }
    expect(header.tensors).toEqual([
      { name: 'w', shape: [32, 3], type: 1, typeName: 'F16', offset: 0, elementCount: 96, byteSize: 192 },
      { name: 'q', shape: [64, 2], type: 8, typeName: 'Q8_0', offset: 192, elementCount: 128, byteSize: 136 },
      { name: 'n', shape: [5], type: 0, typeName: 'F32', offset: 352, elementCount: 5, byteSize: 20 },
    ]);
    expect(header.tensorDataBytes).toBe(192 + 136 + 20);
    const independent = await gguf(path, { allowLocalFile: true });
    expect(header.tensorDataOffset).toBe(Number(independent.tensorDataOffset));
  });

  it('skips long arrays but keeps their length, and keeps named arrays whole', async () => {
    const tokens = Array.from({ length: 150_000 }, (_, i) => `tok${i}▁`);
    const metadata: GgufMetadata = new Map([
      ['tokenizer.ggml.tokens', gv.array(GgufType.STRING, tokens)],
      [
        'tokenizer.ggml.scores',
        gv.array(
          GgufType.FLOAT32,
          Float32Array.from(tokens, (_, i) => -i),
        ),
      ],
      ['tokenizer.ggml.token_type', gv.array(GgufType.INT32, new Int32Array(150_000).fill(1))],
      ['after', gv.string('still in sync')],
    ]);
    const path = await writeTemp(encodeGguf(metadata, SAMPLE_TENSORS));

    const skipped = await readGgufHeader(path);
    const tokenEntry = skipped.metadata.get('tokenizer.ggml.tokens');
    expect(tokenEntry).toEqual({ type: GgufType.ARRAY, elementType: GgufType.STRING, length: 150_000 });
    expect(skipped.metadata.get('tokenizer.ggml.scores')).not.toHaveProperty('values');
    expect(skipped.metadata.get('after')).toEqual(gv.string('still in sync'));
    expect(skipped.tensors).toHaveLength(3);

    const kept = await readGgufHeader(path, {
      keepArrays: ['tokenizer.ggml.tokens', 'tokenizer.ggml.scores'],
    });
    const keptTokens = kept.metadata.get('tokenizer.ggml.tokens');
    expect(keptTokens?.type === GgufType.ARRAY && keptTokens.values).toEqual(tokens);
    const scores = kept.metadata.get('tokenizer.ggml.scores');
    expect(scores?.type === GgufType.ARRAY && scores.values).toBeInstanceOf(Float32Array);
    expect(scores?.type === GgufType.ARRAY && scores.values?.[149_999]).toBe(-149_999);
    expect(kept.metadata.get('tokenizer.ggml.token_type')).not.toHaveProperty('values');

    const lowLimit = await readGgufHeader(path, { maxArrayElements: 2 });
    expect(lowLimit.metadata.get('after')).toEqual(gv.string('still in sync'));
  });

  it('reads GGUF version 2 files', async () => {
    const bytes = Buffer.from(encodeGguf(new Map([['k', gv.u32(1)]]), []));
    bytes.writeUInt32LE(2, 4);
    const header = await readGgufHeader(await writeTemp(bytes));
    expect(header.version).toBe(2);
    expect(header.metadata.get('k')).toEqual(gv.u32(1));
  });
});

describe('readGgufHeader on bad input', () => {
  it('reports a missing file as not_found, naming it', async () => {
    const path = join(await tempDir(), 'absent.gguf');
    await expect(readGgufHeader(path)).rejects.toMatchObject({ code: 'not_found', details: { file: path } });
  });

  it('rejects a folder', async () => {
    const path = join(await tempDir(), 'folder.gguf');
    await mkdir(path);
    await expect(readGgufHeader(path)).rejects.toMatchObject({
      code: 'bad_file',
      message: /not a regular file/,
    });
  });

  it('rejects short files, wrong magic and unsupported versions', async () => {
    expect((await readError(Buffer.from('GG'))).message).toMatch(/too short/);
    expect((await readError(Buffer.from('PK\x03\x04 not a model at all'))).message).toMatch(
      /not a GGUF file/,
    );
    expect((await readError(head(0, 0, 1))).message).toMatch(/unsupported GGUF version 1/);
    expect((await readError(head(0, 0, 4))).message).toMatch(/unsupported GGUF version 4/);
    const bigEndian = Buffer.concat([Buffer.from('GGUF'), Buffer.from([0, 0, 0, 3]), u64(0), u64(0)]);
    expect((await readError(bigEndian)).message).toMatch(/big-endian/);
  });

  it('reports truncation at every cut inside the header', async () => {
    const bytes = encodeGguf(sampleMetadata(), SAMPLE_TENSORS);
    const path = await writeTemp(bytes);
    const { tensorDataOffset } = await readGgufHeader(path);
    const dir = await tempDir();
    for (let cut = 4; cut < tensorDataOffset; cut += 3) {
      const cutPath = join(dir, `cut-${cut}.gguf`);
      await writeFile(cutPath, bytes.subarray(0, cut));
      const error: unknown = await readGgufHeader(cutPath).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAppError(error) && error.code, `cut at ${cut}`).toBe('bad_file');
      expect((error as Error).message, `cut at ${cut}`).toMatch(
        /truncated|more than (its size|the file) can hold/,
      );
    }
  });

  it('reports truncated tensor data', async () => {
    const bytes = encodeGguf(sampleMetadata(), SAMPLE_TENSORS);
    const error = await readError(bytes.subarray(0, bytes.length - 40));
    expect(error.code).toBe('bad_file');
    expect(error.message).toMatch(/truncated: tensor 'n' ends at byte/);
  });

  it('rejects absurd counts and lengths before allocating anything', async () => {
    expect((await readError(head(0, 2n ** 40n))).message).toMatch(/metadata entries \(limit/);
    expect((await readError(head(2n ** 40n, 0))).message).toMatch(/tensors \(limit/);
    expect((await readError(head(1000, 1000))).message).toMatch(/more than its size can hold/);
    const hugeKey = Buffer.concat([head(0, 1), u64(2n ** 50n), Buffer.alloc(16)]);
    expect((await readError(hugeKey)).message).toMatch(/key of metadata entry 0 claims/);
    const longString = Buffer.concat([head(0, 1), str('k'), u32(GgufType.STRING), str('x'.repeat(100))]);
    expect((await readError(longString, { limits: { maxStringBytes: 50 } })).message).toMatch(
      /value of 'k' claims 100 bytes \(limit 50\)/,
    );
    const hugeArray = Buffer.concat([
      head(0, 1),
      str('arr'),
      u32(GgufType.ARRAY),
      u32(GgufType.UINT8),
      u64(2n ** 40n),
    ]);
    expect((await readError(hugeArray)).message).toMatch(/'arr' claims \d+ array elements \(limit/);
    const longerThanFile = Buffer.concat([
      head(0, 1),
      str('arr'),
      u32(GgufType.ARRAY),
      u32(GgufType.UINT32),
      u64(1000),
      Buffer.alloc(40),
    ]);
    expect((await readError(longerThanFile)).message).toMatch(/more than the file can hold/);
    const hugeElement = Buffer.concat([
      head(0, 1),
      str('arr'),
      u32(GgufType.ARRAY),
      u32(GgufType.STRING),
      u64(1),
      u64(2n ** 60n),
    ]);
    expect((await readError(hugeElement)).message).toMatch(/element 0 of 'arr' claims/);
  });

  it('rejects unknown value types, nested arrays and duplicate keys', async () => {
    const unknownType = Buffer.concat([head(0, 1), str('k'), u32(13), u32(0)]);
    expect((await readError(unknownType)).message).toMatch(/'k' has unknown value type 13/);
    const unknownElement = Buffer.concat([head(0, 1), str('k'), u32(GgufType.ARRAY), u32(99), u64(0)]);
    expect((await readError(unknownElement)).message).toMatch(/array of unknown value type 99/);
    const nested = Buffer.concat([head(0, 1), str('k'), u32(GgufType.ARRAY), u32(GgufType.ARRAY), u64(0)]);
    expect((await readError(nested)).message).toMatch(/nested arrays/);
    const duplicate = Buffer.concat([head(0, 2), kvU32('k', 1), kvU32('k', 2)]);
    expect((await readError(duplicate)).message).toMatch(/'k' appears twice/);
  });

  it('rejects malformed tensor infos', async () => {
    const withTensor = (info: Buffer, extra: Buffer[] = []): Buffer =>
      Buffer.concat([head(1 + extra.length, 0), info, ...extra, Buffer.alloc(256)]);
    expect((await readError(withTensor(tensorInfo('t', [1, 1, 1, 1, 1], 0, 0)))).message).toMatch(
      /'t' has 5 dimensions \(ggml allows 4\)/,
    );
    expect((await readError(withTensor(tensorInfo('t', [4], 99, 0)))).message).toMatch(
      /unknown ggml type 99/,
    );
    expect((await readError(withTensor(tensorInfo('t', [16], GgmlType.Q4_0, 0)))).message).toMatch(
      /not a multiple of the Q4_0 block size/,
    );
    expect((await readError(withTensor(tensorInfo('t', [4], 0, 8)))).message).toMatch(
      /offset 8, not a multiple/,
    );
    expect((await readError(withTensor(tensorInfo('t', [2 ** 40, 2 ** 40], 0, 0)))).message).toMatch(
      /impossible shape/,
    );
    expect((await readError(withTensor(tensorInfo('x'.repeat(64), [4], 0, 0)))).message).toMatch(/too long/);
    expect(
      (await readError(withTensor(tensorInfo('t', [4], 0, 0), [tensorInfo('t', [4], 0, 32)]))).message,
    ).toMatch(/'t' appears twice/);
    expect(
      (await readError(withTensor(tensorInfo('a', [16], 0, 0), [tensorInfo('b', [4], 0, 32)]))).message,
    ).toMatch(/'a' and 'b' overlap/);
  });

  it('validates general.alignment', async () => {
    expect((await readError(Buffer.concat([head(0, 1), kvU32('general.alignment', 3)]))).message).toMatch(
      /not a power of two/,
    );
    const wrongType = Buffer.concat([
      head(0, 1),
      str('general.alignment'),
      u32(GgufType.UINT16),
      Buffer.alloc(2),
    ]);
    expect((await readError(wrongType)).message).toMatch(/must be a UINT32/);
  });
});
