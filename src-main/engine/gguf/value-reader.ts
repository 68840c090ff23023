import type { FileCursor } from './file-cursor';
import type { GgufLimits } from './reader';
import type { GgufArray, GgufElementType, GgufValue } from './types';
import { GGUF_FIXED_SIZE, GGUF_TYPE_NAMES, GgufType } from './types';

/** Raises the reader's `bad_file` error for `problem`; never returns. */
export type Fail = (problem: string, offset?: number, extra?: Record<string, unknown>) => never;
/** Makes `n` bytes readable at the cursor, or fails naming `what` as truncated. */
export type Need = (n: number, what: string) => Promise<void>;
export type ReadString = (maxBytes: number, what: string) => Promise<string>;

/** What the header readers share: the cursor and its checked helpers. */
export interface HeaderIo {
  cursor: FileCursor;
  need: Need;
  readString: ReadString;
  fail: Fail;
}

const ARRAY_COPY_CHUNK = 1024 * 1024;

/** Reads one non-array value of `type`. */
export async function readScalar(
  cursor: FileCursor,
  need: Need,
  readString: ReadString,
  type: GgufElementType,
  key: string,
  limits: GgufLimits,
): Promise<GgufValue> {
  if (type === GgufType.STRING) {
    return { type, value: await readString(limits.maxStringBytes, `the value of '${key}'`) };
  }
  await need(GGUF_FIXED_SIZE[type] ?? 0, `the value of '${key}'`);
  switch (type) {
    case GgufType.UINT8:
      return { type, value: cursor.u8() };
    case GgufType.INT8:
      return { type, value: cursor.i8() };
    case GgufType.UINT16:
      return { type, value: cursor.u16() };
    case GgufType.INT16:
      return { type, value: cursor.i16() };
    case GgufType.UINT32:
      return { type, value: cursor.u32() };
    case GgufType.INT32:
      return { type, value: cursor.i32() };
    case GgufType.FLOAT32:
      return { type, value: cursor.f32() };
    case GgufType.FLOAT64:
      return { type, value: cursor.f64() };
    case GgufType.BOOL:
      return { type, value: cursor.u8() !== 0 };
    case GgufType.UINT64:
      return { type, value: cursor.u64() };
    case GgufType.INT64:
      return { type, value: cursor.i64() };
  }
}

type TypedArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array
  | BigUint64Array
  | BigInt64Array;

function typedArrayFor(type: GgufElementType, length: number): TypedArray {
  switch (type) {
    case GgufType.UINT8:
      return new Uint8Array(length);
    case GgufType.INT8:
      return new Int8Array(length);
    case GgufType.UINT16:
      return new Uint16Array(length);
    case GgufType.INT16:
      return new Int16Array(length);
    case GgufType.UINT32:
      return new Uint32Array(length);
    case GgufType.INT32:
      return new Int32Array(length);
    case GgufType.FLOAT32:
      return new Float32Array(length);
    case GgufType.FLOAT64:
      return new Float64Array(length);
    case GgufType.UINT64:
      return new BigUint64Array(length);
    default:
      return new BigInt64Array(length);
  }
}

/**
 * Reads an array value. Fixed-size elements are copied in bounded chunks straight into a typed array, or
 * skipped with one seek; strings are walked one by one (their lengths decide where the next one starts).
 */
export async function readArray(
  cursor: FileCursor,
  need: Need,
  fail: Fail,
  key: string,
  limits: GgufLimits,
  keepUpTo: number,
): Promise<GgufArray> {
  await need(12, `the array header of '${key}'`);
  const at = cursor.position;
  const elementType = cursor.u32();
  const length = cursor.u64AsNumber();
  if (elementType === GgufType.ARRAY)
    fail(`metadata key '${key}' holds nested arrays, which are not supported`, at);
  if (GGUF_TYPE_NAMES[elementType] === undefined) {
    fail(`metadata key '${key}' is an array of unknown value type ${elementType}`, at);
  }
  if (length > limits.maxArrayLength) {
    fail(`metadata key '${key}' claims ${length} array elements (limit ${limits.maxArrayLength})`, at);
  }
  const type = elementType as GgufElementType;
  const elementSize = GGUF_FIXED_SIZE[type] ?? 8; // a string takes at least its 8-byte length
  if (length * elementSize > cursor.remaining) {
    fail(`metadata key '${key}' claims ${length} array elements, more than the file can hold`, at);
  }
  const keep = length <= keepUpTo;
  const what = `the array '${key}'`;
  if (type === GgufType.STRING) {
    const values: string[] | undefined = keep ? new Array<string>(length) : undefined;
    for (let i = 0; i < length; i++) {
      if (cursor.buffered < 8) await need(8, what);
      const stringAt = cursor.position;
      const bytes = cursor.u64AsNumber();
      if (bytes > limits.maxStringBytes) fail(`element ${i} of '${key}' claims ${bytes} bytes`, stringAt);
      if (values) {
        if (cursor.buffered < bytes) await need(bytes, what);
        values[i] = cursor.utf8(bytes);
      } else cursor.skip(bytes, what);
    }
    return { type: GgufType.ARRAY, elementType: type, length, ...(values ? { values } : {}) };
  }
  const totalBytes = length * elementSize;
  if (!keep) {
    cursor.skip(totalBytes, what);
    return { type: GgufType.ARRAY, elementType: type, length };
  }
  const target = type === GgufType.BOOL ? new Uint8Array(length) : typedArrayFor(type, length);
  const targetBytes = new Uint8Array(target.buffer, target.byteOffset, totalBytes);
  for (let done = 0; done < totalBytes;) {
    const step = Math.min(ARRAY_COPY_CHUNK, totalBytes - done);
    await need(step, what);
    cursor.copyTo(targetBytes, done, step);
    done += step;
  }
  const values = type === GgufType.BOOL ? Array.from(target as Uint8Array, (byte) => byte !== 0) : target;
  return { type: GgufType.ARRAY, elementType: type, length, values };
}
