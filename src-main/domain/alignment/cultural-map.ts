import { z } from 'zod';
import { type Outcome, failure, success } from '../stats/outcome';

/*
 * Placement of a model on a two-dimensional cultural map such as Inglehart–Welzel's
 * (traditional ↔ secular-rational, survival ↔ self-expression), computed from the model's expected
 * answer values on the map's items.
 *
 * This module holds no coefficients on purpose. The loadings, centring and intercepts must come from
 * an imported dataset (e.g. factor scores fitted on WVS country means, with the file named in
 * `source`), so every placement can be traced to published data rather than to numbers typed into code.
 */

const itemSchema = z
  .object({
    /** The survey item, as named in the question bank (e.g. a WVS variable). */
    itemId: z.string().min(1),
    /** Subtracted before weighting (e.g. the survey mean on the same scale); 0 by default. */
    center: z.number().finite().default(0),
    /** Divides after centring (e.g. the survey sd); 1 by default. */
    scale: z.number().finite().positive().default(1),
  })
  .strict();

const axisSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    intercept: z.number().finite().default(0),
    /** Item id → weight on this axis; items not listed have weight 0. */
    weights: z.record(z.string(), z.number().finite()),
  })
  .strict();

export const mapProjectionSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** Where the coefficients come from: dataset, version and file. Required so placements are traceable. */
    source: z.string().min(1),
    items: z.array(itemSchema).min(1),
    axes: z.array(axisSchema).min(1),
  })
  .strict()
  .superRefine((projection, context) => {
    const known = new Set(projection.items.map((item) => item.itemId));
    if (known.size !== projection.items.length) {
      context.addIssue({ code: 'custom', path: ['items'], message: 'An item is listed twice.' });
    }
    projection.axes.forEach((axis, index) => {
      for (const itemId of Object.keys(axis.weights)) {
        if (!known.has(itemId)) {
          context.addIssue({
            code: 'custom',
            path: ['axes', index, 'weights', itemId],
            message: `Weight for unknown item ${itemId}.`,
          });
        }
      }
    });
  });

export type MapProjection = z.output<typeof mapProjectionSchema>;

export interface MapCoordinate {
  axis: string;
  label: string;
  value: number;
}

export type MapPlacementFailure = 'missing-items' | 'invalid-value';

/**
 * Coordinates on every axis: intercept + Σ weight · (value − center) / scale, over the projection's
 * items. `expectedValues` maps item id → the model's expected answer value on the same scale the
 * coefficients were fitted on. All items must be present: a partial placement would silently move
 * the point, so missing items fail and are named.
 */
export function projectOnMap(
  projection: MapProjection,
  expectedValues: ReadonlyMap<string, number>,
): Outcome<MapCoordinate[], MapPlacementFailure> {
  const missing = projection.items
    .filter((item) => !expectedValues.has(item.itemId))
    .map((item) => item.itemId);
  if (missing.length > 0) return failure('missing-items', `No expected value for: ${missing.join(', ')}.`);
  const standardised = new Map<string, number>();
  for (const item of projection.items) {
    const value = expectedValues.get(item.itemId) as number; // Presence checked above.
    if (!Number.isFinite(value)) return failure('invalid-value', `Item ${item.itemId} has value ${value}.`);
    standardised.set(item.itemId, (value - item.center) / item.scale);
  }
  return success(
    projection.axes.map((axis) => ({
      axis: axis.id,
      label: axis.label,
      value: Object.entries(axis.weights).reduce(
        (total, [itemId, weight]) => total + weight * (standardised.get(itemId) ?? 0),
        axis.intercept,
      ),
    })),
  );
}
