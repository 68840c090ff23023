import * as Plot from '@observablehq/plot';

import { PLOT_STYLE } from './chart-text';
import { binnedColorScale, type ColorSchemeKind } from './color-scale';
import type { ChartPalette } from './palette';
import { type CountryFeature, worldFeatures } from './world-features';

/** A country with data or in the selection, joined to the map by its numeric code. */
export interface MapCountry {
  /** The code in the caller's format, handed back on click. */
  code: string;
  name: string;
  value: number | undefined;
  detail: string | undefined;
  selected: boolean;
}

export interface MapDrawing {
  /** Keyed by zero-padded ISO numeric code. */
  countries: ReadonlyMap<string, MapCountry>;
  scheme: ColorSchemeKind;
  valueLabel: string;
  format: (value: number) => string;
  domain: [number, number] | undefined;
  /** Paths become focusable toggle buttons. */
  interactive: boolean;
  codeOf: (numeric: string) => string | undefined;
  palette: ChartPalette;
}

function tooltip(feature: CountryFeature, country: MapCountry | undefined, map: MapDrawing): string {
  const lines = [country?.name ?? feature.properties.name];
  const value = country?.value;
  lines.push(value === undefined ? 'No data' : `${map.valueLabel}: ${map.format(value)}`);
  if (country?.detail) lines.push(country.detail);
  if (country?.selected) lines.push('Selected');
  return lines.join('\n');
}

/** Tags each country path with its code (for clicks) and, when interactive, makes it a focusable toggle. */
function tagPaths(features: readonly CountryFeature[], map: MapDrawing): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const group = next?.(index, scales, values, dimensions, context) ?? null;
    const paths =
      group === null ? [] : [...group.children].filter((node) => node.tagName.toLowerCase() === 'path');
    index.forEach((i, k) => {
      const feature = features[i];
      const path = paths[k];
      const code = feature?.numeric === undefined ? undefined : map.codeOf(feature.numeric);
      if (path === undefined || feature === undefined || code === undefined) return;
      path.setAttribute('data-code', code);
      if (!map.interactive) return;
      const country = feature.numeric === undefined ? undefined : map.countries.get(feature.numeric);
      path.setAttribute('tabindex', '0');
      path.setAttribute('role', 'button');
      path.setAttribute('aria-pressed', String(country?.selected ?? false));
      path.setAttribute('aria-label', tooltip(feature, country, map).replace(/\n/g, ', '));
    });
    return group;
  };
}

/** A selection outline that lets clicks and hovers through to the country underneath. */
function outline(data: readonly CountryFeature[], stroke: string, strokeWidth: number) {
  return Plot.geo(data, {
    fill: 'none',
    stroke,
    strokeWidth,
    strokeLinejoin: 'round',
    ariaHidden: 'true',
    render: (index, scales, values, dimensions, context, next) => {
      const group = next?.(index, scales, values, dimensions, context) ?? null;
      group?.setAttribute('pointer-events', 'none');
      return group;
    },
  });
}

/** Draws the equal-earth choropleth: sphere, graticule, countries without data, with data, and the selection. */
export function drawWorldMap(width: number, map: MapDrawing): Element {
  const { palette, countries } = map;
  const country = (f: CountryFeature) => (f.numeric === undefined ? undefined : countries.get(f.numeric));
  const features = worldFeatures();
  const withData = features.filter((f) => country(f)?.value !== undefined);
  const without = features.filter((f) => country(f)?.value === undefined);
  const selected = features.filter((f) => country(f)?.selected);
  const values = withData.map((f) => country(f)?.value ?? 0);
  const color = binnedColorScale(values, map.scheme, palette, {
    label: map.valueLabel,
    format: map.format,
    domain: map.domain,
  });
  const land = {
    stroke: palette.landStroke,
    strokeWidth: 0.6,
    title: (f: CountryFeature) => tooltip(f, country(f), map),
  };
  const layer = (data: readonly CountryFeature[], options: Plot.GeoOptions) =>
    Plot.geo(data, { ...land, ...options, render: tagPaths(data, map) });
  return Plot.plot({
    width,
    projection: 'equal-earth',
    style: PLOT_STYLE,
    color: { ...color.options, ...(values.length === 0 ? { legend: false } : {}) },
    marks: [
      // Decorative: hidden from assistive technology (an aria-label on a plain <g> is not allowed).
      Plot.sphere({ fill: palette.sea, stroke: palette.grid, ariaHidden: 'true' }),
      Plot.graticule({ stroke: palette.grid, strokeOpacity: 0.7, ariaHidden: 'true' }),
      layer(
        without.filter((f) => !country(f)?.selected),
        { fill: palette.noData, ariaDescription: 'countries without data' },
      ),
      layer(
        without.filter((f) => country(f)?.selected),
        { fill: palette.selectedFill, ariaDescription: 'selected countries without data' },
      ),
      layer(withData, {
        fill: (f: CountryFeature) => country(f)?.value,
        ariaDescription: 'countries with data',
      }),
      // A halo in the background colour under the accent outline keeps the selection visible on any fill.
      outline(selected, palette.surface, 4.5),
      outline(selected, palette.selected, 2),
    ],
  });
}
