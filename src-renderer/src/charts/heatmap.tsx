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
import { binnedColorScale, type ColorSchemeKind, contrastingText } from './color-scale';
import { type ChartPalette, useChartPalette } from './palette';

export interface HeatmapCell {
  row: string;
  column: string;
  /** Null draws the cell as "no data". */
  value: number | null;
  /** An extra tooltip line, such as "p = 0.003". */
  detail?: string;
}

export interface HeatmapProps {
  title: string;
  subtitle?: string;
  cells: readonly HeatmapCell[];
  /** Row order, top to bottom; rows not listed follow in order of appearance. */
  rowOrder?: readonly string[];
  columnOrder?: readonly string[];
  rowLabel?: string;
  columnLabel?: string;
  valueLabel?: string;
  /** `diverging` centres the colours on 0 (for % change); `sequential` by default. */
  scheme?: ColorSchemeKind;
  format?: (value: number) => string;
  domain?: [number, number];
  /** Print values in the cells; by default only when the grid is small enough to read them. */
  showValues?: boolean;
  note?: string;
  emptyMessage?: string;
}

/** Everything the drawing needs, with defaults applied. */
interface HeatmapSpec {
  cells: readonly HeatmapCell[];
  rows: string[];
  columns: string[];
  format: (value: number) => string;
  valueLabel: string;
  scheme: ColorSchemeKind;
  domain: [number, number] | undefined;
  showValues: boolean | undefined;
  rowLabel: string | undefined;
  columnLabel: string | undefined;
}

function drawHeatmap(width: number, spec: HeatmapSpec, palette: ChartPalette): Element {
  const { rows, columns, format, valueLabel } = spec;
  const withValue = spec.cells.filter((c) => isValue(c.value));
  const missing = spec.cells.filter((c) => !isValue(c.value));
  const color = binnedColorScale(
    withValue.map((c) => c.value ?? 0),
    spec.scheme,
    palette,
    { label: valueLabel, format, domain: spec.domain },
  );
  const marginLeft = labelMargin(rows.map((r) => truncate(r, 36)));
  const cellWidth = (width - marginLeft - 16) / Math.max(1, columns.length);
  const longestColumn = Math.max(...columns.map((c) => truncate(c, 24).length));
  const rotate = longestColumn * 7 > cellWidth;
  const marginBottom = rotate ? Math.min(150, longestColumn * 5 + 24) : 36;
  const cellHeight = Math.max(22, Math.min(34, cellWidth * 0.7));
  const labelled = spec.showValues ?? (rows.length * columns.length <= 400 && cellWidth >= 34);
  const title = (c: HeatmapCell) =>
    [`${c.row} · ${c.column}`, isValue(c.value) ? `${valueLabel}: ${format(c.value)}` : 'No data', c.detail]
      .filter(Boolean)
      .join('\n');
  return Plot.plot({
    width,
    height: 10 + rows.length * cellHeight + marginBottom,
    marginTop: 10,
    marginLeft,
    marginRight: 16,
    marginBottom,
    style: PLOT_STYLE,
    x: {
      domain: columns,
      label: spec.columnLabel ?? null,
      tickRotate: rotate ? -40 : 0,
      tickFormat: (d: string) => truncate(d, 24),
      tickSize: 0,
      padding: 0.04,
    },
    y: {
      domain: rows,
      label: spec.rowLabel ?? null,
      tickFormat: (d: string) => truncate(d, 36),
      tickSize: 0,
      padding: 0.04,
    },
    color: { ...color.options, ...(withValue.length === 0 ? { legend: false } : {}) },
    marks: [
      Plot.cell(missing, {
        x: 'column',
        y: 'row',
        fill: palette.noData,
        inset: 0.5,
        title,
        ariaDescription: 'empty cell',
      }),
      Plot.cell(withValue, { x: 'column', y: 'row', fill: 'value', inset: 0.5, title }),
      labelled
        ? Plot.text(withValue, {
            x: 'column',
            y: 'row',
            text: (c: HeatmapCell) => format(c.value ?? 0),
            fill: { value: (c: HeatmapCell) => contrastingText(color.colorOf(c.value ?? 0)), scale: null },
            pointerEvents: 'none',
          })
        : null,
    ],
  });
}

function describe(spec: HeatmapSpec): string {
  const { cells, rows, columns, format, valueLabel } = spec;
  const values = cells.filter((c) => isValue(c.value)).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const cell = (c: HeatmapCell | undefined) => (c ? `${c.row} × ${c.column} (${format(c.value ?? 0)})` : '');
  const parts = [
    `Heatmap of ${valueLabel}: ${rows.length} rows (${listPhrase(rows.slice(0, 6))}${
      rows.length > 6 ? ', …' : ''
    }) by ${columns.length} columns.`,
  ];
  if (values.length > 0) parts.push(`Highest ${cell(values[0])}; lowest ${cell(values[values.length - 1])}.`);
  const missing = cells.length - values.length;
  if (missing > 0) parts.push(`${missing} cells have no data.`);
  return parts.join(' ');
}

/** A rows × columns grid of values (e.g. topic × country), stepped colours, values printed when there is room. */
export function Heatmap(props: HeatmapProps) {
  const {
    cells,
    rowOrder,
    columnOrder,
    scheme = 'sequential',
    domain,
    showValues,
    rowLabel,
    columnLabel,
  } = props;
  const format = props.format ?? formatValue;
  const valueLabel = props.valueLabel ?? 'Value';
  const palette = useChartPalette();
  const spec = useMemo<HeatmapSpec>(
    () => ({
      cells,
      rows: orderedKeys(
        cells.map((c) => c.row),
        rowOrder,
      ),
      columns: orderedKeys(
        cells.map((c) => c.column),
        columnOrder,
      ),
      format,
      valueLabel,
      scheme,
      domain,
      showValues,
      rowLabel,
      columnLabel,
    }),
    [cells, rowOrder, columnOrder, format, valueLabel, scheme, domain, showValues, rowLabel, columnLabel],
  );
  const render = useMemo(
    () => (cells.length === 0 ? null : (width: number) => drawHeatmap(width, spec, palette)),
    [cells, spec, palette],
  );
  return (
    <ChartFrame
      title={props.title}
      subtitle={props.subtitle}
      summary={describe(spec)}
      render={render}
      csv={() => ({
        columns: [rowLabel ?? 'row', columnLabel ?? 'column', valueLabel, 'detail'],
        rows: cells.map((c) => [c.row, c.column, c.value, c.detail]),
      })}
      note={props.note}
      emptyMessage={props.emptyMessage}
    />
  );
}
