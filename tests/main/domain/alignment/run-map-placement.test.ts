import { describe, expect, it } from 'vitest';

import { mapProjectionSchema } from '../../../../src-main/domain/alignment/cultural-map';
import type { AnalysedItem } from '../../../../src-main/domain/alignment/run-aggregates';
import { placeRunOnMap } from '../../../../src-main/domain/alignment/run-map-placement';

const projection = mapProjectionSchema.parse({
  id: 'toy',
  name: 'Toy map',
  source: 'hand-made for this test',
  items: [
    { itemId: 'Q1', center: 2, scale: 0.5 },
    { itemId: 'Q2', center: 1.5 },
  ],
  axes: [
    { id: 'x', label: 'Self-expression', weights: { Q1: 1 } },
    { id: 'y', label: 'Secular', intercept: 0.1, weights: { Q1: 0.5, Q2: -1 } },
  ],
});

function item(fields: Partial<AnalysedItem>): AnalysedItem {
  return {
    model: 'm',
    condition: 'T',
    country: 'JP',
    questionId: 'Q1',
    substantive: [true, true, true, false],
    ...fields,
  } as AnalysedItem;
}

describe('placeRunOnMap', () => {
  it('projects model and human expected answers with the same coefficients, averaging option orders', () => {
    const placements = placeRunOnMap(
      [
        // Q1 seen in two option orders: expected positions 2.0 and 3.0 → 2.5 (the "Don't know" mass is left out).
        item({ predicted: [0, 1, 0, 0.5], human: [0.5, 0, 0.5, 0] }),
        item({ predicted: [0, 0, 1, 0], human: [0.5, 0, 0.5, 0] }),
        item({ questionId: 'Q2', predicted: [1, 0, 0, 0], human: [0, 1, 0, 0] }),
        item({ questionId: 'Q9', predicted: [1, 0, 0, 0], human: [1, 0, 0, 0] }),
        item({ country: 'NG', predicted: [1, 0, 0, 0], human: [1, 0, 0, 0] }),
      ],
      projection,
    );
    const japan = placements.find((placement) => placement.country === 'JP')!;
    // Model: z1 = (2.5 − 2) / 0.5 = 1, z2 = 1 − 1.5 = −0.5 → x = 1, y = 0.1 + 0.5 + 0.5 = 1.1.
    expect(japan.modelPoint!.map((c) => c.value)).toEqual([1, expect.closeTo(1.1, 10)]);
    // Humans: z1 = (2 − 2) / 0.5 = 0, z2 = 2 − 1.5 = 0.5 → x = 0, y = 0.1 − 0.5 = −0.4.
    expect(japan.humanPoint!.map((c) => c.value)).toEqual([0, expect.closeTo(-0.4, 10)]);
    expect(japan.problem).toBeNull();
    const nigeria = placements.find((placement) => placement.country === 'NG')!;
    expect(nigeria.modelPoint).toBeNull();
    expect(nigeria.problem).toMatch(/No expected value for: Q2/);
  });
});
