import { describe, expect, it } from 'vitest';
import {
  expectedValue,
  expectedValueDistance,
} from '../../../../../src-main/domain/alignment/metrics/expected-value';
import { unwrap } from './unwrap';

describe('expected value', () => {
  it('uses option positions unless a scale is given', () => {
    expect(unwrap(expectedValue([0.5, 0.5, 0, 0]))).toBe(0.5);
    expect(unwrap(expectedValue([0, 0, 50, 50], [1, 2, 3, 4]))).toBe(3.5);
  });

  it('normalises the distance by the scale range', () => {
    expect(unwrap(expectedValueDistance([1, 0, 0, 0], [0, 0, 0, 1]))).toBe(1);
    expect(unwrap(expectedValueDistance([0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]))).toBeCloseTo(2 / 3, 12);
    expect(unwrap(expectedValueDistance([1, 0], [0, 1], [1, 10]))).toBe(1);
    expect(expectedValueDistance([1, 0], [0, 1], [5, 5])).toMatchObject({
      ok: false,
      reason: 'degenerate-scale',
    });
  });
});
