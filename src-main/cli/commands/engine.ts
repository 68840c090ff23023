import type { BackendsReport, EngineSettingsView, NativeBuildView } from '../../contract/engine';
import type { LogEntry, TaskProgress } from '../../contract/events';
import type { CliCommand, CliContext } from '../command';
import { formatDuration } from '../progress-line';

function positiveInteger(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(
      `--${name} must be a whole number ≥ 1, not '${typeof value === 'string' ? value : JSON.stringify(value)}'.`,
    );
  return parsed;
}

function describeBuild(build: NativeBuildView): string {
  const gpus = [
    build.options.cuda && 'CUDA',
    build.options.vulkan && 'Vulkan',
    build.options.metal && 'Metal',
  ].filter(Boolean);
  return `llama.cpp ${build.llamaCppVersion} (${build.commit}) ${gpus.length > 0 ? gpus.join('+') : 'CPU'}, built ${build.builtAt} in ${formatDuration(build.durationsMs.total / 1000)}`;
}

/** Prints the build's steps as they come (log events) and the compile count every few seconds (task events). */
async function followBuild(ctx: CliContext): Promise<() => void> {
  const api = await ctx.api();
  let lastPrinted = 0;
  return api.services.events.subscribe((event, payload) => {
    if (ctx.json) return;
    if (event === 'log') {
      const entry = payload as LogEntry;
      if (entry.source === 'engine-build') ctx.io.err(entry.message);
      return;
    }
    if (event !== 'task.progress') return;
    const progress = payload as TaskProgress;
    if (progress.kind !== 'engine-build' || progress.total === null || progress.message === undefined) return;
    const now = Date.now();
    if (now - lastPrinted < 5000 && progress.done !== progress.total) return;
    lastPrinted = now;
    ctx.io.err(`  ${progress.message}`);
  });
}

export const engineBuildCommand: CliCommand = {
  name: 'engine build',
  summary: 'Build llama.cpp’s llama-server for this machine (once; fast CPU/GPU inference)',
  usage: [
    'value-atlas engine build [--cuda] [--vulkan] [--metal] [--jobs N] [--force]',
    '  Downloads the llama.cpp source shipped in the node-llama-cpp npm package (npm pack, ~35 MB), builds',
    '  llama-server with CMake into <app data>/cache/llama-server/. Needs cmake, git and a C++ compiler.',
  ].join('\n'),
  options: {
    cuda: { type: 'boolean' },
    vulkan: { type: 'boolean' },
    metal: { type: 'boolean' },
    jobs: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run({ values }, ctx) {
    const jobs = positiveInteger(values.jobs, 'jobs');
    const unsubscribe = await followBuild(ctx);
    try {
      const outcome = await ctx.call<{ build: NativeBuildView; reused: boolean }>('engine.build', {
        cuda: values.cuda === true,
        vulkan: values.vulkan === true,
        metal: values.metal === true,
        force: values.force === true,
        ...(jobs !== undefined ? { jobs } : {}),
      });
      if (ctx.json) ctx.io.out(JSON.stringify(outcome, null, 2));
      else {
        ctx.io.out(`${outcome.reused ? 'Already built' : 'Built'}: ${outcome.build.binaryPath}`);
        ctx.io.out(`  ${describeBuild(outcome.build)}`);
      }
      return 0;
    } finally {
      unsubscribe();
    }
  },
};

export const engineStatusCommand: CliCommand = {
  name: 'engine status',
  summary: 'Inference backends found here, native builds, remote servers, and the recommended backend',
  usage: 'value-atlas engine status [--json]',
  async run(_args, ctx) {
    const report = await ctx.call<BackendsReport>('engine.backends', {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    const { io } = ctx;
    io.out('Inference backends');
    for (const backend of report.backends)
      io.out(
        `  ${backend.available ? '✓' : '✗'} ${backend.id.padEnd(22)} ${backend.label}${backend.note !== undefined ? ` — ${backend.note}` : ''}`,
      );
    io.out('');
    io.out(`Native llama-server builds (${report.nativeBuilds.length})`);
    for (const build of report.nativeBuilds)
      io.out(`  ${build.usable ? '✓' : '✗'} ${describeBuild(build)}\n      ${build.binaryPath}`);
    io.out('');
    io.out(`Recommended: ${report.recommendation.id} — ${report.recommendation.reason}`);
    for (const warning of report.warnings) io.out(`\nNote: ${warning}`);
    return 0;
  },
};

export const engineConfigCommand: CliCommand = {
  name: 'engine config',
  summary: 'Choose the backend, use your own llama-server, or add a remote server',
  usage: [
    'value-atlas engine config [--backend ID|auto] [--slots N] [--server-binary PATH|none]',
    '                          [--add-remote ID --url URL [--kind llama-server|openai] [--api-key KEY] [--model NAME]]',
    '                          [--remove-remote ID]',
  ].join('\n'),
  options: {
    backend: { type: 'string' },
    slots: { type: 'string' },
    'server-binary': { type: 'string' },
    'add-remote': { type: 'string' },
    url: { type: 'string' },
    kind: { type: 'string' },
    'api-key': { type: 'string' },
    model: { type: 'string' },
    'remove-remote': { type: 'string' },
  },
  async run({ values }, ctx) {
    let view = await ctx.call<EngineSettingsView>('engine.settings', {});
    const slots = positiveInteger(values.slots, 'slots');
    if (typeof values.backend === 'string' || slots !== undefined) {
      const backend =
        typeof values.backend === 'string'
          ? values.backend === 'auto'
            ? null
            : values.backend
          : view.preferred;
      view = await ctx.call('engine.setPreferred', { backend, ...(slots !== undefined ? { slots } : {}) });
    }
    if (typeof values['server-binary'] === 'string') {
      const path = values['server-binary'] === 'none' ? null : values['server-binary'];
      view = await ctx.call('engine.setServerBinary', { path });
    }
    if (typeof values['add-remote'] === 'string') {
      view = await ctx.call('engine.addRemote', {
        id: values['add-remote'],
        url: values.url,
        kind: values.kind ?? 'llama-server',
        ...(typeof values['api-key'] === 'string' ? { apiKey: values['api-key'] } : {}),
        ...(typeof values.model === 'string' ? { model: values.model } : {}),
      });
    }
    if (typeof values['remove-remote'] === 'string')
      view = await ctx.call('engine.removeRemote', { id: values['remove-remote'] });
    if (ctx.json) ctx.io.out(JSON.stringify(view, null, 2));
    else {
      ctx.io.out(`backend        ${view.preferred ?? 'auto (recommended)'}`);
      ctx.io.out(`server slots   ${view.slots}`);
      ctx.io.out(`server binary  ${view.serverBinary ?? '(native build from the cache)'}`);
      for (const remote of view.remotes)
        ctx.io.out(
          `remote         ${remote.id}: ${remote.kind} ${remote.url}${remote.hasApiKey ? ' (API key stored)' : ''}${remote.model !== null ? `, model ${remote.model}` : ''}`,
        );
    }
    return 0;
  },
};
