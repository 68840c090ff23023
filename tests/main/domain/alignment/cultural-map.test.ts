import { describe, expect, it } from 'vitest';
import { mapProjectionSchema, projectOnMap } from '../../../../src-main/domain/alignment/cultural-map';

// Made-up coefficients: real ones must be imported from a dataset.
const projection = mapProjectionSchema.parse({
  id: 'test-map',
  name: 'Test map',
  source: 'unit test, invented numbers',
  items: [{ itemId: 'x1', center: 2, scale: 0.5 }, { itemId: 'x2' }, { itemId: 'x3', center: 1 }],
  axes: [
    { id: 'trad-sec', label: 'Traditional ↔ secular', intercept: 0.1, weights: { x1: 0.5, x2: -1 } },
    { id: 'surv-self', label: 'Survival ↔ self-expression', weights: { x3: 2 } },
  ],
});

describe('projectOnMap', () => {
  it('applies intercept + Σ weight · (value − center) / scale per axis', () => {
    const result = projectOnMap(
      projection,
      new Map([
        ['x1', 3],
        ['x2', 0.25],
        ['x3', 1.5],
      ]),
    );
    // trad-sec: 0.1 + 0.5·(3 − 2)/0.5 − 1·0.25 = 0.85; surv-self: 2·(1.5 − 1) = 1.
    if (!result.ok) throw new Error(result.message);
    expect(result.value.map((c) => [c.axis, c.label])).toEqual([
      ['trad-sec', 'Traditional ↔ secular'],
      ['surv-self', 'Survival ↔ self-expression'],
    ]);
    expect(result.value[0]!.value).toBeCloseTo(0.85, 12);
    expect(result.value[1]!.value).toBeCloseTo(1, 12);
  });

  it('names missing items instead of placing the point anyway', () => {
    const result = projectOnMap(projection, new Map([['x1', 3]]));
    expect(result).toMatchObject({ ok: false, reason: 'missing-items' });
    expect(!result.ok && result.message).toContain('x2, x3');
  });

  it('rejects weights for unknown items and a missing source', () => {
    const bad = {
      id: 'm',
      name: 'm',
      source: 's',
      items: [{ itemId: 'x1' }],
      axes: [{ id: 'a', label: 'a', weights: { x9: 1 } }],
    };
    expect(mapProjectionSchema.safeParse(bad).success).toBe(false);
    expect(mapProjectionSchema.safeParse({ ...bad, source: '', axes: [] }).success).toBe(false);
  });
});
