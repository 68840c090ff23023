import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';

import { ChartFrame } from '../components/chart-frame';
import {
  formatValue,
  isValue,
  labelMargin,
  listPhrase,
  orderedKeys,
  PLOT_STYLE,
  truncate,
} from './chart-text';
import { type ChartPalette, useChartPalette } from './palette';

export interface CiBarDatum {
  /** The bar's label, e.g. an income group or a country. */
  group: string;
  value: number | null;
  lo?: number | null;
  hi?: number | null;
  /** Colours the bar and adds a legend, e.g. the income group or region of a country. */
  category?: string;
  detail?: string;
}

export interface BarsWithCIProps {
  title: string;
  subtitle?: string;
  data: readonly CiBarDatum[];
  /** Bar order, top to bottom; by default the data's order. */
  groupOrder?: readonly string[];
  groupLabel?: string;
  valueLabel?: string;
  categoryLabel?: string;
  format?: (value: number) => string;
  domain?: [number, number];
  note?: string;
  emptyMessage?: string;
}

interface CiSpec {
  bars: readonly CiBarDatum[];
  groups: string[];
  categories: string[];
  format: (value: number) => string;
  valueLabel: string;
  categoryLabel: string | undefined;
  groupLabel: string | undefined;
  domain: [number, number] | undefined;
}

const hasInterval = (d: CiBarDatum) => isValue(d.lo) && isValue(d.hi);

function drawBars(width: number, spec: CiSpec, palette: ChartPalette): Element {
  const { bars, groups, categories, format, valueLabel } = spec;
  const coloured = categories.length > 0;
  const title = (d: CiBarDatum) =>
    [
      `${d.group}${d.category ? ` (${d.category})` : ''}`,
      `${valueLabel}: ${format(d.value ?? 0)}`,
      hasInterval(d) ? `CI ${format(d.lo ?? 0)} to ${format(d.hi ?? 0)}` : undefined,
      d.detail,
    ]
      .filter(Boolean)
      .join('\n');
  return Plot.plot({
    width,
    height: 64 + groups.length * 36,
    marginBottom: 44,
    marginLeft: labelMargin(groups.map((g) => truncate(g, 36))),
    marginRight: 24,
    style: PLOT_STYLE,
    y: {
      domain: groups,
      label: spec.groupLabel ?? null,
      tickFormat: (d: string) => truncate(d, 36),
      padding: 0.25,
    },
    x: {
      label: valueLabel,
      labelAnchor: 'center',
      grid: true,
      nice: true,
      ...(spec.domain ? { domain: spec.domain } : { zero: true }),
    },
    ...(coloured
      ? {
          color: {
            domain: categories,
            range: [...palette.categorical],
            legend: true,
            label: spec.categoryLabel,
          },
        }
      : {}),
    marks: [
      Plot.barX(bars, {
        y: 'group',
        x: 'value',
        fill: coloured ? (d: CiBarDatum) => d.category ?? '' : palette.categorical[0],
        title,
      }),
      Plot.ruleY(bars.filter(hasInterval), {
        y: 'group',
        x1: 'lo',
        x2: 'hi',
        stroke: palette.text,
        strokeWidth: 2,
        ariaDescription: 'error bars',
      }),
      Plot.ruleX([0], { stroke: palette.muted }),
    ],
  });
}

/** One bar per group (e.g. income group → mean similarity) with confidence intervals. */
export function BarsWithCI(props: BarsWithCIProps) {
  const { data, groupOrder, groupLabel, categoryLabel, domain } = props;
  const format = props.format ?? formatValue;
  const valueLabel = props.valueLabel ?? 'Value';
  const palette = useChartPalette();
  const spec = useMemo<CiSpec>(() => {
    const bars = data.filter((d) => isValue(d.value));
    return {
      bars,
      groups: orderedKeys(
        bars.map((d) => d.group),
        groupOrder,
      ),
      categories: orderedKeys(bars.flatMap((d) => (d.category === undefined ? [] : [d.category]))),
      format,
      valueLabel,
      categoryLabel,
      groupLabel,
      domain,
    };
  }, [data, groupOrder, format, valueLabel, categoryLabel, groupLabel, domain]);
  const render = useMemo(
    () => (spec.bars.length === 0 ? null : (width: number) => drawBars(width, spec, palette)),
    [spec, palette],
  );
  const sorted = [...spec.bars].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const phrase = (d: CiBarDatum | undefined) => (d ? `${d.group} (${format(d.value ?? 0)})` : '');
  const summary = [
    `Bar chart of ${valueLabel} for ${spec.groups.length} groups: ${listPhrase(spec.groups.slice(0, 8))}.`,
    sorted.length > 1 ? `Highest ${phrase(sorted[0])}; lowest ${phrase(sorted[sorted.length - 1])}.` : '',
    spec.bars.some(hasInterval) ? 'Lines show confidence intervals.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <ChartFrame
      title={props.title}
      subtitle={props.subtitle}
      summary={summary}
      render={render}
      csv={() => ({
        columns: [
          groupLabel ?? 'group',
          valueLabel,
          'ci_low',
          'ci_high',
          categoryLabel ?? 'category',
          'detail',
        ],
        rows: data.map((d) => [d.group, d.value, d.lo, d.hi, d.category, d.detail]),
      })}
      note={props.note}
      emptyMessage={props.emptyMessage}
    />
  );
}
