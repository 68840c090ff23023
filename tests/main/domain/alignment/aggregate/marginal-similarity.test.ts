import { describe, expect, it } from 'vitest';
import { type DistributionRow } from '../../../../../src-main/domain/alignment/aggregate/distribution-rows';
import { marginalSimilarities } from '../../../../../src-main/domain/alignment/aggregate/marginal-similarity';

describe('marginalSimilarities', () => {
  const rows: DistributionRow[] = [
    { questionId: 'q1', predicted: [1, 0], human: [50, 50], coverage: 0.9 },
    { questionId: 'q1', predicted: [0, 1], human: [0.5, 0.5], coverage: 0.9 },
    { questionId: 'q1', predicted: [0.3, 0.7], human: [50, 50], coverage: 0 },
    { questionId: 'q2', predicted: [1, 0], human: [1, 0], coverage: 0.5 },
    { questionId: 'q2', predicted: [1, 0, 0], human: [1, 0, 0], coverage: 0.5 },
    { questionId: 'q3', predicted: [0, 0], human: [1, 0], coverage: 0.5 },
  ];

  it('averages the distributions of a group before taking 1 − JSD', () => {
    const [q1, q2, q3] = marginalSimilarities(rows, ['questionId']);
    // Row by row the similarity is 0.535499 each; the population-level averages are identical.
    expect(q1).toMatchObject({ similarity: { ok: true, value: 1 }, n: 2, nExcluded: 1 });
    expect(q1!.averagePredicted).toEqual([0.5, 0.5]);
    expect(q2!.similarity).toMatchObject({ ok: false, reason: 'length-mismatch' });
    expect(q3).toMatchObject({ similarity: { ok: false, reason: 'empty' }, n: 0, nExcluded: 1 });
  });

  it('can drop non-substantive options first', () => {
    const masked: DistributionRow[] = [
      { questionId: 'q1', predicted: [1, 1, 8], human: [40, 40, 20], substantive: [true, true, false] },
    ];
    expect(marginalSimilarities(masked, ['questionId'], { substantiveOnly: true })[0]!.similarity).toEqual({
      ok: true,
      value: 1,
    });
  });
});
