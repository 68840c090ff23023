import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import { AppError } from '../../domain/errors';
import { writeFileAtomic } from '../../platform/atomic-write';
import { ByteWriter, writeMetadata } from './header-encoder';
import { encodeTensorData, tensorByteSize } from './quantize';
import type { GgufMetadata } from './types';
import {
  alignUp,
  GGML_MAX_DIMS,
  GGML_MAX_NAME,
  GGML_TYPE_INFO,
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GgufType,
} from './types';

/** Bumped whenever the bytes the writer produces for the same input change (test-model caches key on it). */
export const GGUF_WRITER_VERSION = 1;

export interface GgufTensorSpec {
  name: string;
  /** ggml `ne` order: `shape[0]` is the row length (fastest varying). */
  shape: readonly number[];
  type: number;
}

export interface PlannedTensor extends GgufTensorSpec {
  /** Offset relative to the data section. */
  offset: number;
  elementCount: number;
  byteSize: number;
}

export interface GgufLayout {
  /** Everything before the tensor data: header, metadata, tensor infos and zero padding. */
  header: Uint8Array;
  alignment: number;
  dataOffset: number;
  tensors: PlannedTensor[];
  totalBytes: number;
}

function invalid(message: string): never {
  throw new AppError('invalid_input', message);
}

function alignmentOf(metadata: GgufMetadata): number {
  const entry = metadata.get('general.alignment');
  if (!entry) return GGUF_DEFAULT_ALIGNMENT;
  if (entry.type !== GgufType.UINT32 || entry.value === 0 || (entry.value & (entry.value - 1)) !== 0) {
    invalid('general.alignment must be a UINT32 power of two.');
  }
  return entry.value;
}

function planTensor(spec: GgufTensorSpec, offset: number): PlannedTensor {
  const { name, shape, type } = spec;
  if (Buffer.byteLength(name) >= GGML_MAX_NAME)
    invalid(`Tensor name '${name}' must be under ${GGML_MAX_NAME} bytes.`);
  if (shape.length === 0 || shape.length > GGML_MAX_DIMS) {
    invalid(`Tensor '${name}' must have 1 to ${GGML_MAX_DIMS} dimensions.`);
  }
  if (!shape.every((n) => Number.isSafeInteger(n) && n > 0))
    invalid(`Tensor '${name}' has an invalid shape.`);
  const info = GGML_TYPE_INFO.get(type);
  if (!info) invalid(`Tensor '${name}' has unknown ggml type ${type}.`);
  if ((shape[0] ?? 0) % info.blockSize !== 0) {
    invalid(`Tensor '${name}': ${info.name} needs rows that are a multiple of ${info.blockSize}.`);
  }
  const elementCount = shape.reduce((a, b) => a * b, 1);
  return { name, shape, type, offset, elementCount, byteSize: tensorByteSize(type, elementCount) };
}

/**
 * Computes the whole file layout up front: encoded header, every tensor's offset (each padded to the
 * alignment) and the total size. Both writers use it, so the streaming writer never needs to seek back.
 */
export function planGgufLayout(metadata: GgufMetadata, tensors: readonly GgufTensorSpec[]): GgufLayout {
  const alignment = alignmentOf(metadata);
  const planned: PlannedTensor[] = [];
  const names = new Set<string>();
  let offset = 0;
  for (const spec of tensors) {
    if (names.has(spec.name)) invalid(`Tensor '${spec.name}' is listed twice.`);
    names.add(spec.name);
    const tensor = planTensor(spec, offset);
    planned.push(tensor);
    offset = alignUp(offset + tensor.byteSize, alignment);
  }
  const out = new ByteWriter();
  out.raw(Buffer.from(GGUF_MAGIC, 'latin1'));
  out.u32(3);
  out.u64(planned.length);
  out.u64(metadata.size);
  writeMetadata(out, metadata);
  for (const tensor of planned) {
    out.string(tensor.name);
    out.u32(tensor.shape.length);
    for (const n of tensor.shape) out.u64(n);
    out.u32(tensor.type);
    out.u64(tensor.offset);
  }
  const dataOffset = alignUp(out.length, alignment);
  out.zeros(dataOffset - out.length);
  return { header: out.toBytes(), alignment, dataOffset, tensors: planned, totalBytes: dataOffset + offset };
}

/** A tensor for the in-memory writer: float values to encode, or bytes already in the tensor's type. */
export type GgufTensorInput = GgufTensorSpec & ({ values: ArrayLike<number> } | { bytes: Uint8Array });

function tensorBytes(tensor: GgufTensorInput, planned: PlannedTensor): Uint8Array {
  const bytes = 'bytes' in tensor ? tensor.bytes : encodeTensorData(tensor.type, tensor.values);
  if ('values' in tensor && tensor.values.length !== planned.elementCount) {
    invalid(
      `Tensor '${tensor.name}' has ${tensor.values.length} values for ${planned.elementCount} elements.`,
    );
  }
  if (bytes.length !== planned.byteSize) {
    invalid(
      `Tensor '${tensor.name}' has ${bytes.length} bytes; its shape and type need ${planned.byteSize}.`,
    );
  }
  return bytes;
}

/** Encodes a whole GGUF v3 file in memory (for small test models). */
export function encodeGguf(metadata: GgufMetadata, tensors: readonly GgufTensorInput[]): Uint8Array {
  const layout = planGgufLayout(metadata, tensors);
  const file = new Uint8Array(layout.totalBytes);
  file.set(layout.header, 0);
  tensors.forEach((tensor, index) => {
    const planned = layout.tensors[index];
    if (!planned) return;
    file.set(tensorBytes(tensor, planned), layout.dataOffset + planned.offset);
  });
  return file;
}

/** Writes a small GGUF file atomically (readers never see a half-written file). */
export async function writeGguf(
  path: string,
  metadata: GgufMetadata,
  tensors: readonly GgufTensorInput[],
): Promise<void> {
  await writeFileAtomic(path, encodeGguf(metadata, tensors));
}

/** A tensor for the streaming writer: its bytes are produced only when it is its turn to be written. */
export interface GgufStreamedTensor extends GgufTensorSpec {
  produce: () => Uint8Array | Iterable<Uint8Array>;
}

export interface StreamingWriteOptions {
  onProgress?: (bytesWritten: number, totalBytes: number) => void;
}

/**
 * Writes a GGUF v3 file one tensor at a time: the layout is planned first, then each tensor is produced,
 * written and dropped, so memory stays at about one tensor however large the file. Writes to a temporary
 * file and renames it into place at the end.
 */
export async function writeGgufStreaming(
  path: string,
  metadata: GgufMetadata,
  tensors: readonly GgufStreamedTensor[],
  options: StreamingWriteOptions = {},
): Promise<GgufLayout> {
  const layout = planGgufLayout(metadata, tensors);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'w');
  const padding = new Uint8Array(layout.alignment);
  let written = 0;
  const write = async (bytes: Uint8Array): Promise<void> => {
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
    written += bytes.length;
  };
  try {
    await write(layout.header);
    for (const [index, tensor] of tensors.entries()) {
      const planned = layout.tensors[index];
      if (!planned) continue;
      const produced = tensor.produce();
      let size = 0;
      for (const chunk of produced instanceof Uint8Array ? [produced] : produced) {
        size += chunk.length;
        if (size > planned.byteSize)
          invalid(`Tensor '${tensor.name}' produced more than ${planned.byteSize} bytes.`);
        await write(chunk);
      }
      if (size !== planned.byteSize)
        invalid(`Tensor '${tensor.name}' produced ${size} of ${planned.byteSize} bytes.`);
      const pad = alignUp(written, layout.alignment) - written;
      if (pad > 0) await write(padding.subarray(0, pad));
      options.onProgress?.(written, layout.totalBytes);
    }
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  await rename(temp, path);
  return layout;
}
