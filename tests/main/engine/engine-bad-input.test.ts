import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EngineClient } from '../../../src-main/engine/client';
import type { LoadSpec, ScoreBatchRequest } from '../../../src-main/engine/engine';
import { useTempDirs } from '../../helpers/temp-dir';
import { getTinyModel } from '../../helpers/tiny-model';

/** CRC-32 of PNG chunks (IEEE polynomial), to write a PNG header by hand. */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A few hundred bytes claiming 20000×20000 pixels: a decompression bomb by its header. */
function hugePngHeader(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20_000, 0);
  header.writeUInt32BE(20_000, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const rows = deflateSync(Buffer.alloc(1 + 20_000 * 3));
  return Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The tiny text model with `general.architecture` renamed: same length, so the file stays valid GGUF. */
async function unknownArchitectureCopy(modelPath: string, target: string): Promise<string> {
  const bytes = await readFile(modelPath);
  const key = Buffer.from('general.architecture');
  const value = bytes.indexOf(key) + key.length + 4 + 8; // value type (u32), then string length (u64)
  expect(bytes.subarray(value, value + 5).toString()).toBe('llama');
  bytes.write('zzzzz', value);
  await writeFile(target, bytes);
  return target;
}

describe('bad input never crashes the caller or leaves the engine stuck', () => {
  const tempDir = useTempDirs();
  let engine: EngineClient;
  let spec: LoadSpec;

  const request = (imagePath?: string): ScoreBatchRequest => ({
    prefixText: 'You live in Peru.\n',
    suffixes: [{ id: 'q', text: 'Is family important? (A) Yes (B) No', optionLabels: ['A', 'B'] }],
    leadIn: 'Answer: (',
    ...(imagePath !== undefined ? { imagePath } : {}),
  });

  /** After each bad input: the same engine process, the good model loaded again, a normal request works. */
  async function stillWorks(): Promise<void> {
    await engine.load(spec);
    const results: number[][] = [];
    await engine.scoreBatch(request(), (result) => {
      results.push(result.probabilities);
    });
    expect(results).toHaveLength(1);
    expect((await engine.status()).restarts).toBe(0);
  }

  beforeAll(async () => {
    const pair = await getTinyModel();
    spec = { ...pair, variant: 'default', gpuLayers: 0, threads: 2, contextSize: 1024 };
    engine = new EngineClient();
    await engine.load(spec);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('a missing model file: not_found naming the file', async () => {
    const missing = join(await tempDir(), 'nowhere.gguf');
    await expect(engine.load({ ...spec, modelPath: missing })).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining(missing) as unknown,
    });
    await stillWorks();
  });

  it.each(['model-truncated', 'model-wrong-magic', 'mmproj-truncated', 'mmproj-wrong-magic'] as const)(
    'a corrupt GGUF (%s): bad_file naming the file',
    async (defect) => {
      const broken = await getTinyModel({ defect });
      const file = defect.startsWith('model') ? broken.modelPath : broken.mmprojPath;
      await expect(engine.load({ ...spec, ...broken })).rejects.toMatchObject({
        code: 'bad_file',
        details: { file },
      });
      await stillWorks();
    },
  );

  it('a projector that does not match the text model: bad_file naming the mmproj', async () => {
    const broken = await getTinyModel({ defect: 'mmproj-width-mismatch' });
    await expect(engine.load({ ...spec, ...broken })).rejects.toMatchObject({
      code: 'bad_file',
      message: expect.stringMatching(/produces 32-wide image embeddings.*expects 64/) as unknown,
    });
    await stillWorks();
  });

  it('an architecture llama.cpp cannot run (the binding would segfault): refused before loading', async () => {
    const modelPath = await unknownArchitectureCopy(spec.modelPath, join(await tempDir(), 'strange.gguf'));
    await expect(engine.load({ ...spec, modelPath })).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining("'zzzzz' model") as unknown,
    });
    await stillWorks();
  });

  it('files that are not images, huge images and missing images never reach native code', async () => {
    const dir = await tempDir();
    const text = join(dir, 'photo.jpg');
    await writeFile(text, 'this is text, not a JPEG');
    const huge = join(dir, 'huge.png');
    await writeFile(huge, hugePngHeader());
    for (const [file, code] of [
      [text, 'bad_file'],
      [huge, 'bad_file'],
      [join(dir, 'gone.png'), 'not_found'],
    ] as const) {
      await expect(engine.scoreBatch(request(file), () => undefined)).rejects.toMatchObject({
        code,
        message: expect.stringContaining(file) as unknown,
      });
      await expect(
        engine.generate({
          user: 'hi',
          imagePath: file,
          sampling: { temperature: 1, topP: 1, seed: 1, maxTokens: 2 },
        }),
      ).rejects.toMatchObject({ code });
    }
    await stillWorks();
  });

  it('an image the caller did not prepare is validated and re-encoded by the engine itself', async () => {
    const jpeg = join(await tempDir(), 'wide.jpg');
    const { default: sharp } = await import('sharp');
    await sharp({
      create: { width: 300, height: 90, channels: 4, background: { r: 9, g: 99, b: 199, alpha: 1 } },
    })
      .jpeg()
      .toFile(jpeg);
    const counters = await engine.scoreBatch(request(jpeg), () => undefined);
    expect(counters.imageEncodes).toBe(1);
    await stillWorks();
  });

  it('option labels that are not consecutive single letters: invalid_input, nothing scored', async () => {
    for (const labels of [['A', 'C'], ['AA', 'BB'], ['1', '2'], []]) {
      const bad = request();
      bad.suffixes[0]!.optionLabels = labels;
      const seen: unknown[] = [];
      await expect(engine.scoreBatch(bad, (result) => void seen.push(result))).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('consecutive single letters') as unknown,
      });
      expect(seen).toEqual([]);
    }
    await stillWorks();
  });

  it('a text model given as its own projector, or a projector as the model: bad_file', async () => {
    const swapped = join(await tempDir(), 'swapped.gguf');
    await copyFile(spec.mmprojPath!, swapped);
    await expect(engine.load({ ...spec, modelPath: swapped })).rejects.toMatchObject({ code: 'bad_file' });
    await expect(engine.load({ ...spec, mmprojPath: spec.modelPath })).rejects.toMatchObject({
      code: 'bad_file',
    });
    await stillWorks();
  });
});
