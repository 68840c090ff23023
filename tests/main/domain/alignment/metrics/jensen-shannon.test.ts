import { describe, expect, it } from 'vitest';
import {
  jensenShannonDistance,
  jensenShannonDivergence,
  jensenShannonSimilarity,
} from '../../../../../src-main/domain/alignment/metrics/jensen-shannon';
import { unwrap } from './unwrap';

// METHODS §2.5: checked against scipy.spatial.distance.jensenshannon (default base, natural log).
const GOLDEN: [number[], number[], number][] = [
  [[1, 0], [0, 1], 0.832555],
  [[0.5, 0.5], [1, 0], 0.464501],
  [[8.9, 31.2, 47.2, 12.7, 0, 0, 0], [15.9, 8.38, 22.42, 41.25, 6.53, 4.02, 1.5], 0.379592],
  [[71.7, 26.2, 2.1, 0.1, 0, 0], [65.11, 10.14, 13.44, 10.14, 0.75, 0.43], 0.281009],
];

describe('Jensen–Shannon', () => {
  it.each(GOLDEN)('matches SciPy for %j vs %j', (h, m, jsd) => {
    expect(Math.abs(unwrap(jensenShannonDistance(h, m)) - jsd)).toBeLessThan(1e-6);
    expect(Math.abs(unwrap(jensenShannonSimilarity(h, m)) - (1 - jsd))).toBeLessThan(1e-6);
  });

  it("reproduces the authors' notebook similarities", () => {
    expect(unwrap(jensenShannonSimilarity(GOLDEN[2]![0], GOLDEN[2]![1]))).toBeCloseTo(0.620408, 6);
    expect(unwrap(jensenShannonSimilarity(GOLDEN[3]![0], GOLDEN[3]![1]))).toBeCloseTo(0.718991, 6);
  });

  it('uses the natural log, not base 2 (base 2 would give 0.557923)', () => {
    const distance = unwrap(jensenShannonDistance([0.5, 0.5], [1, 0]));
    expect(Math.abs(distance - 0.557923)).toBeGreaterThan(0.09);
    expect(unwrap(jensenShannonDivergence([1, 0], [0, 1]))).toBeCloseTo(Math.LN2, 12);
  });

  it('gives exactly 0 and 1 for identical distributions, whatever the scale', () => {
    expect(unwrap(jensenShannonDistance([0.2, 0.3, 0.5], [20, 30, 50]))).toBe(0);
    expect(unwrap(jensenShannonSimilarity([1, 1, 1], [1, 1, 1]))).toBe(1);
  });

  it('flags zero mass on either side, never NaN', () => {
    expect(jensenShannonSimilarity([0, 0], [0.5, 0.5])).toMatchObject({ ok: false, reason: 'zero-mass' });
    const model = jensenShannonSimilarity([0.5, 0.5], [0, 0]);
    expect(model).toMatchObject({ ok: false, reason: 'zero-mass' });
    expect(!model.ok && model.message).toMatch(/^Model/);
    expect(jensenShannonSimilarity([1, 0], [1, 0, 0])).toMatchObject({
      ok: false,
      reason: 'length-mismatch',
    });
  });
});
