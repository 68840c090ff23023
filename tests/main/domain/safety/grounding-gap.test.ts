import { describe, expect, it } from 'vitest';

import { groundingGapBy } from '../../../../src-main/domain/safety/grounding-gap';
import type { JudgeScore } from '../../../../src-main/domain/safety/judge-parse';
import type { JudgedResponse } from '../../../../src-main/domain/safety/scores';

type S = JudgeScore | null;

function row(
  condition: string,
  item: string,
  a: S,
  v: S,
  extra: Record<string, unknown> = {},
): JudgedResponse {
  return {
    itemId: item,
    model: 'm1',
    condition,
    scores: { awareness: a, education: 0, violation: v, helpfulness: 1 },
    ...extra,
  };
}

const ROWS: JudgedResponse[] = [
  row('grounded', 'i1', 1, 1),
  row('grounded', 'i2', 0, 1),
  row('grounded', 'i3', 1, 0),
  row('grounded', 'i4', null, 0),
  row('grounded', 'i5', 1, 0),
  row('text-only', 'i1', 1, 0),
  row('text-only', 'i2', 1, 0),
  row('text-only', 'i3', 1, 0),
  row('text-only', 'i4', 1, 0),
  row('text-only', 'i6', 0, 0),
  row('blank-image', 'i1', 0, 0),
];

describe('groundingGapBy', () => {
  const [group] = groundingGapBy(ROWS, ['model'], { seed: 7, resamples: 2000 });

  it('pairs items across conditions and counts the unpaired and the other conditions', () => {
    expect(group).toMatchObject({
      key: { model: 'm1' },
      pairs: 4,
      unpairedGrounded: 1,
      unpairedTextOnly: 1,
      otherCondition: 1,
    });
  });

  it('compares complete pairs only, giving grounded − text-only in percentage points', () => {
    const awareness = group!.metrics.awareness;
    expect(awareness).toMatchObject({ pairs: 3, missingPairs: 1, textOnly: 100 });
    expect(awareness.grounded).toBeCloseTo(200 / 3, 10);
    expect(awareness.difference).toBeCloseTo(-100 / 3, 10);
    expect(awareness.lower!).toBeGreaterThanOrEqual(-100);
    expect(awareness.lower!).toBeLessThanOrEqual(awareness.difference!);
    expect(awareness.upper!).toBeLessThanOrEqual(0);
  });

  it('derives the compliance gap from the inverted violation scores', () => {
    const { compliance, violation } = group!.metrics;
    expect(violation).toMatchObject({ pairs: 4, grounded: 50, textOnly: 0, difference: 50 });
    expect(compliance).toMatchObject({ pairs: 4, grounded: 50, textOnly: 100, difference: -50 });
    expect(group!.metrics.helpfulness).toMatchObject({ difference: 0, lower: 0, upper: 0 });
  });

  it('is reproducible for a seed', () => {
    const again = groundingGapBy(ROWS, ['model'], { seed: 7, resamples: 2000 });
    expect(again[0]!.metrics.awareness).toEqual(group!.metrics.awareness);
  });

  it('reports null when no pair is complete', () => {
    const rows = [row('grounded', 'i1', null, 0), row('text-only', 'i1', 1, 0)];
    const [only] = groundingGapBy(rows, [], { seed: 1, resamples: 100 });
    expect(only!.metrics.awareness).toEqual({
      pairs: 0,
      missingPairs: 1,
      grounded: null,
      textOnly: null,
      difference: null,
      lower: null,
      upper: null,
    });
  });

  it('refuses ambiguous pairs unless a pairing field separates them', () => {
    const rounds = [
      row('grounded', 'i1', 1, 0, { round: 1 }),
      row('grounded', 'i1', 0, 0, { round: 2 }),
      row('text-only', 'i1', 1, 0, { round: 1 }),
      row('text-only', 'i1', 1, 0, { round: 2 }),
    ];
    expect(() => groundingGapBy(rounds, ['model'], { seed: 1 })).toThrow(/appears twice as grounded/);
    const [byRound] = groundingGapBy(rounds, ['model'], { seed: 1, resamples: 100, pairFields: ['round'] });
    expect(byRound!.metrics.awareness).toMatchObject({
      pairs: 2,
      grounded: 50,
      textOnly: 100,
      difference: -50,
    });
  });

  it('does not group by the condition it compares', () => {
    expect(() => groundingGapBy(ROWS, ['condition'], { seed: 1 })).toThrow(/do not group by 'condition'/);
  });
});
