import { SAFETY_DIMENSIONS } from '../../domain/safety/rubric';
import { SAFETY_METRICS, type SafetyScoreGroup } from '../../domain/safety/scores';
import type { SafetyResponseView, SafetyResults } from '../../domain/safety/views';
import { csvCell, escapeHtml } from '../exports';

const line = (cells: unknown[]) => cells.map(csvCell).join(',');

/** One row per answer: what was asked, what the model said, and each verdict with its state. */
export function safetyResponsesCsv(views: readonly SafetyResponseView[]): string {
  const header = [
    'key',
    'model',
    'condition',
    'round',
    'item',
    'subset',
    'setting',
    'country',
    'language',
    'image_source',
    'status',
    'query',
    'norm',
    'response',
    ...SAFETY_DIMENSIONS.flatMap((d) => [`${d}_score`, `${d}_state`]),
  ];
  const rows = views.map((view) =>
    line([
      view.key,
      view.model,
      view.condition,
      view.round,
      view.itemId,
      view.subset,
      view.setting,
      view.country,
      view.language,
      view.imageSource,
      view.status,
      view.query,
      view.norm,
      view.text ?? view.error ?? '',
      ...SAFETY_DIMENSIONS.flatMap((d) => [view.judges[d].score, view.judges[d].state]),
    ]),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** Every breakdown's four metrics with their Wilson intervals, one row per group. */
export function safetyScoresCsv(results: SafetyResults): string {
  const header = [
    'breakdown',
    'group',
    'responses',
    ...SAFETY_METRICS.flatMap((m) => [`${m}_pct`, `${m}_low`, `${m}_high`, `${m}_n`, `${m}_unparseable`]),
  ];
  const rows: string[] = [];
  for (const [name, groups] of breakdowns(results)) {
    for (const group of groups) {
      rows.push(
        line([
          name,
          JSON.stringify(group.key),
          group.responses,
          ...SAFETY_METRICS.flatMap((m) => {
            const r = group.metrics[m];
            return [r.percent, r.lower, r.upper, r.n, r.unparseable];
          }),
        ]),
      );
    }
  }
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

function breakdowns(results: SafetyResults): [string, SafetyScoreGroup[]][] {
  return [
    ['model', results.overall],
    ['subset', results.bySubset],
    ['country', results.byCountry],
    ['language', results.byLanguage],
    ['image source', results.byImageSource],
  ];
}

const pct = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`);
const REPORTED = ['awareness', 'education', 'compliance', 'helpfulness'] as const;

function scoreTable(groups: readonly SafetyScoreGroup[]): string {
  const keys = groups[0] === undefined ? [] : Object.keys(groups[0].key);
  const head = `<tr>${keys.map((k) => `<th>${escapeHtml(k)}</th>`).join('')}<th>answers</th>${REPORTED.map((m) => `<th>${m}</th>`).join('')}</tr>`;
  const body = groups
    .map((group) => {
      const cells = REPORTED.map((m) => {
        const r = group.metrics[m];
        const interval =
          r.lower === null || r.upper === null
            ? ''
            : ` <small>(${r.lower.toFixed(1)}–${r.upper.toFixed(1)})</small>`;
        const missing = r.unparseable > 0 ? ` <small>· ${r.unparseable} unreadable</small>` : '';
        return `<td>${pct(r.percent)}${interval}${missing}</td>`;
      }).join('');
      return `<tr>${keys.map((k) => `<td>${escapeHtml(String(group.key[k] ?? '—'))}</td>`).join('')}<td>${group.responses}</td>${cells}</tr>`;
    })
    .join('');
  return `<table>${head}${body}</table>`;
}

/** A self-contained HTML report (no scripts, no external resources) of a safety run. */
export function safetyHtmlReport(name: string, results: SafetyResults): string {
  const gap = results.groundingGap
    .map((group) =>
      REPORTED.map((m) => {
        const g = group.metrics[m];
        const interval =
          g.lower === null || g.upper === null ? '—' : `${g.lower.toFixed(1)} … ${g.upper.toFixed(1)}`;
        return `<tr><td>${escapeHtml(String(group.key.model ?? '—'))}</td><td>${m}</td><td>${g.pairs}</td><td>${pct(g.grounded)}</td><td>${pct(g.textOnly)}</td><td>${g.difference === null ? '—' : g.difference.toFixed(1)}</td><td>${interval}</td></tr>`;
      }).join(''),
    )
    .join('');
  const agreement = results.agreement.dimensions
    .map(
      (d) =>
        `<tr><td>${d.dimension}</td><td>${d.n}</td><td>${d.accuracy === null ? '—' : (100 * d.accuracy).toFixed(1) + ' %'}</td><td>${d.kappa === null ? '—' : d.kappa.toFixed(3)}</td></tr>`,
    )
    .join('');
  const selfJudged =
    results.selfJudged.length > 0
      ? `<p class="warn">${escapeHtml(results.selfJudged.join(', '))} judged its own answers: those scores are self-assessments.</p>`
      : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(name)} — cultural safety</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}small{color:#666}.warn{background:#fff4d6;padding:.5rem}</style>
</head><body>
<h1>${escapeHtml(name)}</h1>
<p>Cultural safety (CROSS queries) judged by <b>${escapeHtml(results.spec.judgeModel)}</b> with the rubric “${escapeHtml(results.rubric.name)}” ${escapeHtml(results.rubric.version)}, temperature 0, one call per dimension. Compliance = 100 − violation %. Intervals are 95 % Wilson intervals; unreadable verdicts are reported, never counted as 0.</p>
<p class="warn">${escapeHtml(results.caveat)}</p>
${selfJudged}
<p>${results.counts.responses} answers, ${results.counts.judged} fully judged, ${results.counts.pending} pending, ${results.counts.errors} failed, ${results.counts.unparseableVerdicts} verdicts without a score.</p>
<h2>By model</h2>${scoreTable(results.overall)}
<h2>By subset and setting</h2>${scoreTable(results.bySubset)}
<h2>By country</h2>${scoreTable(results.byCountry)}
<h2>By language</h2>${scoreTable(results.byLanguage)}
<h2>By image source</h2>${scoreTable(results.byImageSource)}
<h2>Visual grounding gap (grounded − text-only, percentage points)</h2>
${gap === '' ? '<p>Run both conditions to measure the gap.</p>' : `<table><tr><th>model</th><th>metric</th><th>pairs</th><th>grounded</th><th>text-only</th><th>difference</th><th>95 % bootstrap</th></tr>${gap}</table>`}
<h2>Judge–human agreement</h2>
${results.agreement.labelled === 0 ? '<p>No answers labelled by a person yet.</p>' : `<p>${results.agreement.labelled} answers labelled.</p><table><tr><th>dimension</th><th>n</th><th>accuracy</th><th>Cohen's κ</th></tr>${agreement}</table>`}
</body></html>
`;
}
