import { type KeyboardEvent, type MouseEvent, useCallback, useMemo } from 'react';

import { ChartFrame } from '../components/chart-frame';
import { formatValue, listPhrase } from './chart-text';
import type { ColorSchemeKind } from './color-scale';
import { type CountryCodeFormat, countryName, fromNumericCode, toNumericCode } from './country-codes';
import { useChartPalette } from './palette';
import { drawWorldMap, type MapCountry } from './world-choropleth-plot';
import { worldFeatures } from './world-features';

export interface CountryValue {
  /** ISO 3166-1 alpha-2 or alpha-3 code (numeric is accepted too). */
  code: string;
  /** Null or non-finite: the country is drawn as having no data. */
  value: number | null;
  /** An extra tooltip line, such as "n = 240 items". */
  detail?: string;
}

export interface WorldChoroplethProps {
  title: string;
  subtitle?: string;
  data: readonly CountryValue[];
  /** Legend and tooltip label, e.g. "Mean similarity" or "% change, image vs text". */
  valueLabel?: string;
  /** `diverging` centres the colours on 0 (for changes); `sequential` by default. */
  scheme?: ColorSchemeKind;
  format?: (value: number) => string;
  /** Fixes the colour domain instead of fitting the data (for comparing maps). */
  domain?: [number, number];
  /** Codes (alpha-2 or alpha-3) to highlight. */
  selected?: readonly string[];
  /** Makes the map a picker: clicking (or Enter/Space on) a country calls this with its code. */
  onCountryClick?: (code: string) => void;
  /** The form of the codes passed to `onCountryClick`; alpha-2 by default. */
  codeFormat?: CountryCodeFormat;
  note?: string;
  emptyMessage?: string;
}

function byNumeric(data: readonly CountryValue[], selected: readonly string[], format: CountryCodeFormat) {
  const countries = new Map<string, MapCountry>();
  const unknown: string[] = [];
  const entry = (code: string): MapCountry | undefined => {
    const numeric = toNumericCode(code);
    if (numeric === undefined) {
      unknown.push(code);
      return undefined;
    }
    const existing = countries.get(numeric);
    if (existing !== undefined) return existing;
    const created: MapCountry = {
      code: fromNumericCode(numeric, format) ?? code,
      name: countryName(numeric),
      value: undefined,
      detail: undefined,
      selected: false,
    };
    countries.set(numeric, created);
    return created;
  };
  for (const d of data) {
    const country = entry(d.code);
    if (country === undefined || d.value === null || !Number.isFinite(d.value)) continue;
    country.value = d.value;
    country.detail = d.detail;
  }
  for (const code of selected) {
    const country = entry(code);
    if (country !== undefined) country.selected = true;
  }
  return { countries, unknown };
}

function describe(
  countries: readonly MapCountry[],
  valueLabel: string,
  format: (v: number) => string,
): string {
  const withData = countries
    .filter((c) => c.value !== undefined)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const phrase = (list: MapCountry[]) => listPhrase(list.map((c) => `${c.name} ${format(c.value ?? 0)}`));
  const parts = [`World map of ${valueLabel} for ${withData.length} countries.`];
  if (withData.length > 0) {
    parts.push(`Highest: ${phrase(withData.slice(0, 3))}.`);
    if (withData.length > 3)
      parts.push(`Lowest: ${phrase(withData.slice(Math.max(3, withData.length - 3)).reverse())}.`);
  }
  const selected = countries.filter((c) => c.selected);
  if (selected.length > 0) parts.push(`Selected: ${listPhrase(selected.map((c) => c.name))}.`);
  parts.push('Countries without data are grey.');
  return parts.join(' ');
}

/** A world choropleth (equal-earth) of one value per country; also the experiment builder's country picker. */
export function WorldChoropleth(props: WorldChoroplethProps) {
  const { data, selected, onCountryClick, codeFormat = 'alpha2', scheme = 'sequential', domain } = props;
  const valueLabel = props.valueLabel ?? 'Value';
  const format = props.format ?? formatValue;
  const palette = useChartPalette();
  const { countries, unknown } = useMemo(
    () => byNumeric(data, selected ?? [], codeFormat),
    [data, selected, codeFormat],
  );
  const interactive = onCountryClick !== undefined;
  const hasData = [...countries.values()].some((c) => c.value !== undefined);
  const offMap = useMemo(() => {
    const drawn = new Set(worldFeatures().map((f) => f.numeric));
    return [...countries.entries()].filter(([numeric]) => !drawn.has(numeric)).map(([, c]) => c);
  }, [countries]);

  const render = useMemo(() => {
    if (!hasData && !interactive) return null;
    const codeOf = (numeric: string) => fromNumericCode(numeric, codeFormat);
    return (width: number) =>
      drawWorldMap(width, { countries, scheme, valueLabel, format, domain, interactive, codeOf, palette });
  }, [hasData, interactive, codeFormat, countries, scheme, valueLabel, format, domain, palette]);

  const pick = useCallback(
    (target: EventTarget) => {
      const code =
        target instanceof Element ? target.closest('[data-code]')?.getAttribute('data-code') : null;
      if (code && onCountryClick) onCountryClick(code);
    },
    [onCountryClick],
  );
  const onChartClick = interactive ? (event: MouseEvent<HTMLDivElement>) => pick(event.target) : undefined;
  const onChartKeyDown = interactive
    ? (event: KeyboardEvent<HTMLDivElement>) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        pick(event.target);
      }
    : undefined;

  const list = [...countries.values()];
  const csv = () => ({
    columns: ['code', 'country', valueLabel, 'selected'],
    rows: list.map((c) => [c.code, c.name, c.value ?? null, c.selected ? 'yes' : 'no']),
  });
  const summary =
    describe(list, valueLabel, format) + (interactive ? ' Activate a country to select or deselect it.' : '');
  const unknownNote = unknown.length > 0 ? `Unrecognised country codes: ${unknown.join(', ')}.` : undefined;

  return (
    <ChartFrame
      title={props.title}
      subtitle={props.subtitle}
      summary={summary}
      render={render}
      csv={csv}
      interactive={interactive}
      onChartClick={onChartClick}
      onChartKeyDown={onChartKeyDown}
      emptyMessage={props.emptyMessage}
      note={[props.note, unknownNote].filter(Boolean).join(' ') || undefined}
    >
      {offMap.length > 0 && render !== null && (
        <div className="va-chart-chips">
          <span>Too small for this map:</span>
          {offMap.map((c) => {
            const label = c.value === undefined ? c.name : `${c.name} ${format(c.value)}`;
            return interactive ? (
              <button
                key={c.code}
                type="button"
                aria-pressed={c.selected}
                onClick={() => onCountryClick(c.code)}
              >
                {label}
              </button>
            ) : (
              <span key={c.code}>{label}</span>
            );
          })}
        </div>
      )}
    </ChartFrame>
  );
}
