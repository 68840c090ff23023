import { describe, expect, it } from 'vitest';

import { f16BitsToF32 } from '../../../../src-main/engine/gguf/f16';
import {
  encodeTensorData,
  quantizeQ4_0,
  quantizeQ8_0,
  tensorByteSize,
} from '../../../../src-main/engine/gguf/quantize';
import { GgmlType } from '../../../../src-main/engine/gguf/types';

/**
 * Four blocks: a ramp, a sine, all zeros, and [-0.5, 0.5, 1, -1, 0…] (ties for roundf and for the
 * largest-|x| rule). Golden bytes come from an independent numpy float32 port of ggml's reference code.
 */
const INPUT = [
  ...Array.from({ length: 32 }, (_, j) => (j - 16) / 4),
  ...Array.from({ length: 32 }, (_, j) => Math.sin(j * 0.7) * 3),
  ...Array.from({ length: 32 }, () => 0),
  -0.5,
  0.5,
  1,
  -1,
  ...Array.from({ length: 28 }, () => 0),
];

const Q8_0_GOLDEN =
  '082881899199a1a9b1b9c0c8d0d8e0e8f0f8000810182028303840474f575f676f77' +
  '012600527e6e2bd39182af02547e6d29d18f83b104567f6c27cf8e83b306577f6b25' +
  '0000000000000000000000000000000000000000000000000000000000000000' +
  '0000' +
  '0820c0407f81' +
  '00000000000000000000000000000000000000000000000000000000';

const Q4_0_GOLDEN =
  '0038809191a2a2b3b3c4c4d5d5e6e6f7f7f8' +
  'f5b5f8d38031051b6fbffdf8d38031051b6f' +
  '008088888888888888888888888888888888' +
  '00b08c84808f888888888888888888888888';

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('Q8_0', () => {
  it('matches ggml reference bytes (d = max|x|/127, q = roundf(x/d), halves away from zero)', () => {
    const bytes = new Uint8Array(4 * 34);
    quantizeQ8_0(INPUT, bytes);
    expect(hex(bytes)).toBe(Q8_0_GOLDEN);
  });

  it('dequantises to within half a step', () => {
    const bytes = encodeTensorData(GgmlType.Q8_0, INPUT);
    const view = new DataView(bytes.buffer);
    for (let block = 0; block < 4; block++) {
      const d = f16BitsToF32(view.getUint16(block * 34, true));
      for (let j = 0; j < 32; j++) {
        const x = INPUT[block * 32 + j]!;
        expect(Math.abs(view.getInt8(block * 34 + 2 + j) * d - x)).toBeLessThanOrEqual(d / 2 + 1e-3);
      }
    }
  });
});

describe('Q4_0', () => {
  it('matches ggml reference bytes (d = m/−8, low nibble j, high nibble j+16)', () => {
    const bytes = new Uint8Array(4 * 18);
    quantizeQ4_0(INPUT, bytes);
    expect(hex(bytes)).toBe(Q4_0_GOLDEN);
  });

  it('packs element j in the low nibble and j + 16 in the high nibble', () => {
    const values = Array.from({ length: 32 }, () => 0);
    values[0] = -8; // the largest |x|: d = 1, nibble 0
    values[16] = 7; // nibble 15
    values[1] = 3; // nibble 11
    const bytes = encodeTensorData(GgmlType.Q4_0, values);
    expect(f16BitsToF32(bytes[0]! | (bytes[1]! << 8))).toBe(1);
    expect(bytes[2]).toBe(0x00 | (0x0f << 4));
    expect(bytes[3]).toBe(0x0b | (0x08 << 4));
  });
});

describe('encodeTensorData', () => {
  it('encodes F32 little-endian and F16 as halves', () => {
    expect(hex(encodeTensorData(GgmlType.F32, [1, -2]))).toBe('0000803f000000c0');
    expect(hex(encodeTensorData(GgmlType.F16, [1, -2]))).toBe('003c00c0');
  });

  it('sizes tensors by block', () => {
    expect(tensorByteSize(GgmlType.Q4_0, 64)).toBe(36);
    expect(tensorByteSize(GgmlType.Q8_0, 64)).toBe(68);
    expect(tensorByteSize(GgmlType.Q4_K, 512)).toBe(288);
  });

  it('rejects partial blocks and types it cannot encode', () => {
    expect(() => encodeTensorData(GgmlType.Q8_0, [1, 2, 3])).toThrow(/multiple of 32/);
    expect(() => encodeTensorData(GgmlType.Q4_K, new Float32Array(256))).toThrow(/cannot encode Q4_K/);
  });
});
