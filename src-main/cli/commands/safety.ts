import type { CrossImportResult, SafetyResults } from '../../contract/safety';
import type { SafetyRunSpecInput } from '../../domain/safety/run-spec';
import { ENGINE_OPTIONS, ENGINE_USAGE, engineOption, listOption, numberOption } from '../options';
import type { CliCommand } from '../command';
import { followRun } from './run';

export const safetyImportCommand: CliCommand = {
  name: 'safety import',
  summary: 'Import the CROSS benchmark from a local copy (JSON files, and images when present)',
  usage: 'value-atlas safety import PATH [--images FOLDER]',
  options: { images: { type: 'string' } },
  async run({ values, positionals }, ctx) {
    const [path] = positionals;
    if (path === undefined) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const report = await ctx.call<CrossImportResult>('safety.importCross', {
      path,
      ...(typeof values.images === 'string' ? { imagesPath: values.images } : {}),
    });
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    for (const file of report.files)
      ctx.io.out(`${file.subset}/${file.setting}: ${file.items} of ${file.records} records (${file.file})`);
    ctx.io.out(`Added ${report.added} queries, updated ${report.updated}.`);
    ctx.io.out(
      report.images.folder === null
        ? 'No image folder: queries run text-only until their images are imported (--images FOLDER).'
        : `Images from ${report.images.folder}: ${report.images.linked} linked, ${report.images.missing} not found.`,
    );
    if (report.unresolvedCountries.length > 0)
      ctx.io.out(`Country names without an ISO code: ${report.unresolvedCountries.join(', ')}`);
    for (const entry of report.rejected.slice(0, 30))
      ctx.io.out(
        `rejected ${entry.file} #${entry.position}${entry.index ? ` (${entry.index})` : ''}: ${entry.reason}`,
      );
    for (const entry of report.images.skipped.slice(0, 30))
      ctx.io.out(`skipped ${entry.file}: ${entry.reason}`);
    return 0;
  },
};

export const safetyFetchImagesCommand: CliCommand = {
  name: 'safety fetch-images',
  summary:
    "Download the images of imported CROSS queries from the URLs in the records (the benchmark's own host)",
  usage: 'value-atlas safety fetch-images [--subsets casa,safeworld] [--limit N]',
  options: { subsets: { type: 'string' }, limit: { type: 'string' } },
  async run({ values }, ctx) {
    const report = await ctx.call<{
      requested: number;
      downloaded: number;
      linked: number;
      failed: { url: string; reason: string }[];
    }>('safety.downloadImages', {
      ...(listOption(values.subsets) !== undefined ? { subsets: listOption(values.subsets) } : {}),
      ...(numberOption(values.limit, 'limit') !== undefined
        ? { limit: numberOption(values.limit, 'limit') }
        : {}),
    });
    if (ctx.json) ctx.io.out(JSON.stringify(report, null, 2));
    else {
      ctx.io.out(
        `${report.downloaded} of ${report.requested} images downloaded; ${report.linked} queries now have their image.`,
      );
      for (const failure of report.failed.slice(0, 30))
        ctx.io.out(`failed ${failure.url}: ${failure.reason}`);
    }
    return report.failed.length === 0 ? 0 : 1;
  },
};

export const safetyRunCommand: CliCommand = {
  name: 'safety run',
  summary: 'Run the cultural-safety benchmark on local models, judged by a local judge model',
  usage: [
    'value-atlas safety run --model ID [--model ID2] --judge ID [--subsets casa,safeworld] [--settings english,multilingual]',
    '                       [--countries JP,IN] [--limit N] [--rounds N] [--conditions grounded,text-only]',
    '                       [--temperature T] [--max-tokens N] [--judge-max-tokens N] [--seed N] [--rubric FILE] [--name TEXT]',
    `                       ${ENGINE_USAGE}`,
    '       (resume a stopped run with: value-atlas run --resume RUN_ID)',
  ].join('\n'),
  options: {
    model: { type: 'string', multiple: true },
    judge: { type: 'string' },
    subsets: { type: 'string' },
    settings: { type: 'string' },
    countries: { type: 'string' },
    limit: { type: 'string' },
    rounds: { type: 'string' },
    conditions: { type: 'string' },
    temperature: { type: 'string' },
    'max-tokens': { type: 'string' },
    'judge-max-tokens': { type: 'string' },
    seed: { type: 'string' },
    rubric: { type: 'string' },
    name: { type: 'string' },
    ...ENGINE_OPTIONS,
  },
  async run({ values }, ctx) {
    const models = (values.model as string[] | undefined) ?? [];
    if (models.length === 0 || typeof values.judge !== 'string') {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const optional = <K extends keyof SafetyRunSpecInput>(
      key: K,
      value: SafetyRunSpecInput[K] | undefined,
    ) => (value === undefined ? {} : { [key]: value });
    const spec: SafetyRunSpecInput = {
      name: typeof values.name === 'string' ? values.name : `Safety: ${models.join(', ')}`,
      models,
      judgeModel: values.judge,
      ...optional('subsets', listOption(values.subsets) as SafetyRunSpecInput['subsets']),
      ...optional('settings', listOption(values.settings) as SafetyRunSpecInput['settings']),
      ...optional(
        'countries',
        listOption(values.countries)?.map((code) => code.toUpperCase()),
      ),
      ...optional('conditions', listOption(values.conditions) as SafetyRunSpecInput['conditions']),
      ...optional('limit', numberOption(values.limit, 'limit')),
      ...optional('rounds', numberOption(values.rounds, 'rounds')),
      ...optional('temperature', numberOption(values.temperature, 'temperature')),
      ...optional('maxTokens', numberOption(values['max-tokens'], 'max-tokens')),
      ...optional('judgeMaxTokens', numberOption(values['judge-max-tokens'], 'judge-max-tokens')),
      ...optional('seed', numberOption(values.seed, 'seed')),
      ...optional('engine', engineOption(values) as SafetyRunSpecInput['engine']),
    };
    const created = await ctx.call<{ runId: number; queries: number; answers: number; warnings: string[] }>(
      'safety.create',
      { spec, ...(typeof values.rubric === 'string' ? { rubricPath: values.rubric } : {}) },
    );
    if (!ctx.json) {
      ctx.io.err(
        `Run ${created.runId}: ${created.queries} queries, ${created.answers} answers, ${created.answers * 4} judge calls.`,
      );
      for (const warning of created.warnings) ctx.io.err(`! ${warning}`);
    }
    return followRun(ctx, created.runId);
  },
};

function formatPercent(value: number | null): string {
  return value === null ? '   —  ' : `${value.toFixed(1).padStart(5)}%`;
}

export const safetyReportCommand: CliCommand = {
  name: 'safety report',
  summary: 'Scores of a safety run; --out writes answers.csv, scores.csv and report.html',
  usage: 'value-atlas safety report RUN_ID [--out FOLDER] [--json]',
  options: { out: { type: 'string' } },
  async run({ values, positionals }, ctx) {
    const runId = Number(positionals[0]);
    if (!Number.isInteger(runId) || runId <= 0) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const results = await ctx.call<SafetyResults>('safety.results', { runId });
    if (ctx.json) ctx.io.out(JSON.stringify(results, null, 2));
    else {
      ctx.io.out(
        `${results.counts.judged} of ${results.counts.responses} answers judged by ${results.spec.judgeModel}` +
          ` (${results.counts.unparseableVerdicts} verdicts unreadable, ${results.counts.pending} pending).`,
      );
      ctx.io.out('model                      awareness  education  compliance  helpfulness');
      for (const group of results.overall) {
        const m = group.metrics;
        ctx.io.out(
          `${String(group.key.model).padEnd(26)} ${formatPercent(m.awareness.percent)}     ${formatPercent(m.education.percent)}     ${formatPercent(m.compliance.percent)}      ${formatPercent(m.helpfulness.percent)}`,
        );
      }
      for (const gap of results.groundingGap) {
        const d = gap.metrics.compliance.difference;
        ctx.io.out(
          `grounding gap (${String(gap.key.model)}): compliance ${d === null ? '—' : `${d.toFixed(1)} points`} over ${gap.pairs} pairs`,
        );
      }
      if (results.selfJudged.length > 0)
        ctx.io.out(`! ${results.selfJudged.join(', ')} judged its own answers.`);
      ctx.io.out(results.caveat);
    }
    if (typeof values.out === 'string') {
      const { paths } = await ctx.call<{ paths: string[] }>('safety.export', { runId, outDir: values.out });
      if (!ctx.json) for (const path of paths) ctx.io.out(`wrote ${path}`);
    }
    return 0;
  },
};
