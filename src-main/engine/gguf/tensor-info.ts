import { GGML_MAX_DIMS, GGML_MAX_NAME, GGML_TYPE_INFO } from './types';
import type { Fail, HeaderIo } from './value-reader';

export interface GgufTensorInfo {
  name: string;
  /** Dimensions in ggml `ne` order: `shape[0]` is the row length. */
  shape: number[];
  type: number;
  typeName: string;
  /** Offset relative to the start of the tensor data section. */
  offset: number;
  elementCount: number;
  byteSize: number;
}

/** One tensor info: name, n_dims, ne[0..n_dims), ggml type, offset; validated as ggml would. */
export async function readTensorInfo(
  { cursor, need, readString, fail }: HeaderIo,
  index: number,
  alignment: number,
  maxNameBytes: number,
): Promise<GgufTensorInfo> {
  const at = cursor.position;
  const name = await readString(maxNameBytes, `the name of tensor ${index}`);
  if (Buffer.byteLength(name) >= GGML_MAX_NAME) {
    fail(`tensor name '${name.slice(0, 80)}' is too long (ggml allows ${GGML_MAX_NAME - 1} bytes)`, at);
  }
  await need(4, `the dimension count of tensor '${name}'`);
  const nDims = cursor.u32();
  if (nDims > GGML_MAX_DIMS) {
    fail(`tensor '${name}' has ${nDims} dimensions (ggml allows ${GGML_MAX_DIMS})`, at);
  }
  await need(nDims * 8 + 12, `the shape, type and offset of tensor '${name}'`);
  const shape: number[] = [];
  let elementCount = 1;
  for (let d = 0; d < nDims; d++) {
    const size = cursor.u64AsNumber();
    elementCount *= size;
    if (!Number.isSafeInteger(elementCount)) fail(`tensor '${name}' has an impossible shape`, at);
    shape.push(size);
  }
  const type = cursor.u32();
  const offset = cursor.u64AsNumber();
  const info = GGML_TYPE_INFO.get(type);
  if (!info) return fail(`tensor '${name}' has unknown ggml type ${type}`, at);
  const rowLength = shape[0] ?? 1;
  if (rowLength % info.blockSize !== 0) {
    fail(
      `tensor '${name}' has rows of ${rowLength} elements, not a multiple of the ${info.name} block size`,
      at,
    );
  }
  if (offset % alignment !== 0) {
    fail(`tensor '${name}' has offset ${offset}, not a multiple of ${alignment}`, at);
  }
  const byteSize = (elementCount / info.blockSize) * info.typeSize;
  return { name, shape, type, typeName: info.name, offset, elementCount, byteSize };
}

/** Checks that every tensor lies inside the file and that none overlap; returns the sum of their sizes. */
export function checkTensorData(
  tensors: GgufTensorInfo[],
  dataOffset: number,
  fileSize: number,
  fail: Fail,
): number {
  let total = 0;
  const byOffset = [...tensors].sort((a, b) => a.offset - b.offset);
  let previousEnd = 0;
  let previousName = '';
  for (const tensor of byOffset) {
    if (tensor.offset < previousEnd) fail(`tensors '${previousName}' and '${tensor.name}' overlap`);
    const end = dataOffset + tensor.offset + tensor.byteSize;
    if (end > fileSize) {
      fail(
        `the file is truncated: tensor '${tensor.name}' ends at byte ${end}, but the file has ${fileSize} bytes`,
      );
    }
    previousEnd = tensor.offset + tensor.byteSize;
    previousName = tensor.name;
    total += tensor.byteSize;
  }
  return total;
}
