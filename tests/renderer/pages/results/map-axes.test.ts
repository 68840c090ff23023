import { describe, expect, it } from 'vitest';

import { coordinate, mapAxes } from '../../../../src-renderer/src/pages/results/map-axes';

const point = (...axes: [string, string, number][]) =>
  axes.map(([axis, label, value]) => ({ axis, label, value }));

describe('mapAxes', () => {
  it('recognises the axes by name, whatever order the projection lists them in', () => {
    const placed = point(
      ['trad', 'Traditional vs secular-rational', 0.4],
      ['se', 'Survival vs self-expression', -1],
    );
    const axes = mapAxes(placed);
    expect(axes.x).toEqual({ id: 'se', label: 'Survival vs self-expression', sign: 1 });
    expect(axes.y).toEqual({ id: 'trad', label: 'Traditional vs secular-rational', sign: 1 });
    expect(axes.explanation).toMatch(/recognised by name/);
    expect(coordinate(placed, axes.x!)).toBe(-1);
  });

  it("flips WVS survsagg (survival positive) as the Data page's coordinates do, and keeps tradagg", () => {
    const placed = point(['tradagg', 'tradagg', 1.2], ['survsagg', 'survsagg', -3.1]);
    const axes = mapAxes(placed);
    expect(axes.x?.sign).toBe(-1);
    expect(coordinate(placed, axes.x!)).toBe(3.1);
    expect(coordinate(placed, axes.y!)).toBe(1.2);
    expect(axes.explanation).toMatch(/sign flipped/);
  });

  it('reads unnamed axes in file order and says so; one axis cannot be drawn', () => {
    const two = mapAxes(point(['a', 'First', 1], ['b', 'Second', 2]));
    expect([two.x?.id, two.y?.id]).toEqual(['a', 'b']);
    expect(two.explanation).toMatch(/order the projection file lists them/);
    const one = mapAxes(point(['a', 'First', 1]));
    expect(one.y).toBeNull();
    expect(one.explanation).toMatch(/has 1 axis; the map needs two/);
  });
});
