import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { AlignmentExperiment } from '../domain/alignment/experiment';
import type { AnalysedItem, RunAggregates } from '../domain/alignment/run-aggregates';
import type { RunCounts } from '../domain/runs';
import { writeFileAtomic } from '../platform/atomic-write';
import { escapeHtml } from './escape-html';
import { conditionFigure, pairedFigure, topicCountryFigure } from './report-figures';

export type ExportFormat = 'csv' | 'jsonl' | 'html' | 'aggregates' | 'manifest' | 'all';

export interface ExportInput {
  runId: number;
  name: string;
  experiment: AlignmentExperiment;
  manifest: Record<string, unknown>;
  counts: RunCounts & { missingHuman: number };
  items: AnalysedItem[];
  aggregates: RunAggregates;
}

/** RFC 4180 cell; cells that a spreadsheet would run as a formula (=, +, -, @) get a leading quote. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const metric = (item: AnalysedItem, name: keyof AnalysedItem['metrics'], substantive = false) => {
  const result = (substantive ? item.metricsSubstantive : item.metrics)[name];
  return result.ok ? result.value : null;
};

const ITEM_COLUMNS: [string, (item: AnalysedItem, runId: number) => unknown][] = [
  ['run_id', (_item, runId) => runId],
  ['model', (item) => item.model],
  ['condition', (item) => item.condition],
  ['country', (item) => item.country],
  ['persona_country', (item) => item.personaCountry],
  ['image_country', (item) => item.imageCountry],
  ['image_id', (item) => item.imageId],
  ['option_order', (item) => item.orderIndex],
  ['question_id', (item) => item.questionId],
  ['question', (item) => item.questionText],
  ['topic', (item) => item.topic],
  ['income_group', (item) => item.incomeGroup],
  ['region', (item) => item.region],
  ['options', (item) => item.options],
  ['model_distribution', (item) => item.predicted],
  ['human_distribution', (item) => item.human],
  ['coverage', (item) => item.coverage],
  ['similarity', (item) => item.similarity],
  ['js_distance', (item) => metric(item, 'jsDistance')],
  ['wasserstein', (item) => metric(item, 'wasserstein')],
  ['hellinger', (item) => metric(item, 'hellinger')],
  ['majority_agreement', (item) => metric(item, 'majorityAgreement')],
  ['expected_value_distance', (item) => metric(item, 'expectedValueDistance')],
  ['similarity_substantive', (item) => metric(item, 'jsSimilarity', true)],
  ['wasserstein_substantive', (item) => metric(item, 'wasserstein', true)],
  ['similarity_to_image_country', (item) => item.similarityToImageCountry],
];

export function itemsCsv(input: ExportInput): string {
  const header = ITEM_COLUMNS.map(([name]) => name).join(',');
  const rows = input.items.map((item) =>
    ITEM_COLUMNS.map(([, get]) => csvCell(get(item, input.runId))).join(','),
  );
  return `${[header, ...rows].join('\r\n')}\r\n`;
}

export function itemsJsonl(input: ExportInput): string {
  return (
    input.items
      .map((item) =>
        JSON.stringify(Object.fromEntries(ITEM_COLUMNS.map(([name, get]) => [name, get(item, input.runId)]))),
      )
      .join('\n') + '\n'
  );
}

/** One long table: every aggregate mean with its n and exclusions, labelled by table and key. */
export function aggregatesCsv(input: ExportInput): string {
  const lines = ['table,key,mean,sd,n,n_excluded'];
  const tables: [string, RunAggregates['byCountry']][] = [
    ['by_country', input.aggregates.byCountry],
    ['by_topic', input.aggregates.byTopic],
    ['by_topic_country', input.aggregates.byTopicCountry],
    ['by_condition', input.aggregates.byCondition],
  ];
  for (const [table, groups] of tables) {
    for (const group of groups)
      lines.push(
        [table, JSON.stringify(group.key), group.mean, group.sd, group.n, group.nExcluded]
          .map(csvCell)
          .join(','),
      );
  }
  for (const row of input.aggregates.percentChangeByCountry) {
    lines.push(
      [
        'pct_change_vs_T_by_country',
        JSON.stringify({ ...row.key, condition: row.condition }),
        row.change.ok ? row.change.value : null,
        null,
        row.nCue,
        row.nExcludedCue,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export { escapeHtml };

const fmt = (value: number | null | undefined, digits = 3) =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);

/** A self-contained report: no scripts, no external resources; opens in any browser, offline. */
/** A figure with its title, or nothing when the run has no data for it. */
function figure(title: string, svg: string | null): string {
  return svg === null ? '' : `<figure><figcaption>${escapeHtml(title)}</figcaption>${svg}</figure>`;
}

export function htmlReport(input: ExportInput): string {
  const manifest = input.manifest as {
    models?: { id: string; sha256?: string; quantisation?: string; demo?: boolean }[];
    dataset?: { name?: string; licence?: string; citation?: string; sha256?: string };
    engine?: Record<string, unknown>;
  };
  const demo = manifest.models?.some((model) => model.demo === true) === true;
  const rows = (groups: RunAggregates['byCountry'], keys: string[]) =>
    groups
      .map(
        (group) =>
          `<tr>${keys.map((key) => `<td>${escapeHtml(String(group.key[key] ?? '—'))}</td>`).join('')}<td>${fmt(group.mean)}</td><td>${group.n}</td><td>${group.nExcluded}</td></tr>`,
      )
      .join('');
  const paired = input.aggregates.pairedVsText
    .flatMap((entry) =>
      entry.results.map(
        (result) =>
          `<tr><td>${escapeHtml(entry.cue)}</td><td>${escapeHtml(String(result.key.model))}</td><td>${result.nPairs}</td><td>${fmt(result.meanDifference, 4)}</td><td>${result.interval === null ? '—' : `${fmt(result.interval.lower, 4)} … ${fmt(result.interval.upper, 4)}`}</td><td>${result.test === null ? '—' : fmt(result.test.pCorrected, 4)}</td></tr>`,
      ),
    )
    .join('');
  const worst = [...input.items]
    .filter((item) => item.similarity !== null)
    .sort((a, b) => (a.similarity ?? 0) - (b.similarity ?? 0))
    .slice(0, 25)
    .map(
      (item) =>
        `<tr><td>${escapeHtml(item.questionText)}</td><td>${escapeHtml(item.country)}</td><td>${escapeHtml(item.condition)}</td><td>${fmt(item.similarity)}</td><td>${fmt(item.coverage * 100, 1)} %</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Value Atlas report — run ${input.runId}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:32px;color:#1b2430;max-width:1100px}table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #d8dee6;padding:4px 8px;text-align:left}th{background:#eef1f5}.warn{border:1px solid #9a6700;color:#9a6700;padding:8px 12px;font-weight:600}code{background:#eef1f5;padding:1px 4px}figure{margin:8px 0 24px}figcaption{font-weight:600;margin-bottom:4px}pre{white-space:pre-wrap;word-break:break-all}</style></head>
<body>
<h1>Value Atlas report — run ${input.runId}: ${escapeHtml(input.name)}</h1>
${demo ? '<p class="warn">This run used the demo model (random weights). The pipeline is real; the scores mean nothing.</p>' : ''}
<p>Similarity is 1 − Jensen–Shannon distance between the model's answer distribution and the people of the country (1 = identical answers).</p>
<h2>Counts</h2>
<table><tr><th>items</th><th>done</th><th>errors</th><th>pending</th><th>from cache</th><th>without human data</th></tr>
<tr><td>${input.counts.total}</td><td>${input.counts.done}</td><td>${input.counts.errors}</td><td>${input.counts.pending}</td><td>${input.counts.fromCache}</td><td>${input.counts.missingHuman}</td></tr></table>
<h2>Models and data</h2>
<table><tr><th>model</th><th>quantisation</th><th>SHA-256</th></tr>${(manifest.models ?? []).map((model) => `<tr><td>${escapeHtml(model.id)}</td><td>${escapeHtml(model.quantisation ?? '—')}</td><td><code>${escapeHtml(model.sha256 ?? '—')}</code></td></tr>`).join('')}</table>
<p>Dataset: ${escapeHtml(manifest.dataset?.name ?? '—')} (licence ${escapeHtml(manifest.dataset?.licence ?? '—')}). Cite: ${escapeHtml(manifest.dataset?.citation ?? '—')}</p>
<h2>Figures</h2>
${figure('Mean similarity by condition', conditionFigure(input.aggregates))}
${figure('Cue conditions against the text persona', pairedFigure(input.aggregates))}
${figure('Topic × country', topicCountryFigure(input.aggregates))}
<h2>Mean similarity by country and condition</h2>
<table><tr><th>country</th><th>condition</th><th>model</th><th>mean</th><th>n</th><th>excluded</th></tr>${rows(input.aggregates.byCountry, ['country', 'condition', 'model'])}</table>
<h2>By topic</h2>
<table><tr><th>topic</th><th>condition</th><th>model</th><th>mean</th><th>n</th><th>excluded</th></tr>${rows(input.aggregates.byTopic, ['topic', 'condition', 'model'])}</table>
<h2>Cue conditions against the text persona (paired on question and country)</h2>
<p>Mean difference with a 95 % paired bootstrap interval and a sign-flip permutation p. Rows are not independent; read small p-values with care.</p>
<table><tr><th>condition</th><th>model</th><th>pairs</th><th>difference</th><th>95 % interval</th><th>p</th></tr>${paired}</table>
<h2>The 25 least aligned items</h2>
<table><tr><th>question</th><th>country</th><th>condition</th><th>similarity</th><th>coverage</th></tr>${worst}</table>
<h2>Manifest</h2>
<pre>${escapeHtml(JSON.stringify({ manifest: input.manifest, experiment: input.experiment }, null, 2))}</pre>
</body></html>
`;
}

/** Writes the chosen exports of a run into `outDir`, each atomically; returns the paths. */
export async function writeExports(
  input: ExportInput,
  format: ExportFormat,
  outDir: string,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, `run-${input.runId}`);
  const files: [ExportFormat, string, () => string][] = [
    ['csv', `${base}-items.csv`, () => itemsCsv(input)],
    ['jsonl', `${base}-items.jsonl`, () => itemsJsonl(input)],
    ['aggregates', `${base}-aggregates.csv`, () => aggregatesCsv(input)],
    [
      'manifest',
      `${base}-manifest.json`,
      () =>
        JSON.stringify(
          {
            runId: input.runId,
            manifest: input.manifest,
            experiment: input.experiment,
            counts: input.counts,
          },
          null,
          2,
        ),
    ],
    ['html', `${base}-report.html`, () => htmlReport(input)],
  ];
  const written: string[] = [];
  for (const [kind, path, render] of files) {
    if (format !== 'all' && format !== kind) continue;
    await writeFileAtomic(path, render());
    written.push(path);
  }
  return written;
}
