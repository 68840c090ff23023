import { AppError } from '../../domain/errors';
import type { GgufElementType, GgufMetadata, GgufValue } from './types';
import { GGUF_TYPE_NAMES, GgufType } from './types';

const INTEGER_RANGES: Readonly<Record<number, readonly [number, number]>> = {
  [GgufType.UINT8]: [0, 0xff],
  [GgufType.INT8]: [-0x80, 0x7f],
  [GgufType.UINT16]: [0, 0xffff],
  [GgufType.INT16]: [-0x8000, 0x7fff],
  [GgufType.UINT32]: [0, 0xffffffff],
  [GgufType.INT32]: [-0x80000000, 0x7fffffff],
};
const BIGINT_RANGES: Readonly<Record<number, readonly [bigint, bigint]>> = {
  [GgufType.UINT64]: [0n, 0xffffffffffffffffn],
  [GgufType.INT64]: [-0x8000000000000000n, 0x7fffffffffffffffn],
};

function invalid(message: string): never {
  throw new AppError('invalid_input', message);
}

/**
 * A growable little-endian byte sink for the header (metadata and tensor infos are small). Each write
 * reserves first and only then touches the buffer, because reserving may replace it.
 */
export class ByteWriter {
  private bytes = new Uint8Array(4096);
  private view = new DataView(this.bytes.buffer);
  private size = 0;
  get length(): number {
    return this.size;
  }

  private reserve(n: number): number {
    if (this.length + n > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    const at = this.length;
    this.size += n;
    return at;
  }

  u8(v: number): void {
    const at = this.reserve(1);
    this.view.setUint8(at, v);
  }
  i8(v: number): void {
    const at = this.reserve(1);
    this.view.setInt8(at, v);
  }
  u16(v: number): void {
    const at = this.reserve(2);
    this.view.setUint16(at, v, true);
  }
  i16(v: number): void {
    const at = this.reserve(2);
    this.view.setInt16(at, v, true);
  }
  u32(v: number): void {
    const at = this.reserve(4);
    this.view.setUint32(at, v, true);
  }
  i32(v: number): void {
    const at = this.reserve(4);
    this.view.setInt32(at, v, true);
  }
  f32(v: number): void {
    const at = this.reserve(4);
    this.view.setFloat32(at, v, true);
  }
  f64(v: number): void {
    const at = this.reserve(8);
    this.view.setFloat64(at, v, true);
  }
  u64(v: bigint | number): void {
    const at = this.reserve(8);
    if (typeof v === 'bigint') {
      this.view.setBigUint64(at, v, true);
      return;
    }
    // Lengths and counts are plain numbers; splitting them avoids a BigInt per string.
    this.view.setUint32(at, v % 4294967296, true);
    this.view.setUint32(at + 4, Math.floor(v / 4294967296), true);
  }
  i64(v: bigint): void {
    const at = this.reserve(8);
    this.view.setBigInt64(at, v, true);
  }
  raw(bytes: Uint8Array): void {
    const at = this.reserve(bytes.length);
    this.bytes.set(bytes, at);
  }
  string(text: string): void {
    const encoded = Buffer.from(text, 'utf8');
    this.u64(encoded.length);
    this.raw(encoded);
  }
  zeros(n: number): void {
    const at = this.reserve(n);
    this.bytes.fill(0, at, this.length);
  }
  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function writeElement(out: ByteWriter, type: GgufElementType, value: unknown, where: string): void {
  const intRange = INTEGER_RANGES[type];
  if (intRange) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < intRange[0] || value > intRange[1]) {
      invalid(`${where}: ${String(value)} is not a valid ${GGUF_TYPE_NAMES[type]}.`);
    }
  }
  const bigRange = BIGINT_RANGES[type];
  if (bigRange && (typeof value !== 'bigint' || value < bigRange[0] || value > bigRange[1])) {
    invalid(`${where}: ${String(value)} is not a valid ${GGUF_TYPE_NAMES[type]} (use a bigint).`);
  }
  switch (type) {
    case GgufType.UINT8:
      return out.u8(value as number);
    case GgufType.INT8:
      return out.i8(value as number);
    case GgufType.UINT16:
      return out.u16(value as number);
    case GgufType.INT16:
      return out.i16(value as number);
    case GgufType.UINT32:
      return out.u32(value as number);
    case GgufType.INT32:
      return out.i32(value as number);
    case GgufType.UINT64:
      return out.u64(value as bigint);
    case GgufType.INT64:
      return out.i64(value as bigint);
    case GgufType.FLOAT32:
    case GgufType.FLOAT64:
      if (typeof value !== 'number') invalid(`${where}: ${String(value)} is not a number.`);
      return type === GgufType.FLOAT32 ? out.f32(value) : out.f64(value);
    case GgufType.BOOL:
      if (typeof value !== 'boolean') invalid(`${where}: ${String(value)} is not a boolean.`);
      return out.u8(value ? 1 : 0);
    case GgufType.STRING:
      if (typeof value !== 'string') invalid(`${where}: ${String(value)} is not a string.`);
      return out.string(value);
  }
}

/** Writes one key/value pair, checking that the value fits its declared type. */
export function writeKeyValue(out: ByteWriter, key: string, value: GgufValue): void {
  if (key.length === 0) invalid('A GGUF metadata key must not be empty.');
  out.string(key);
  out.u32(value.type);
  if (value.type !== GgufType.ARRAY) {
    // The union ties each type to its value's JS type; the element writer re-checks it at run time anyway.
    writeElement(out, value.type, value.value, `metadata '${key}'`);
    return;
  }
  const { elementType, values } = value;
  // Cast: the declared type may be any number at run time (plain JS callers); reject nested or unknown ones.
  if ((elementType as number) === GgufType.ARRAY || GGUF_TYPE_NAMES[elementType] === undefined) {
    invalid(`metadata '${key}': arrays of type ${elementType} cannot be written.`);
  }
  if (!values || values.length !== value.length) {
    invalid(
      `metadata '${key}': the array length ${value.length} does not match its ${values?.length ?? 0} values.`,
    );
  }
  out.u32(elementType);
  out.u64(values.length);
  for (let i = 0; i < values.length; i++)
    writeElement(out, elementType, values[i], `metadata '${key}'[${i}]`);
}

export function writeMetadata(out: ByteWriter, metadata: GgufMetadata): void {
  for (const [key, value] of metadata) writeKeyValue(out, key, value);
}
