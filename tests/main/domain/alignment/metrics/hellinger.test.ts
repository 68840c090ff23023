import { describe, expect, it } from 'vitest';
import { hellingerDistance } from '../../../../../src-main/domain/alignment/metrics/hellinger';
import { unwrap } from './unwrap';

describe('hellingerDistance', () => {
  it('matches hand-computed values', () => {
    expect(unwrap(hellingerDistance([1, 0], [0, 1]))).toBe(1);
    expect(unwrap(hellingerDistance([0.5, 0.5], [1, 0]))).toBeCloseTo(Math.sqrt(1 - Math.SQRT1_2), 12);
    expect(unwrap(hellingerDistance([0.25, 0.75], [0.75, 0.25]))).toBeCloseTo(0.3660254, 7);
    expect(unwrap(hellingerDistance([2, 2], [1, 1]))).toBe(0);
  });
});
