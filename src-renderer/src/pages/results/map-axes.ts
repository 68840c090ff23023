import type { MapPlacement } from '@contract/runs';

/** One axis value of a placement (the contract exposes it only inside MapPlacement). */
export type MapCoordinate = NonNullable<MapPlacement['modelPoint']>[number];

/** How a projection's axes land on the Inglehart–Welzel map (x: self-expression, y: secular-rational). */
export interface MapAxes {
  /** The projection axis read as survival ↔ self-expression, or null when the projection has none. */
  x: AxisUse | null;
  y: AxisUse | null;
  /** In words, so the reader can check the reading (shown under the map). */
  explanation: string;
}

export interface AxisUse {
  id: string;
  label: string;
  /** −1 when the axis runs the other way, e.g. WVS `survsagg` (survival positive). */
  sign: 1 | -1;
}

const names = (coordinate: MapCoordinate) => `${coordinate.axis} ${coordinate.label}`.toLowerCase();

/*
 * The projection file names its axes freely, so they are recognised by name. WVS's own variables run
 * `tradagg` secular-positive and `survsagg` survival-positive; the Data page's coordinates flip survsagg so
 * right is self-expression, and so does this. An axis named only for its low end ("Survival",
 * "Traditional") is flipped the same way. Axes that are not recognised are read in the order the file
 * lists them, and the note under the map says so rather than hiding the guess.
 */
function pick(coordinates: readonly MapCoordinate[]): Omit<MapAxes, 'explanation'> & { byOrder: boolean } {
  const find = (high: RegExp, low: RegExp): AxisUse | null => {
    const positive = coordinates.find((c) => high.test(names(c)));
    if (positive !== undefined) return { id: positive.axis, label: positive.label, sign: 1 };
    const negative = coordinates.find((c) => low.test(names(c)));
    return negative === undefined ? null : { id: negative.axis, label: negative.label, sign: -1 };
  };
  const x = find(/self/, /survsagg|surviv/);
  const y = find(/secular|tradagg/, /tradition/);
  if (x !== null && y !== null && x.id !== y.id) return { x, y, byOrder: false };
  const [first, second] = coordinates.map((c): AxisUse => ({ id: c.axis, label: c.label, sign: 1 }));
  return { x: first ?? null, y: second ?? null, byOrder: true };
}

export function mapAxes(coordinates: readonly MapCoordinate[]): MapAxes {
  const { x, y, byOrder } = pick(coordinates);
  if (x === null || y === null)
    return {
      x,
      y,
      explanation: `The projection has ${coordinates.length} ${coordinates.length === 1 ? 'axis' : 'axes'}; the map needs two (self-expression and secular-rational), so no model point is drawn.`,
    };
  const describe = (axis: AxisUse) => `${axis.label}${axis.sign === -1 ? ' (sign flipped)' : ''}`;
  return {
    x,
    y,
    explanation: `${byOrder ? 'Axes taken in the order the projection file lists them' : 'Axes recognised by name'}: x = ${describe(x)}, y = ${describe(y)}.`,
  };
}

/** The coordinate of one axis in a placement, with the axis's sign applied. */
export function coordinate(point: readonly MapCoordinate[], axis: AxisUse): number | null {
  const found = point.find((c) => c.axis === axis.id);
  return found === undefined ? null : found.value * axis.sign;
}
