import * as Plot from '@observablehq/plot';

import type { ChartPalette } from './palette';

/** How values map to colour: one hue from low to high, or two hues around a neutral zero. */
export type ColorSchemeKind = 'sequential' | 'diverging';

export interface BinnedColorScale {
  /** Plot options for the `color` scale (a threshold scale, so the legend needs no canvas) and its legend. */
  options: Plot.ScaleOptions & Pick<Plot.LegendOptions, 'width'>;
  /** The colour of one value, for choosing readable label colours. */
  colorOf: (value: number) => string;
}

const NICE = [1, 2, 2.5, 3, 4, 5, 6, 8, 10];

function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const multiple = NICE.find((m) => m * power >= raw - 1e-12) ?? 10;
  return multiple * power;
}

function round(value: number, step: number): number {
  // Avoid 0.30000000000000004 in legend ticks.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(digits));
}

/**
 * Thresholds for a stepped colour scale. Diverging scales are symmetric with an odd number of bins, so the middle
 * bin, centred on 0, reads as "no change"; sequential bins cover the data's extent with round boundaries.
 */
export function binThresholds(
  values: readonly number[],
  kind: ColorSchemeKind,
  domain?: [number, number],
): number[] {
  const [min, max] = domain ?? [Math.min(...values), Math.max(...values)];
  if (kind === 'diverging') {
    const bins = 7;
    const magnitude = Math.max(Math.abs(min), Math.abs(max)) || 1;
    const step = niceStep((2 * magnitude) / bins);
    const half = (bins - 1) / 2;
    return Array.from({ length: bins - 1 }, (_, i) => round((i - half + 0.5) * step, step));
  }
  const bins = 6;
  let step = niceStep((max - min) / bins || Math.abs(max) / 10 || 0.1);
  let low = Math.floor(min / step) * step;
  while (low + bins * step < max) {
    step = niceStep(step * 1.01);
    low = Math.floor(min / step) * step;
  }
  return Array.from({ length: bins - 1 }, (_, i) => round(low + (i + 1) * step, step));
}

/** Colours for `count` bins spread evenly along the palette's ramp (end colours included). */
function binColors(count: number, kind: ColorSchemeKind, palette: ChartPalette): string[] {
  const range = kind === 'diverging' ? [...palette.diverging] : [...palette.sequential];
  const ramp = Plot.scale({
    color: { type: 'linear', domain: range.map((_, i) => i / (range.length - 1)), range, interpolate: 'lab' },
  });
  return Array.from({ length: count }, (_, i) => String(ramp.apply(i / (count - 1))));
}

/** A stepped colour scale for the values, with a legend labelled `label` and ticks formatted by `format`. */
export function binnedColorScale(
  values: readonly number[],
  kind: ColorSchemeKind,
  palette: ChartPalette,
  {
    label,
    format,
    domain,
  }: { label?: string; format?: (v: number) => string; domain?: [number, number] } = {},
): BinnedColorScale {
  const thresholds = values.length > 0 ? binThresholds(values, kind, domain) : [0];
  const range = binColors(thresholds.length + 1, kind, palette);
  const options: BinnedColorScale['options'] = {
    type: 'threshold',
    domain: thresholds,
    range,
    legend: true,
    // Wider than Plot's 240 px so that six threshold labels at 12 px do not collide.
    width: 320,
    label,
    ...(format === undefined ? {} : { tickFormat: format }),
  };
  const colorOf = (value: number): string => {
    const bin = thresholds.findIndex((t) => value < t);
    return range[bin === -1 ? range.length - 1 : bin] ?? range[0] ?? palette.noData;
  };
  return { options, colorOf };
}

/** Black or white, whichever reads better on the given `#rrggbb` or `rgb()` background. */
export function contrastingText(background: string): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(background)?.[1];
  const parts = hex
    ? [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16))
    : (background.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  if (parts.length < 3) return '#000000';
  const [r = 0, g = 0, b = 0] = parts.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#111418' : '#ffffff';
}
