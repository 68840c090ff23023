import type { PlanPreview } from '../../contract/runs';
import type { RunProgress, RunSummary } from '../../domain/runs';
import { ENGINE_OPTIONS, ENGINE_USAGE, engineOption, listOption, numberOption } from '../options';
import type { CliCommand, CliContext } from '../command';
import { formatDuration, formatRunProgress } from '../progress-line';

/** Follows a run's progress until it stops; Ctrl-C pauses it so `run --resume` can continue. */
export async function followRun(ctx: CliContext, runId: number): Promise<number> {
  const api = await ctx.api();
  let last: RunProgress | undefined;
  let lastPrinted = 0;
  const interactive = process.stderr.isTTY;
  const unsubscribe = api.services.events.subscribe((event, payload) => {
    if (event !== 'run.progress') return;
    const progress = payload as RunProgress;
    if (progress.runId !== runId) return;
    last = progress;
    const now = Date.now();
    if (ctx.json) return;
    if (interactive) process.stderr.write(`\r${formatRunProgress(progress)}   `);
    else if (now - lastPrinted > 5000 || progress.state !== 'running') {
      lastPrinted = now;
      ctx.io.err(formatRunProgress(progress));
    }
  });
  const onInterrupt = () => {
    ctx.io.err('\nPausing… (resume later with: value-atlas run --resume ' + String(runId) + ')');
    void api.dispatcher.call('runs.pause', { runId }, { door: 'cli' }).catch(() => undefined);
  };
  ctx.interrupted.addEventListener('abort', onInterrupt, { once: true });
  await api.services.alignment().manager.waitForIdle();
  ctx.interrupted.removeEventListener('abort', onInterrupt);
  unsubscribe();
  if (interactive && !ctx.json) process.stderr.write('\n');
  const summary = await ctx.call<RunSummary>('runs.get', { runId });
  if (ctx.json) ctx.io.out(JSON.stringify({ ...summary, progress: last }, null, 2));
  else
    ctx.io.out(
      `Run ${runId} ${summary.state}.${summary.state === 'completed' ? ` See: value-atlas report ${runId}` : ''}`,
    );
  return summary.state === 'completed' ? 0 : summary.state === 'failed' ? 1 : 3;
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a value-alignment experiment (or resume one) and follow its progress',
  usage: [
    'value-atlas run --model ID --countries US,NG,JP --dataset N [--topics a,b] [--conditions T,I,TI,conflict,blank]',
    '                [--images-per-country N] [--image-category C] [--question-limit N] [--template ID]',
    '                [--min-coverage 0.1] [--option-orders identity,reversed] [--seed N] [--name TEXT] [--dry-run]',
    `                ${ENGINE_USAGE}`,
    '       value-atlas run --resume RUN_ID [--retry-failed]',
  ].join('\n'),
  options: {
    model: { type: 'string', multiple: true },
    countries: { type: 'string' },
    dataset: { type: 'string' },
    topics: { type: 'string' },
    questions: { type: 'string' },
    conditions: { type: 'string' },
    'images-per-country': { type: 'string' },
    'image-category': { type: 'string' },
    'question-limit': { type: 'string' },
    template: { type: 'string' },
    'min-coverage': { type: 'string' },
    'option-orders': { type: 'string' },
    seed: { type: 'string' },
    name: { type: 'string' },
    ...ENGINE_OPTIONS,
    'dry-run': { type: 'boolean' },
    resume: { type: 'string' },
    'retry-failed': { type: 'boolean' },
  },
  async run({ values }, ctx) {
    if (typeof values.resume === 'string') {
      const runId = Number(values.resume);
      await ctx.call('runs.start', { runId, retryFailed: values['retry-failed'] === true });
      return followRun(ctx, runId);
    }
    const models = Array.isArray(values.model) ? (values.model as string[]) : [];
    const countries = listOption(values.countries)?.map((code) => code.toUpperCase());
    if (models.length === 0 || countries === undefined || values.dataset === undefined) {
      ctx.io.err('A run needs --model, --countries and --dataset. See value-atlas run --help.');
      return 2;
    }
    const orders = listOption(values['option-orders']) ?? ['identity'];
    const experiment = {
      name: typeof values.name === 'string' ? values.name : `${models.join('+')} · ${countries.join(',')}`,
      models,
      countries,
      datasetId: numberOption(values.dataset, 'dataset'),
      ...(listOption(values.topics) !== undefined ? { topics: listOption(values.topics) } : {}),
      ...(listOption(values.questions) !== undefined ? { questionIds: listOption(values.questions) } : {}),
      conditions: listOption(values.conditions) ?? ['T', 'TI'],
      images: {
        perCountry: numberOption(values['images-per-country'], 'images-per-country') ?? 1,
        ...(typeof values['image-category'] === 'string' ? { category: values['image-category'] } : {}),
      },
      ...(values['question-limit'] !== undefined
        ? { questionLimit: numberOption(values['question-limit'], 'question-limit') }
        : {}),
      ...(typeof values.template === 'string' ? { templateId: values.template } : {}),
      ...(values['min-coverage'] !== undefined
        ? { minCoverage: numberOption(values['min-coverage'], 'min-coverage') }
        : {}),
      optionOrders: orders.map((kind, index) => (kind === 'shuffled' ? { kind, seed: index + 1 } : { kind })),
      ...(values.seed !== undefined ? { seed: numberOption(values.seed, 'seed') } : {}),
      engine: engineOption(values) ?? { backend: 'default' },
    };
    const preview = await ctx.call<PlanPreview>('runs.plan', { experiment });
    for (const warning of preview.warnings)
      ctx.io.err(
        `warning: ${warning.country}${warning.condition ? ` (${warning.condition})` : ''}: ${warning.message}`,
      );
    ctx.io.err(
      `${preview.itemCount} items in ${preview.groupCount} prefix groups · estimated ${formatDuration(preview.estimate.seconds)} (${preview.estimate.basis})`,
    );
    if (values['dry-run'] === true) {
      if (ctx.json) ctx.io.out(JSON.stringify(preview, null, 2));
      return 0;
    }
    const { runId } = await ctx.call<{ runId: number }>('runs.create', { experiment, start: true });
    ctx.io.err(`Run ${runId} started. Ctrl-C pauses it.`);
    return followRun(ctx, runId);
  },
};
