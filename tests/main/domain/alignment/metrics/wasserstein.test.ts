import { describe, expect, it } from 'vitest';
import { wassersteinOrdinal } from '../../../../../src-main/domain/alignment/metrics/wasserstein';
import { unwrap } from './unwrap';

describe('wassersteinOrdinal (normalised by k − 1)', () => {
  it('matches hand-computed values', () => {
    expect(unwrap(wassersteinOrdinal([1, 0, 0], [0, 0, 1]))).toBe(1);
    expect(unwrap(wassersteinOrdinal([0.5, 0.5, 0], [0, 0.5, 0.5]))).toBeCloseTo(0.5, 12);
    // CDFs [0.2, 0.5] vs [0.5, 0.8]: (0.3 + 0.3) / 2.
    expect(unwrap(wassersteinOrdinal([0.2, 0.3, 0.5], [0.5, 0.3, 0.2]))).toBeCloseTo(0.3, 12);
    expect(unwrap(wassersteinOrdinal([1, 0, 0, 0], [0, 1, 0, 0]))).toBeCloseTo(1 / 3, 12);
    expect(unwrap(wassersteinOrdinal([30, 70], [30, 70]))).toBe(0);
  });

  it('uses scale spacing when given', () => {
    // One step from 1 to 2 on a scale spanning 1…4.
    expect(unwrap(wassersteinOrdinal([1, 0, 0], [0, 1, 0], [1, 2, 4]))).toBeCloseTo(1 / 3, 12);
    expect(wassersteinOrdinal([1, 0], [0, 1], [2, 1])).toMatchObject({
      ok: false,
      reason: 'degenerate-scale',
    });
  });

  it('flags zero mass and single-option scales', () => {
    expect(wassersteinOrdinal([0, 0], [1, 0])).toMatchObject({ ok: false, reason: 'zero-mass' });
    expect(wassersteinOrdinal([1], [1])).toMatchObject({ ok: false, reason: 'too-few-options' });
  });
});
