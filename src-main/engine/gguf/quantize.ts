import { AppError } from '../../domain/errors';
import { encodeF16, f32ToF16Bits } from './f16';
import { GGML_TYPE_INFO, GgmlType, ggmlTypeName } from './types';

export const QK = 32;
const Q8_0_BLOCK_BYTES = 34;
const Q4_0_BLOCK_BYTES = 18;
const fround = Math.fround;

/** C `roundf`: halves go away from zero (JavaScript's Math.round sends −2.5 to −2). */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function checkBlocks(values: ArrayLike<number>, type: string): number {
  if (values.length % QK !== 0) {
    throw new AppError('invalid_input', `${type} needs a multiple of ${QK} values, got ${values.length}.`);
  }
  return values.length / QK;
}

/**
 * Q8_0 as ggml's reference `quantize_row_q8_0_ref`: per block of 32, `d = max|x| / 127` and
 * `q = roundf(x / d)`, with float32 arithmetic at each step so the bytes match ggml.
 */
export function quantizeQ8_0(values: ArrayLike<number>, target: Uint8Array, targetOffset = 0): void {
  const blocks = checkBlocks(values, 'Q8_0');
  const view = new DataView(target.buffer, target.byteOffset + targetOffset, blocks * Q8_0_BLOCK_BYTES);
  for (let b = 0; b < blocks; b++) {
    const start = b * QK;
    let amax = 0;
    for (let j = 0; j < QK; j++) amax = Math.max(amax, Math.abs(fround(values[start + j] ?? 0)));
    const d = fround(amax / 127);
    const id = d !== 0 ? fround(1 / d) : 0;
    const at = b * Q8_0_BLOCK_BYTES;
    view.setUint16(at, f32ToF16Bits(d), true);
    for (let j = 0; j < QK; j++)
      view.setInt8(at + 2 + j, roundHalfAway(fround(fround(values[start + j] ?? 0) * id)));
  }
}

/**
 * Q4_0 as ggml's reference `quantize_row_q4_0_ref`: `m` is the element with the largest |x| (the first
 * one on ties, keeping its sign), `d = m / −8`, `nibble = min(15, trunc(x/d + 8.5))`. Byte j holds element
 * j in its low nibble and element j + 16 in its high nibble.
 */
export function quantizeQ4_0(values: ArrayLike<number>, target: Uint8Array, targetOffset = 0): void {
  const blocks = checkBlocks(values, 'Q4_0');
  const view = new DataView(target.buffer, target.byteOffset + targetOffset, blocks * Q4_0_BLOCK_BYTES);
  const half = QK / 2;
  const nibble = (x: number, id: number): number => Math.min(15, Math.trunc(fround(fround(x * id) + 8.5)));
  for (let b = 0; b < blocks; b++) {
    const start = b * QK;
    let amax = 0;
    let max = 0;
    for (let j = 0; j < QK; j++) {
      const v = fround(values[start + j] ?? 0);
      if (amax < Math.abs(v)) {
        amax = Math.abs(v);
        max = v;
      }
    }
    const d = fround(max / -8);
    const id = d !== 0 ? fround(1 / d) : 0;
    const at = b * Q4_0_BLOCK_BYTES;
    view.setUint16(at, f32ToF16Bits(d), true);
    for (let j = 0; j < half; j++) {
      const low = nibble(fround(values[start + j] ?? 0), id);
      const high = nibble(fround(values[start + half + j] ?? 0), id);
      view.setUint8(at + 2 + j, low | (high << 4));
    }
  }
}

/** Bytes a tensor of `elementCount` elements takes in `type`. */
export function tensorByteSize(type: number, elementCount: number): number {
  const info = GGML_TYPE_INFO.get(type);
  if (!info) throw new AppError('invalid_input', `Unknown ggml type ${type}.`);
  if (elementCount % info.blockSize !== 0) {
    throw new AppError('invalid_input', `${info.name} needs a multiple of ${info.blockSize} elements.`);
  }
  return (elementCount / info.blockSize) * info.typeSize;
}

/** The types the writer can encode from float values. */
export const ENCODABLE_TYPES: ReadonlySet<number> = new Set([
  GgmlType.F32,
  GgmlType.F16,
  GgmlType.Q8_0,
  GgmlType.Q4_0,
]);

/** Encodes float values into `type`'s on-disk bytes. */
export function encodeTensorData(type: number, values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(tensorByteSize(type, values.length));
  switch (type) {
    case GgmlType.F32: {
      const view = new DataView(bytes.buffer);
      for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] ?? 0, true);
      break;
    }
    case GgmlType.F16:
      encodeF16(values, bytes);
      break;
    case GgmlType.Q8_0:
      quantizeQ8_0(values, bytes);
      break;
    case GgmlType.Q4_0:
      quantizeQ4_0(values, bytes);
      break;
    default:
      throw new AppError('unsupported', `The GGUF writer cannot encode ${ggmlTypeName(type)} tensors.`);
  }
  return bytes;
}
