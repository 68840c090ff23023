import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';

import { ChartFrame } from '../components/chart-frame';
import { formatValue, isValue, listPhrase, orderedKeys, PLOT_STYLE, truncate } from './chart-text';
import { type ChartPalette, useChartPalette } from './palette';

export interface GroupedBarDatum {
  /** The group the bar sits in, e.g. a country or a topic. */
  facet: string;
  /** The bar within the group, e.g. a condition: T, I, T+I, conflict, blank. */
  category: string;
  value: number | null;
  /** Confidence interval bounds; both must be present for an error bar. */
  lo?: number | null;
  hi?: number | null;
  detail?: string;
}

export interface GroupedBarsProps {
  title: string;
  subtitle?: string;
  data: readonly GroupedBarDatum[];
  facetOrder?: readonly string[];
  categoryOrder?: readonly string[];
  facetLabel?: string;
  /** Legend title for the categories, e.g. "Condition". */
  categoryLabel?: string;
  valueLabel?: string;
  format?: (value: number) => string;
  /** The value axis; by default it spans 0 and the data, error bars included. */
  domain?: [number, number];
  /** Chart height in px (320 by default). */
  height?: number;
  note?: string;
  emptyMessage?: string;
}

interface BarsSpec {
  bars: readonly GroupedBarDatum[];
  facets: string[];
  categories: string[];
  format: (value: number) => string;
  valueLabel: string;
  categoryLabel: string;
  facetLabel: string | undefined;
  domain: [number, number] | undefined;
  height: number;
}

const hasInterval = (d: GroupedBarDatum) => isValue(d.lo) && isValue(d.hi);

function drawGroupedBars(width: number, spec: BarsSpec, palette: ChartPalette): Element {
  const { facets, categories, format, valueLabel } = spec;
  const facetWidth = (width - 60) / Math.max(1, facets.length);
  const longest = Math.max(...facets.map((f) => truncate(f, 22).length));
  const rotate = longest * 7 > facetWidth;
  const marginBottom = rotate ? Math.min(140, longest * 5 + 24) : 34;
  const title = (d: GroupedBarDatum) =>
    [
      `${d.facet} · ${d.category}`,
      `${valueLabel}: ${format(d.value ?? 0)}`,
      hasInterval(d) ? `CI ${format(d.lo ?? 0)} to ${format(d.hi ?? 0)}` : undefined,
      d.detail,
    ]
      .filter(Boolean)
      .join('\n');
  return Plot.plot({
    width,
    height: spec.height,
    marginLeft: 56,
    marginBottom,
    style: PLOT_STYLE,
    fx: {
      domain: facets,
      label: spec.facetLabel ?? null,
      axis: 'bottom',
      padding: 0.12,
      tickRotate: rotate ? -35 : 0,
      tickFormat: (d: string) => truncate(d, 22),
    },
    x: { domain: categories, axis: null, paddingInner: 0.12 },
    y: {
      label: valueLabel,
      grid: true,
      nice: true,
      ...(spec.domain ? { domain: spec.domain } : { zero: true }),
    },
    color: { domain: categories, range: [...palette.categorical], legend: true, label: spec.categoryLabel },
    marks: [
      Plot.barY(spec.bars, { fx: 'facet', x: 'category', y: 'value', fill: 'category', title }),
      Plot.ruleX(spec.bars.filter(hasInterval), {
        fx: 'facet',
        x: 'category',
        y1: 'lo',
        y2: 'hi',
        stroke: palette.text,
        strokeWidth: 1.5,
        ariaDescription: 'error bars',
      }),
      Plot.ruleY([0], { stroke: palette.muted }),
    ],
  });
}

function describe(spec: BarsSpec): string {
  const { bars, facets, categories, format, valueLabel } = spec;
  const sorted = [...bars].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const bar = (d: GroupedBarDatum | undefined) =>
    d ? `${d.facet} ${d.category} (${format(d.value ?? 0)})` : '';
  const intervals = bars.filter(hasInterval).length;
  return [
    `Grouped bar chart of ${valueLabel}: ${categories.length} bars (${listPhrase(categories)})`,
    `in each of ${facets.length} groups.`,
    sorted.length > 0 ? `Highest ${bar(sorted[0])}; lowest ${bar(sorted[sorted.length - 1])}.` : '',
    intervals > 0 ? `${intervals} bars have confidence intervals.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Bars per category (e.g. condition) grouped by facet (e.g. country or topic), with confidence intervals. */
export function GroupedBars(props: GroupedBarsProps) {
  const { data, facetOrder, categoryOrder, facetLabel, domain, height = 320 } = props;
  const format = props.format ?? formatValue;
  const valueLabel = props.valueLabel ?? 'Value';
  const categoryLabel = props.categoryLabel ?? 'Category';
  const palette = useChartPalette();
  const spec = useMemo<BarsSpec>(() => {
    const bars = data.filter((d) => isValue(d.value));
    return {
      bars,
      facets: orderedKeys(
        bars.map((d) => d.facet),
        facetOrder,
      ),
      categories: orderedKeys(
        bars.map((d) => d.category),
        categoryOrder,
      ),
      format,
      valueLabel,
      categoryLabel,
      facetLabel,
      domain,
      height,
    };
  }, [data, facetOrder, categoryOrder, format, valueLabel, categoryLabel, facetLabel, domain, height]);
  const render = useMemo(
    () => (spec.bars.length === 0 ? null : (width: number) => drawGroupedBars(width, spec, palette)),
    [spec, palette],
  );
  return (
    <ChartFrame
      title={props.title}
      subtitle={props.subtitle}
      summary={describe(spec)}
      render={render}
      csv={() => ({
        columns: [facetLabel ?? 'group', categoryLabel, valueLabel, 'ci_low', 'ci_high', 'detail'],
        rows: data.map((d) => [d.facet, d.category, d.value, d.lo, d.hi, d.detail]),
      })}
      note={props.note}
      emptyMessage={props.emptyMessage}
    />
  );
}
