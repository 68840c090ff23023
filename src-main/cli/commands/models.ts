import type { ModelList, ModelSummary } from '../../contract/models';
import type { CliCommand } from '../command';

function describe(model: ModelSummary): string {
  const size = `${(model.sizeBytes / 2 ** 20).toFixed(1)} MiB`;
  const projector =
    model.projector === null
      ? 'no projector'
      : `${model.projector.type} projector, ${model.projector.imageSize ?? '?'} px`;
  const parts = [
    `${model.id}`,
    `${model.architecture} ${(model.parameters / 1e9).toFixed(2)} B params, ${model.quantisation}, ${projector}, ${size}`,
  ];
  if (model.demo) parts.push('DEMO: random weights, scores mean nothing');
  if (model.fit.reasons.length > 0) parts.push(model.fit.reasons.join('; '));
  return parts.join(' — ');
}

export const modelsListCommand: CliCommand = {
  name: 'models list',
  summary: 'Models found in the model folders, paired with their projectors',
  usage: 'value-atlas models list [--json]',
  async run(_args, ctx) {
    const list = await ctx.call<ModelList>('models.list', {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    ctx.io.out(`Model folders: ${list.folders.join(', ')}`);
    for (const model of list.models) ctx.io.out(`  ${describe(model)}`);
    for (const file of list.broken) ctx.io.out(`  unreadable: ${file.path}: ${file.problem}`);
    if (list.models.length === 0)
      ctx.io.out('  No models yet. Put a GGUF pair in a model folder, or run value-atlas demo-model.');
    return 0;
  },
};

export const demoModelCommand: CliCommand = {
  name: 'demo-model',
  summary: 'Write a tiny random-weight demo model pair (the pipeline is real, its scores mean nothing)',
  usage: 'value-atlas demo-model [--big]   (--big: LLaVA-1.5-7B shapes, 4.4 GB, for timing only)',
  options: { big: { type: 'boolean' } },
  async run({ values }, ctx) {
    const model = await ctx.call<ModelSummary>('models.createDemo', { big: values.big === true });
    if (ctx.json) ctx.io.out(JSON.stringify(model, null, 2));
    else {
      ctx.io.out(
        `Wrote the demo model '${model.id}' (random weights: its scores mean nothing) to ${model.modelPath}`,
      );
      ctx.io.out(`Use it with: value-atlas run --model ${model.id} …`);
    }
    return 0;
  },
};
