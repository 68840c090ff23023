import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

import type { RunAggregates } from '../domain/alignment/run-aggregates';
import { escapeHtml } from './escape-html';

/*
 * The HTML report's figures, drawn with the same plotting library as the app (Observable Plot) into a
 * server-side DOM, so the report is one self-contained file: inline SVG, no script, readable offline.
 */

/** One figure as SVG text, drawn into a fresh server-side document. */
function plotSvg(options: Plot.PlotOptions): string {
  // linkedom's document is typed with the DOM library, which the Node side does not load.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
  const figure = Plot.plot({ ...options, document }) as unknown as { outerHTML: string };
  return figure.outerHTML;
}

const label = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '—';

/** Mean similarity per condition and model, with a normal-approximation 95 % interval from the item spread. */
export function conditionFigure(aggregates: RunAggregates): string | null {
  const rows = aggregates.byCondition.flatMap((group) =>
    group.mean === null
      ? []
      : [
          {
            condition: label(group.key.condition),
            model: label(group.key.model),
            mean: group.mean,
            half: group.sd === null || group.n < 2 ? 0 : (1.96 * group.sd) / Math.sqrt(group.n),
          },
        ],
  );
  if (rows.length === 0) return null;
  return plotSvg({
    width: 720,
    height: 280,
    marginBottom: 40,
    y: { label: 'mean similarity (1 − JSD)', domain: [0, 1], grid: true },
    x: { label: 'condition' },
    // The models are the facets' labels; Plot's legends need a canvas, which a server-side DOM lacks.
    color: { legend: false },
    marks: [
      Plot.barY(rows, { x: 'condition', y: 'mean', fill: 'model', fx: 'model' }),
      Plot.ruleX(rows, {
        x: 'condition',
        y1: (row: (typeof rows)[number]) => row.mean - row.half,
        y2: (row: (typeof rows)[number]) => row.mean + row.half,
        fx: 'model',
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** Mean similarity per topic and country (the first model and condition T when present, else the first one). */
export function topicCountryFigure(aggregates: RunAggregates): string | null {
  const groups = aggregates.byTopicCountry.filter((group) => group.mean !== null);
  const first = groups[0];
  if (first === undefined) return null;
  const condition = groups.some((group) => group.key.condition === 'T') ? 'T' : first.key.condition;
  const cells = groups
    .filter((group) => group.key.condition === condition && group.key.model === first.key.model)
    .map((group) => ({
      topic: label(group.key.topic),
      country: label(group.key.country),
      mean: group.mean as number,
    }));
  const scope = `<p class="note">Model ${escapeHtml(label(first.key.model))}, condition ${escapeHtml(label(condition))}; values in the cells.</p>`;
  return (
    scope +
    plotSvg({
      width: 720,
      marginLeft: 160,
      padding: 0.05,
      color: { scheme: 'viridis', domain: [0, 1], legend: false },
      marks: [
        Plot.cell(cells, { x: 'country', y: 'topic', fill: 'mean' }),
        Plot.text(cells, {
          x: 'country',
          y: 'topic',
          text: (cell: (typeof cells)[number]) => cell.mean.toFixed(2),
          fill: 'white',
        }),
      ],
    })
  );
}

/** Each cue condition against the text persona: mean paired difference with its bootstrap interval. */
export function pairedFigure(aggregates: RunAggregates): string | null {
  const rows = aggregates.pairedVsText.flatMap((entry) =>
    entry.results.flatMap((result) =>
      result.meanDifference === null
        ? []
        : [
            {
              cue: `${entry.cue} · ${label(result.key.model)}`,
              difference: result.meanDifference,
              lower: result.interval?.lower ?? result.meanDifference,
              upper: result.interval?.upper ?? result.meanDifference,
            },
          ],
    ),
  );
  if (rows.length === 0) return null;
  return plotSvg({
    width: 720,
    marginLeft: 180,
    x: { label: 'change in similarity against T (paired, 95 % bootstrap interval)', grid: true },
    y: { label: null },
    marks: [
      Plot.ruleX([0]),
      Plot.ruleY(rows, { y: 'cue', x1: 'lower', x2: 'upper' }),
      Plot.dot(rows, { y: 'cue', x: 'difference', fill: 'currentColor' }),
    ],
  });
}
