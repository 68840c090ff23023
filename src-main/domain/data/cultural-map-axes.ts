/**
 * Inglehart–Welzel cultural-map coordinates from the Integrated Values Surveys aggregate factor scores.
 *
 * Sign convention (checked against the published map; Open Numbers' `tradagg` and `survsagg`):
 * - `tradagg` > 0 means secular-rational (Sweden, Japan), < 0 traditional (Nigeria, Colombia). It is the
 *   map's y axis as is: **y = secular-rational = tradagg**.
 * - `survsagg` > 0 means *survival* (Zimbabwe, Pakistan), < 0 self-expression (Sweden). The map draws
 *   self-expression to the right, so the x axis is its negation: **x = self-expression = −survsagg**.
 * The scale matches the factor scores, not the pixel positions of the published map images.
 */
export interface CulturalMapPoint {
  /** Survival (−) ↔ self-expression (+): −survsagg. */
  x: number;
  /** Traditional (−) ↔ secular-rational (+): tradagg. */
  y: number;
}

export function culturalMapPoint(scores: { tradagg: number; survsagg: number }): CulturalMapPoint {
  // `0 - v` rather than `-v` so a zero score stays +0 and round-trips through JSON unchanged.
  return { x: 0 - scores.survsagg, y: scores.tradagg };
}
