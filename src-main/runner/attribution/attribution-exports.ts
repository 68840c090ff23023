import type { AttributionAnswer, AttributionResults } from '../../domain/attribution/views';
import { csvCell, escapeHtml } from '../exports';

const line = (cells: unknown[]) => cells.map(csvCell).join(',');
const csv = (header: string[], rows: unknown[][]) => `${[header.join(','), ...rows.map(line)].join('\n')}\n`;

export function attributionAnswersCsv(answers: readonly AttributionAnswer[]): string {
  return csv(
    [
      'key',
      'model',
      'condition',
      'set',
      'dimension',
      'context',
      'kind',
      'sample',
      'status',
      'refusal',
      'values',
      'answer',
    ],
    answers.map((a) => [
      a.key,
      a.model,
      a.condition,
      a.setId,
      a.dimension,
      a.context,
      a.kind,
      a.sample,
      a.status,
      a.refusal ?? '',
      a.values.join('; '),
      a.text ?? a.error ?? '',
    ]),
  );
}

export function attributionSensitivityCsv(results: AttributionResults): string {
  return csv(
    ['model', 'set', 'kind', 'contexts', 'pairs', 'mean_jaccard', 'sensitivity'],
    results.sensitivity.rows.map((row) => [
      row.model,
      row.setId,
      row.valuesType,
      row.contexts,
      row.pairs,
      row.meanJaccard,
      row.sensitivity,
    ]),
  );
}

export function attributionValuesCsv(results: AttributionResults): string {
  return csv(
    ['model', 'dimension', 'kind', 'context', 'answers', 'rank', 'value', 'count'],
    results.values.flatMap((group) =>
      group.top.map((entry, rank) => [
        group.model,
        group.dimension,
        group.kind,
        group.context,
        group.answers,
        rank + 1,
        entry.value,
        entry.count,
      ]),
    ),
  );
}

const fixed = (value: number | null, digits = 3) => (value === null ? '—' : value.toFixed(digits));

/** A self-contained HTML report (no scripts, no external resources) of an attribution run. */
export function attributionHtmlReport(name: string, results: AttributionResults): string {
  const table = (head: string[], rows: string[][]) =>
    `<table><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>${rows
      .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
      .join('')}</table>`;
  const summary = (rows: AttributionResults['sensitivity']['summary']) =>
    table(
      ['model', 'kind', 'sets', 'mean', 'sd', 'min', 'median', 'max'],
      rows.map((r) => [
        r.model,
        r.valuesType,
        String(r.sets),
        fixed(r.mean),
        fixed(r.sd),
        fixed(r.min),
        fixed(r.median),
        fixed(r.max),
      ]),
    );
  const values = results.values
    .map(
      (group) =>
        `<h3>${escapeHtml(`${group.model} · ${group.dimension} · ${group.context} · ${group.kind}`)} <small>(${group.answers} answers)</small></h3><p>${group.top
          .map((entry) => `${escapeHtml(entry.value)} <small>${entry.count}</small>`)
          .join(', ')}</p>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(name)} — value attribution</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}small{color:#666}h3{font-size:14px;margin:.8rem 0 .2rem}</style>
</head><body>
<h1>${escapeHtml(name)}</h1>
<p>Values a model attributes to the same person in different contexts. ${results.counts.done} of ${results.counts.answers} answers read, ${results.counts.refusals} refusals (left out of the value sets). ${results.spec.samples} samples per image and question, temperature ${results.spec.temperature}.</p>
<h2>Context sensitivity (1 − mean pairwise Jaccard)</h2>
${summary(results.sensitivity.summary)}
${results.sensitivityClassified === null ? '' : `<h3>Only sets whose every context the model classified correctly</h3>${summary(results.sensitivityClassified)}`}
<h2>Context classification</h2>
${table(
  ['model', 'dimension', 'images', 'correct', 'unreadable', 'accuracy'],
  results.classification.map((c) => [
    c.model,
    c.dimension,
    String(c.images),
    String(c.correct),
    String(c.unreadable),
    `${(100 * c.accuracy).toFixed(1)} %`,
  ]),
)}
<h2>Refusals</h2>
${table(
  ['model', 'kind', 'context', 'answers', 'refusals', 'rate'],
  results.refusals.map((r) => [
    r.model,
    r.prompt,
    r.context,
    String(r.samples),
    String(r.refusals),
    `${(100 * r.rate).toFixed(1)} %`,
  ]),
)}
<h2>Most frequent values</h2>
${values}
</body></html>
`;
}
