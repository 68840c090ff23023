import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';

import { ChartFrame } from '../components/chart-frame';
import { formatPercent, isValue, labelMargin, listPhrase, PLOT_STYLE, truncate } from './chart-text';
import { type ChartPalette, useChartPalette } from './palette';

/** One answer option's share (0–1) among the model's and the humans' answers. */
export interface OptionShare {
  option: string;
  model: number | null;
  human: number | null;
}

export interface DistributionCompareProps {
  title: string;
  /** Shown under the title; the question text is a good choice. */
  subtitle?: string;
  /** Options in questionnaire order. */
  options: readonly OptionShare[];
  modelLabel?: string;
  humanLabel?: string;
  /**
   * The model's probability mass on the listed options before renormalisation (0–1). Low coverage means the model
   * mostly answered something else, so the distribution says little.
   */
  coverage?: number;
  /** Similarity (1 − JSD) between the two distributions, reported in the note. */
  similarity?: number;
  note?: string;
  emptyMessage?: string;
}

interface Bar {
  option: string;
  series: string;
  share: number;
}

function drawDistribution(
  width: number,
  bars: Bar[],
  order: string[],
  series: [string, string],
  palette: ChartPalette,
) {
  const maxShare = Math.max(0.05, ...bars.map((b) => b.share));
  const labels = order.map((o) => truncate(o, 40));
  return Plot.plot({
    width,
    height: 40 + order.length * 44,
    marginLeft: labelMargin(labels, 60, 300),
    marginRight: 56,
    marginTop: 8,
    marginBottom: 44,
    style: PLOT_STYLE,
    fy: {
      domain: order,
      label: null,
      axis: 'left',
      tickFormat: (d: string) => truncate(d, 40),
      padding: 0.18,
    },
    y: { domain: series, axis: null, padding: 0.08 },
    x: {
      domain: [0, Math.min(1, maxShare * 1.12)],
      label: 'Share of answers',
      labelAnchor: 'center',
      tickFormat: '.0%',
      grid: true,
    },
    color: {
      domain: series,
      range: [palette.categorical[0] ?? 'blue', palette.categorical[1] ?? 'orange'],
      legend: true,
    },
    marks: [
      Plot.barX(bars, {
        fy: 'option',
        y: 'series',
        x: 'share',
        fill: 'series',
        title: (b: Bar) => `${b.option}\n${b.series}: ${formatPercent(b.share)}`,
      }),
      Plot.text(bars, {
        fy: 'option',
        y: 'series',
        x: 'share',
        text: (b: Bar) => formatPercent(b.share),
        textAnchor: 'start',
        dx: 4,
        fill: palette.text,
        fontSize: 11,
        ariaDescription: 'percentages',
      }),
      Plot.ruleX([0], { stroke: palette.muted }),
    ],
  });
}

function coverageNote(
  coverage: number | undefined,
  similarity: number | undefined,
  modelLabel: string,
): string {
  const parts: string[] = [];
  if (isValue(similarity)) parts.push(`Similarity (1 − JSD): ${similarity.toFixed(3)}.`);
  if (isValue(coverage)) {
    parts.push(
      `${modelLabel} probability on the listed options: ${formatPercent(coverage)}, renormalised to 100%.`,
    );
    if (coverage < 0.5)
      parts.push('Low coverage: most of the probability went elsewhere, so read this with care.');
  }
  return parts.join(' ');
}

/** One question's answer distribution: model and humans side by side for every option. */
export function DistributionCompare(props: DistributionCompareProps) {
  const { options, coverage, similarity } = props;
  const modelLabel = props.modelLabel ?? 'Model';
  const humanLabel = props.humanLabel ?? 'Humans';
  const palette = useChartPalette();
  const { bars, order } = useMemo(() => {
    const rows = options.flatMap((o) => [
      ...(isValue(o.model) ? [{ option: o.option, series: modelLabel, share: o.model }] : []),
      ...(isValue(o.human) ? [{ option: o.option, series: humanLabel, share: o.human }] : []),
    ]);
    return { bars: rows, order: [...new Set(options.map((o) => o.option))] };
  }, [options, modelLabel, humanLabel]);
  const render = useMemo(
    () =>
      bars.length === 0
        ? null
        : (width: number) => drawDistribution(width, bars, order, [modelLabel, humanLabel], palette),
    [bars, order, modelLabel, humanLabel, palette],
  );
  const top = (pick: (o: OptionShare) => number | null) =>
    [...options].sort((a, b) => (pick(b) ?? -1) - (pick(a) ?? -1))[0];
  const modelTop = top((o) => o.model);
  const humanTop = top((o) => o.human);
  const summary = [
    `Answer distribution over ${order.length} options (${listPhrase(order.slice(0, 8))}), ${modelLabel} and ${humanLabel}.`,
    modelTop && isValue(modelTop.model)
      ? `${modelLabel} most often: ${modelTop.option} ${formatPercent(modelTop.model)}.`
      : '',
    humanTop && isValue(humanTop.human)
      ? `${humanLabel} most often: ${humanTop.option} ${formatPercent(humanTop.human)}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const note = [coverageNote(coverage, similarity, modelLabel), props.note].filter(Boolean).join(' ');
  return (
    <ChartFrame
      title={props.title}
      subtitle={props.subtitle}
      summary={summary}
      render={render}
      csv={() => ({
        columns: ['option', `${modelLabel} share`, `${humanLabel} share`],
        rows: options.map((o) => [o.option, o.model, o.human]),
      })}
      note={note || undefined}
      emptyMessage={props.emptyMessage}
    />
  );
}
