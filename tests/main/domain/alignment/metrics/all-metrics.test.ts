import { describe, expect, it } from 'vitest';
import { computeAlignmentMetrics } from '../../../../../src-main/domain/alignment/metrics/all-metrics';

describe('computeAlignmentMetrics', () => {
  it('computes every metric at once, with and without the mask', () => {
    const full = computeAlignmentMetrics([0.5, 0.5, 0], [1, 0, 0]);
    expect(Object.keys(full).sort()).toEqual(
      [
        'expectedValueDistance',
        'hellinger',
        'jsDistance',
        'jsSimilarity',
        'majorityAgreement',
        'wasserstein',
      ].sort(),
    );
    expect(full.jsDistance.ok && full.jsDistance.value).toBeCloseTo(0.464501, 6);
    expect(full.wasserstein.ok && full.wasserstein.value).toBeCloseTo(0.25, 12);
    const masked = computeAlignmentMetrics([0.5, 0.5, 0], [1, 0, 0], { substantive: [true, false, true] });
    expect(masked.jsSimilarity).toEqual({ ok: true, value: 1 });
  });
});
