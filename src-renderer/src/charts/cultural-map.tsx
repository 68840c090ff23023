import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';

import { ChartFrame } from '../components/chart-frame';
import { formatValue, isValue, PLOT_STYLE } from './chart-text';
import { countryName, toNumericCode } from './country-codes';
import { type ChartPalette, useChartPalette } from './palette';

/** A position on the Inglehart–Welzel cultural map. */
export interface CulturalPoint {
  /** Country code (alpha-2 or alpha-3); human and model points of the same country are joined by an arrow. */
  code: string;
  /** Point label; the country's name by default. */
  label?: string;
  /** x: survival (negative) ↔ self-expression (positive). */
  survivalSelfExpression: number;
  /** y: traditional (negative) ↔ secular-rational (positive). */
  traditionalSecular: number;
}

export interface CulturalMapProps {
  title: string;
  subtitle?: string;
  /** Countries' positions from the survey. */
  human: readonly CulturalPoint[];
  /** Positions computed from the model's answers under each country persona. */
  model: readonly CulturalPoint[];
  humanLabel?: string;
  modelLabel?: string;
  note?: string;
  emptyMessage?: string;
}

interface Plotted extends CulturalPoint {
  series: string;
  name: string;
}

interface Pair {
  name: string;
  from: CulturalPoint;
  to: CulturalPoint;
}

const joinKey = (code: string) => toNumericCode(code) ?? code.toUpperCase();

const valid = (p: CulturalPoint) => isValue(p.survivalSelfExpression) && isValue(p.traditionalSecular);

function drawCulturalMap(
  width: number,
  points: Plotted[],
  pairs: Pair[],
  series: [string, string],
  palette: ChartPalette,
) {
  const [humanLabel, modelLabel] = series;
  const xy = (p: CulturalPoint) =>
    `survival/self-expression ${formatValue(p.survivalSelfExpression)}, traditional/secular ${formatValue(p.traditionalSecular)}`;
  return Plot.plot({
    width,
    height: Math.round(Math.max(360, Math.min(620, width * 0.62))),
    inset: 16,
    marginLeft: 56,
    marginBottom: 44,
    style: PLOT_STYLE,
    grid: true,
    x: { label: 'Survival ← → Self-expression', labelAnchor: 'center', labelArrow: 'none', nice: true },
    y: { label: 'Traditional ← → Secular-rational', labelAnchor: 'center', labelArrow: 'none', nice: true },
    color: { domain: series, range: [palette.categorical[1] ?? 'orange', palette.categorical[0] ?? 'blue'] },
    symbol: { domain: series, range: ['circle', 'triangle'], legend: true },
    marks: [
      Plot.ruleX([0], { stroke: palette.muted, strokeOpacity: 0.6 }),
      Plot.ruleY([0], { stroke: palette.muted, strokeOpacity: 0.6 }),
      Plot.arrow(pairs, {
        x1: (d: Pair) => d.from.survivalSelfExpression,
        y1: (d: Pair) => d.from.traditionalSecular,
        x2: (d: Pair) => d.to.survivalSelfExpression,
        y2: (d: Pair) => d.to.traditionalSecular,
        stroke: palette.muted,
        strokeWidth: 1.2,
        headLength: 7,
        insetStart: 5,
        insetEnd: 6,
        title: (d: Pair) => `${d.name}: ${humanLabel} → ${modelLabel}`,
        ariaDescription: 'shift from human to model',
      }),
      Plot.dot(points, {
        x: 'survivalSelfExpression',
        y: 'traditionalSecular',
        fill: 'series',
        symbol: 'series',
        stroke: palette.surface,
        strokeWidth: 1,
        r: 5,
        title: (p: Plotted) => `${p.name} (${p.series})\n${xy(p)}`,
      }),
      Plot.text(
        points.filter((p) => p.series === humanLabel),
        {
          x: 'survivalSelfExpression',
          y: 'traditionalSecular',
          text: 'name',
          dx: 8,
          textAnchor: 'start',
          fill: palette.text,
          stroke: palette.surface,
          strokeWidth: 3,
          paintOrder: 'stroke',
          pointerEvents: 'none',
        },
      ),
    ],
  });
}

/** The Inglehart–Welzel map: human country positions, model persona positions, and arrows between them. */
export function CulturalMap(props: CulturalMapProps) {
  const { human, model } = props;
  const humanLabel = props.humanLabel ?? 'Humans (WVS)';
  const modelLabel = props.modelLabel ?? 'Model persona';
  const palette = useChartPalette();
  const { points, pairs } = useMemo(() => {
    const tag = (series: string) => (p: CulturalPoint) => ({
      ...p,
      series,
      name: p.label ?? countryName(p.code),
    });
    const humans = human.filter(valid).map(tag(humanLabel));
    const models = model.filter(valid).map(tag(modelLabel));
    const byCode = new Map(humans.map((p) => [joinKey(p.code), p]));
    const joined = models.flatMap((to) => {
      const from = byCode.get(joinKey(to.code));
      return from ? [{ name: from.name, from, to }] : [];
    });
    return { points: [...humans, ...models], pairs: joined };
  }, [human, model, humanLabel, modelLabel]);
  const render = useMemo(
    () =>
      points.length === 0
        ? null
        : (width: number) => drawCulturalMap(width, points, pairs, [humanLabel, modelLabel], palette),
    [points, pairs, humanLabel, modelLabel, palette],
  );
  const distances = pairs.map((p) =>
    Math.hypot(
      p.to.survivalSelfExpression - p.from.survivalSelfExpression,
      p.to.traditionalSecular - p.from.traditionalSecular,
    ),
  );
  const mean = distances.reduce((a, b) => a + b, 0) / Math.max(1, distances.length);
  const summary = [
    `Inglehart–Welzel cultural map with ${points.length} points:`,
    `${human.length} ${humanLabel} and ${model.length} ${modelLabel} positions.`,
    pairs.length > 0
      ? `${pairs.length} countries have both; the mean shift is ${formatValue(mean)} units.`
      : '',
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
        columns: ['series', 'code', 'label', 'survival_self_expression', 'traditional_secular'],
        rows: points.map((p) => [p.series, p.code, p.name, p.survivalSelfExpression, p.traditionalSecular]),
      })}
      note={props.note}
      emptyMessage={props.emptyMessage}
    />
  );
}
