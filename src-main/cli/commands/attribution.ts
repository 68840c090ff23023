import type {
  AttributionResults,
  ContextProfile,
  CounterfactualImportResult,
  FoundationProfile,
} from '../../contract/attribution';
import type { AttributionRunSpecInput } from '../../domain/attribution/run-spec';
import { ENGINE_OPTIONS, ENGINE_USAGE, engineOption, listOption, numberOption } from '../options';
import type { CliCommand } from '../command';
import { followRun } from './run';

export const attributionImportCommand: CliCommand = {
  name: 'attribution import',
  summary: 'Import counterfactual image sets: a folder <set_id>/<set_id>_<context>.png, or a manifest',
  usage:
    'value-atlas attribution import PATH [--metadata FILE] [--dimension religion|nationality|socioeconomic]',
  options: { metadata: { type: 'string' }, dimension: { type: 'string' } },
  async run({ values, positionals }, ctx) {
    const [path] = positionals;
    if (path === undefined) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const report = await ctx.call<CounterfactualImportResult>('attribution.importSets', {
      path,
      ...(typeof values.metadata === 'string' ? { metadataPath: values.metadata } : {}),
      ...(typeof values.dimension === 'string' ? { dimension: values.dimension } : {}),
    });
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    ctx.io.out(
      `Added ${report.added} sets (${report.replaced} replaced), ${report.images} images, from ${report.root}.`,
    );
    for (const set of report.sets) ctx.io.out(`  ${set.id} (${set.dimension}): ${set.contexts.join(', ')}`);
    for (const warning of report.warnings) ctx.io.out(`! ${warning}`);
    for (const entry of report.skipped.slice(0, 30)) ctx.io.out(`skipped ${entry.file}: ${entry.reason}`);
    return 0;
  },
};

export const attributionRunCommand: CliCommand = {
  name: 'attribution run',
  summary: 'Ask a model which values the person in each counterfactual image holds',
  usage: [
    'value-atlas attribution run --model ID [--model ID2] [--dimensions religion,nationality,socioeconomic]',
    '                            [--kinds moral,ethical,political] [--samples N] [--sets-per-dimension N]',
    '                            [--temperature T] [--max-tokens N] [--seed N] [--no-classification] [--no-blank] [--no-person-only]',
    '                            [--foundation-judge MODEL_ID]',
    '                            [--template FILE] [--name TEXT]',
    `                            ${ENGINE_USAGE}`,
    '       (resume a stopped run with: value-atlas run --resume RUN_ID)',
  ].join('\n'),
  options: {
    model: { type: 'string', multiple: true },
    dimensions: { type: 'string' },
    kinds: { type: 'string' },
    samples: { type: 'string' },
    'sets-per-dimension': { type: 'string' },
    temperature: { type: 'string' },
    'max-tokens': { type: 'string' },
    seed: { type: 'string' },
    'no-classification': { type: 'boolean' },
    'no-blank': { type: 'boolean' },
    'no-person-only': { type: 'boolean' },
    'foundation-judge': { type: 'string' },
    template: { type: 'string' },
    name: { type: 'string' },
    ...ENGINE_OPTIONS,
  },
  async run({ values }, ctx) {
    const models = (values.model as string[] | undefined) ?? [];
    if (models.length === 0) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const optional = <K extends keyof AttributionRunSpecInput>(
      key: K,
      value: AttributionRunSpecInput[K] | undefined,
    ) => (value === undefined ? {} : { [key]: value });
    const spec: AttributionRunSpecInput = {
      name: typeof values.name === 'string' ? values.name : `Attribution: ${models.join(', ')}`,
      models,
      ...optional('dimensions', listOption(values.dimensions) as AttributionRunSpecInput['dimensions']),
      ...optional('kinds', listOption(values.kinds) as AttributionRunSpecInput['kinds']),
      ...optional('samples', numberOption(values.samples, 'samples')),
      ...optional('setsPerDimension', numberOption(values['sets-per-dimension'], 'sets-per-dimension')),
      ...optional('temperature', numberOption(values.temperature, 'temperature')),
      ...optional('maxTokens', numberOption(values['max-tokens'], 'max-tokens')),
      ...optional('seed', numberOption(values.seed, 'seed')),
      ...(values['no-classification'] === true ? { classification: false } : {}),
      ...(values['no-blank'] === true ? { blankBaseline: false } : {}),
      ...(values['no-person-only'] === true ? { personOnlyBaseline: false } : {}),
      ...(typeof values['foundation-judge'] === 'string'
        ? { foundationJudge: values['foundation-judge'] }
        : {}),
      ...optional('engine', engineOption(values) as AttributionRunSpecInput['engine']),
    };
    const created = await ctx.call<{ runId: number; calls: number; warnings: string[] }>(
      'attribution.create',
      {
        spec,
        ...(typeof values.template === 'string' ? { templatePath: values.template } : {}),
      },
    );
    if (!ctx.json) {
      ctx.io.err(`Run ${created.runId}: ${created.calls} model calls.`);
      for (const warning of created.warnings) ctx.io.err(`! ${warning}`);
    }
    return followRun(ctx, created.runId);
  },
};

export const attributionReportCommand: CliCommand = {
  name: 'attribution report',
  summary: 'Context sensitivity, classification, refusals and top values of a run; --out writes CSV and HTML',
  usage:
    'value-atlas attribution report RUN_ID [--out FOLDER] [--vad FILE] [--warmth FILE] [--mfd FILE | --judge-foundations] [--json]',
  options: {
    out: { type: 'string' },
    vad: { type: 'string' },
    warmth: { type: 'string' },
    mfd: { type: 'string' },
    'judge-foundations': { type: 'boolean' },
  },
  async run({ values, positionals }, ctx) {
    const runId = Number(positionals[0]);
    if (!Number.isInteger(runId) || runId <= 0) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const results = await ctx.call<AttributionResults>('attribution.results', { runId });
    if (ctx.json) ctx.io.out(JSON.stringify(results, null, 2));
    else {
      ctx.io.out(
        `${results.counts.done} of ${results.counts.answers} answers read, ${results.counts.refusals} refusals.`,
      );
      ctx.io.out('Context sensitivity (1 − mean pairwise Jaccard):');
      for (const row of results.sensitivity.summary)
        ctx.io.out(
          `  ${row.model}  ${row.valuesType.padEnd(9)} mean ${row.mean.toFixed(3)} over ${row.sets} sets`,
        );
      for (const row of results.classification)
        ctx.io.out(`Classification ${row.model} ${row.dimension}: ${row.correct}/${row.images} correct`);
    }
    const lexicons = {
      ...(typeof values.vad === 'string' ? { vadPath: values.vad } : {}),
      ...(typeof values.warmth === 'string' ? { warmthPath: values.warmth } : {}),
      ...(typeof values.mfd === 'string' ? { moralPath: values.mfd } : {}),
      ...(values['judge-foundations'] === true ? { judgeFoundations: true } : {}),
    };
    if (Object.keys(lexicons).length > 0) {
      const profiles = await ctx.call<{ contexts: ContextProfile[]; foundations: FoundationProfile[] }>(
        'attribution.profiles',
        { runId, ...lexicons },
      );
      if (ctx.json) ctx.io.out(JSON.stringify(profiles, null, 2));
      else {
        for (const row of profiles.contexts) {
          const vad = row.vad?.means;
          const warmth = row.warmth;
          ctx.io.out(
            `  ${row.model} ${row.dimension}/${row.context} ${row.kind}:` +
              (vad == null
                ? ''
                : ` valence ${vad.valence.toFixed(2)} arousal ${vad.arousal.toFixed(2)} dominance ${vad.dominance.toFixed(2)}`) +
              (warmth == null
                ? ''
                : ` warmth/competence coverage ${((warmth.coverage ?? 0) * 100).toFixed(0)} %`),
          );
        }
        for (const pool of profiles.foundations)
          for (const context of pool.contexts)
            ctx.io.out(
              `  foundations ${pool.model} ${pool.dimension}/${context.context} ${pool.kind}: ` +
                Object.entries(context.shares)
                  .map(([name, share]) => `${name} ${(100 * share).toFixed(0)} %`)
                  .join(', '),
            );
      }
    }
    if (typeof values.out === 'string') {
      const { paths } = await ctx.call<{ paths: string[] }>('attribution.export', {
        runId,
        outDir: values.out,
      });
      if (!ctx.json) for (const path of paths) ctx.io.out(`wrote ${path}`);
    }
    return 0;
  },
};
