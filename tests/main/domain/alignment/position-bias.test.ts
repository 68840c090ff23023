import { describe, expect, it } from 'vitest';
import { positionBias } from '../../../../src-main/domain/alignment/position-bias';

describe('positionBias', () => {
  it('averages the probability per letter position over items that have it', () => {
    const summary = positionBias([
      [0.6, 0.4],
      [0.5, 0.3, 0.2],
      [0.7, 0.1, 0.1, 0.1],
    ]);
    expect(summary.map((e) => e.letter)).toEqual(['A', 'B', 'C', 'D']);
    expect(summary[0]!.meanProbability).toBeCloseTo(0.6, 12);
    expect(summary[0]!.uniformExpectation).toBeCloseTo((1 / 2 + 1 / 3 + 1 / 4) / 3, 12);
    expect(summary[2]).toMatchObject({ nItems: 2 });
    expect(summary[2]!.meanProbability).toBeCloseTo(0.15, 12);
    expect(summary[3]).toMatchObject({ nItems: 1, meanProbability: 0.1, uniformExpectation: 0.25 });
  });

  it('is empty without items', () => {
    expect(positionBias([])).toEqual([]);
  });
});
