import { describe, expect, it } from 'vitest';

import { weightedShares, WeightedAnswerTally } from '../../../../src-main/domain/data/weighted-answer-tally';

describe('WeightedAnswerTally', () => {
  it('sums weights and counts per country, subgroup, question and code', () => {
    const tally = new WeightedAnswerTally(2);
    tally.add('MX', '', 0, 1, 0.5);
    tally.add('MX', '', 0, 1, 1.5);
    tally.add('MX', '', 0, 2, 2);
    tally.add('MX', 'sex:male', 1, 3, 1);
    const cells = [...tally.entries()];
    expect(cells.map((cell) => [cell.country, cell.subgroup, cell.question])).toEqual([
      ['MX', '', 0],
      ['MX', 'sex:male', 1],
    ]);
    expect([...cells[0]!.codes]).toEqual([
      [1, { weight: 2, n: 2 }],
      [2, { weight: 2, n: 1 }],
    ]);
    expect(() => tally.add('MX', '', 2, 1, 1)).toThrow(RangeError);
  });
});

describe('weightedShares', () => {
  it('gives shares in option order over the listed codes only', () => {
    const codes = new Map([
      [2, { weight: 3, n: 2 }],
      [1, { weight: 1, n: 1 }],
      [9, { weight: 100, n: 5 }],
    ]);
    expect(weightedShares(codes, [1, 2, 3])).toEqual({ values: [0.25, 0.75, 0], n: 3, weightSum: 4 });
  });

  it('is null when no weight is left', () => {
    expect(weightedShares(new Map([[1, { weight: 0, n: 4 }]]), [1, 2])).toBeNull();
    expect(weightedShares(new Map(), [1])).toBeNull();
  });
});
