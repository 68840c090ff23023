import { describe, expect, it } from 'vitest';

import { wilsonInterval } from '../../../../src-main/domain/safety/wilson-interval';

describe('wilsonInterval', () => {
  it.each([
    // k, n, lower, upper (95 %, computed from the closed form; 8/10 matches statsmodels' proportion_confint)
    [8, 10, 0.4901624715, 0.9433178485],
    [0, 10, 0, 0.2775327999],
    [10, 10, 0.7224672001, 1],
    [1, 2, 0.0945312057, 0.9054687943],
    [2, 3, 0.2076596008, 0.9385080553],
  ])('%i of %i', (k, n, lower, upper) => {
    const interval = wilsonInterval(k, n)!;
    expect(interval.lower).toBeCloseTo(lower, 9);
    expect(interval.upper).toBeCloseTo(upper, 9);
  });

  it('is null without observations and narrower with a smaller z', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const wide = wilsonInterval(3, 4)!;
    const narrow = wilsonInterval(3, 4, 1)!;
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(/0 ≤ k ≤ n/);
    expect(() => wilsonInterval(1.5, 4)).toThrow(/whole numbers/);
    expect(() => wilsonInterval(1, 4, 0)).toThrow(/z > 0/);
  });
});
