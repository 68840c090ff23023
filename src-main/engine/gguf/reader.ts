import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { endianness } from 'node:os';

import { AppError } from '../../domain/errors';
import { FileCursor } from './file-cursor';
import type { GgufElementType, GgufMetadata, GgufValue } from './types';
import { alignUp, GGUF_DEFAULT_ALIGNMENT, GGUF_TYPE_NAMES, GgufType } from './types';
import type { GgufTensorInfo } from './tensor-info';
import { checkTensorData, readTensorInfo } from './tensor-info';
import type { Fail, HeaderIo, Need, ReadString } from './value-reader';
import { readArray, readScalar } from './value-reader';

export type { GgufTensorInfo } from './tensor-info';

/** Caps that keep a hostile header from costing unbounded memory or time. */
export interface GgufLimits {
  maxKvCount: number;
  maxTensorCount: number;
  maxArrayLength: number;
  maxStringBytes: number;
  maxKeyBytes: number;
}

export const DEFAULT_GGUF_LIMITS: Readonly<GgufLimits> = {
  // Real models carry ~20–80 keys and up to a few thousand tensors.
  maxKvCount: 65_536,
  maxTensorCount: 100_000,
  // Vocabularies reach ~262k tokens and BPE merge lists ~500k; 16M leaves ample headroom.
  maxArrayLength: 16 * 1024 * 1024,
  // Chat templates are the longest strings seen (tens of KB).
  maxStringBytes: 16 * 1024 * 1024,
  // The GGUF spec limits keys to 2^16 − 1 bytes.
  maxKeyBytes: 65_535,
};

export interface GgufReadOptions {
  /**
   * Arrays with more elements than this are skipped: their type and length are kept, `values` is absent.
   * Default 4096 keeps image statistics and per-layer lists but not vocabularies.
   */
  maxArrayElements?: number;
  /** Keys whose arrays are always read whole, e.g. `tokenizer.ggml.tokens` for option-letter discovery. */
  keepArrays?: readonly string[];
  limits?: Partial<GgufLimits>;
}

export interface GgufHeader {
  file: string;
  fileSize: number;
  version: number;
  alignment: number;
  metadata: GgufMetadata;
  tensors: GgufTensorInfo[];
  /** Absolute offset of the tensor data section. */
  tensorDataOffset: number;
  /** Sum of the tensors' byte sizes (without alignment padding): what the weights occupy in memory. */
  tensorDataBytes: number;
}

const MAGIC = Buffer.from('GGUF', 'latin1');
const DEFAULT_MAX_ARRAY_ELEMENTS = 4096;

/**
 * Reads the metadata and tensor infos of a GGUF v2/v3 file without touching the tensor data. Every problem
 * becomes an `AppError` naming the file: `not_found` for a missing file, `bad_file` for anything malformed.
 */
export async function readGgufHeader(file: string, options: GgufReadOptions = {}): Promise<GgufHeader> {
  if (endianness() !== 'LE') throw new AppError('unsupported', 'GGUF reading needs a little-endian machine.');
  const fail: Fail = (problem, offset, extra) => {
    throw new AppError('bad_file', `Cannot read the GGUF file ${file}: ${problem}.`, {
      file,
      offset,
      ...extra,
    });
  };
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    // Errors from fs.open are always ErrnoExceptions; only their code is used.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not_found', `Model file not found: ${file}`, { file });
    throw new AppError('bad_file', `Cannot open the GGUF file ${file} (${code ?? 'unknown error'}).`, {
      file,
    });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) fail('it is not a regular file');
    return await parseHeader(handle, file, stats.size, options, fail);
  } finally {
    await handle.close();
  }
}

async function parseHeader(
  handle: FileHandle,
  file: string,
  fileSize: number,
  options: GgufReadOptions,
  fail: Fail,
): Promise<GgufHeader> {
  const limits: GgufLimits = { ...DEFAULT_GGUF_LIMITS, ...options.limits };
  const maxArrayElements = options.maxArrayElements ?? DEFAULT_MAX_ARRAY_ELEMENTS;
  const keepArrays = new Set(options.keepArrays ?? []);
  const cursor = new FileCursor(handle, fileSize, (what, needed, at) => {
    fail(
      `truncated header: ${what} needs ${needed} bytes at offset ${at}, but the file ends at ${fileSize}`,
      at,
    );
  });
  const need: Need = async (n, what) => {
    const pending = cursor.ensure(n, what);
    if (pending) await pending;
  };
  const readString: ReadString = async (maxBytes, what) => {
    await need(8, `the length of ${what}`);
    const at = cursor.position;
    const length = cursor.u64AsNumber();
    if (length > maxBytes) fail(`${what} claims ${length} bytes (limit ${maxBytes})`, at);
    await need(length, what);
    return cursor.utf8(length);
  };
  const io: HeaderIo = { cursor, need, readString, fail };

  const { version, tensorCount, kvCount } = await readPreamble(io, limits);
  const metadata: GgufMetadata = new Map();
  for (let index = 0; index < kvCount; index++) {
    const keyAt = cursor.position;
    const key = await readString(limits.maxKeyBytes, `the key of metadata entry ${index}`);
    if (metadata.has(key)) fail(`metadata key '${key}' appears twice`, keyAt, { key });
    await need(4, `the value type of '${key}'`);
    const typeAt = cursor.position;
    const type = cursor.u32();
    let value: GgufValue;
    if (type === GgufType.ARRAY) {
      const keepUpTo = keepArrays.has(key) ? Infinity : maxArrayElements;
      value = await readArray(cursor, need, fail, key, limits, keepUpTo);
    } else {
      if (GGUF_TYPE_NAMES[type] === undefined) {
        fail(`metadata key '${key}' has unknown value type ${type}`, typeAt);
      }
      value = await readScalar(cursor, need, readString, type as GgufElementType, key, limits);
    }
    metadata.set(key, value);
  }

  const alignment = readAlignment(metadata, fail);
  const tensors: GgufTensorInfo[] = [];
  const names = new Set<string>();
  for (let index = 0; index < tensorCount; index++) {
    const at = cursor.position;
    const tensor = await readTensorInfo(io, index, alignment, limits.maxKeyBytes);
    if (names.has(tensor.name)) fail(`tensor '${tensor.name}' appears twice`, at);
    names.add(tensor.name);
    tensors.push(tensor);
  }

  const tensorDataOffset = alignUp(cursor.position, alignment);
  const tensorDataBytes = checkTensorData(tensors, tensorDataOffset, fileSize, fail);
  return { file, fileSize, version, alignment, metadata, tensors, tensorDataOffset, tensorDataBytes };
}

/** Magic, version and the two counts, with the counts checked before anything is allocated for them. */
async function readPreamble(
  { cursor, need, fail }: HeaderIo,
  limits: GgufLimits,
): Promise<{ version: number; tensorCount: number; kvCount: number }> {
  if (cursor.fileSize < 4)
    fail(`the file is only ${cursor.fileSize} bytes long, too short to be a GGUF file`);
  await need(4, 'the magic');
  if (!cursor.peekEquals(MAGIC))
    fail('it does not start with the GGUF magic bytes, so it is not a GGUF file', 0);
  cursor.skip(4, 'the magic');
  await need(4, 'the version');
  const version = cursor.u32();
  if (version !== 2 && version !== 3) {
    const byteSwapped =
      (((version & 0xff) << 24) |
        ((version & 0xff00) << 8) |
        ((version >>> 8) & 0xff00) |
        (version >>> 24)) >>>
      0;
    if (byteSwapped === 2 || byteSwapped === 3) fail('big-endian GGUF files are not supported', 4);
    fail(`unsupported GGUF version ${version} (only versions 2 and 3 can be read)`, 4);
  }
  await need(16, 'the tensor and metadata counts');
  const tensorCount = cursor.u64AsNumber();
  const kvCount = cursor.u64AsNumber();
  if (kvCount > limits.maxKvCount) {
    fail(`it declares ${kvCount} metadata entries (limit ${limits.maxKvCount})`, 16);
  }
  if (tensorCount > limits.maxTensorCount) {
    fail(`it declares ${tensorCount} tensors (limit ${limits.maxTensorCount})`, 8);
  }
  // Each entry takes at least 13 bytes and each tensor info 24: cheap proof the counts cannot be real.
  if (kvCount * 13 + tensorCount * 24 > cursor.remaining) {
    fail(
      `it declares ${kvCount} metadata entries and ${tensorCount} tensors, more than its size can hold`,
      8,
    );
  }
  return { version, tensorCount, kvCount };
}

function readAlignment(metadata: GgufMetadata, fail: Fail): number {
  const entry = metadata.get('general.alignment');
  if (!entry) return GGUF_DEFAULT_ALIGNMENT;
  if (entry.type !== GgufType.UINT32) fail('general.alignment must be a UINT32');
  const alignment = entry.value;
  if (alignment === 0 || (alignment & (alignment - 1)) !== 0) {
    fail(`general.alignment ${alignment} is not a power of two`);
  }
  return alignment;
}
