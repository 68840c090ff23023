import { describe, expect, it } from 'vitest';

import { encodeF16, f16BitsToF32, f32ToF16Bits } from '../../../../src-main/engine/gguf/f16';

describe('f32ToF16Bits', () => {
  // Golden values from numpy's float16 conversion (IEEE round to nearest even).
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [0.1, 0x2e66],
    [1 / 3, 0x3555],
    [3.14159, 0x4248],
    [65504, 0x7bff],
    [65519, 0x7bff],
    [2 ** -14, 0x0400],
    [-1e-8, 0x8000],
  ])('encodes %d as %i', (value, bits) => {
    expect(f32ToF16Bits(value)).toBe(bits);
  });

  it('rounds ties to even in the normal range', () => {
    expect(f32ToF16Bits(1 + 2 ** -11)).toBe(0x3c00); // halfway between 0x3c00 and 0x3c01: keep the even one
    expect(f32ToF16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // halfway between 0x3c01 and 0x3c02
    expect(f32ToF16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01); // just above halfway
  });

  it('handles subnormal halves, including ties and the carry into the smallest normal', () => {
    expect(f32ToF16Bits(2 ** -24)).toBe(0x0001);
    expect(f32ToF16Bits(2 ** -25)).toBe(0x0000); // tie between 0 and the smallest subnormal
    expect(f32ToF16Bits(2 ** -25 * 1.0000001)).toBe(0x0001);
    expect(f32ToF16Bits(3 * 2 ** -25)).toBe(0x0002); // tie between 1 and 2 ulps
    expect(f32ToF16Bits(1023 * 2 ** -24)).toBe(0x03ff); // largest subnormal
    expect(f32ToF16Bits(1023.5 * 2 ** -24)).toBe(0x0400); // rounds up into the smallest normal
    expect(f32ToF16Bits(-5 * 2 ** -24)).toBe(0x8005);
    expect(f32ToF16Bits(1e-30)).toBe(0x0000);
  });

  it('overflows to infinity and keeps NaN a NaN', () => {
    expect(f32ToF16Bits(65520)).toBe(0x7c00); // rounds past the largest finite half
    expect(f32ToF16Bits(1e6)).toBe(0x7c00);
    expect(f32ToF16Bits(-1e6)).toBe(0xfc00);
    expect(f32ToF16Bits(Infinity)).toBe(0x7c00);
    expect(f32ToF16Bits(-Infinity)).toBe(0xfc00);
    const nan = f32ToF16Bits(NaN);
    expect(nan & 0x7c00).toBe(0x7c00);
    expect(nan & 0x03ff).not.toBe(0);
  });

  it('round-trips every finite half exactly', () => {
    const mismatches: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      const exponent = (bits >>> 10) & 0x1f;
      if (exponent === 0x1f && (bits & 0x3ff) !== 0) continue; // NaN payloads are not preserved bit for bit
      if (f32ToF16Bits(f16BitsToF32(bits)) !== bits) mismatches.push(bits);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('encodeF16', () => {
  it('writes little-endian halves at the given offset', () => {
    const target = new Uint8Array(6);
    encodeF16([1, -2], target, 2);
    expect([...target]).toEqual([0, 0, 0x00, 0x3c, 0x00, 0xc0]);
  });
});
