import { resolve } from 'node:path';

import type { RunCounts, RunSummary } from '../../domain/runs';
import type { CliCommand } from '../command';

export const runsListCommand: CliCommand = {
  name: 'runs list',
  summary: 'List runs with their state and progress',
  usage: 'value-atlas runs list [--json]',
  async run(_args, ctx) {
    const runs = await ctx.call<(RunSummary & { counts: RunCounts })[]>('runs.list', {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify(runs, null, 2));
      return 0;
    }
    if (runs.length === 0) {
      ctx.io.out('No runs yet. Start one with value-atlas run --help.');
      return 0;
    }
    for (const run of runs) {
      const { counts } = run;
      ctx.io.out(
        `${String(run.id).padStart(4)}  ${run.kind.padEnd(11)} ${run.state.padEnd(11)} ${String(counts.done).padStart(6)}/${String(counts.total).padEnd(6)} ${counts.errors > 0 ? `${counts.errors} errors  ` : ''}${run.name}`,
      );
    }
    return 0;
  },
};

export const templateImportCommand: CliCommand = {
  name: 'template import',
  summary: 'Load a prompt template file (JSON), e.g. to use a paper’s exact wording',
  usage: 'value-atlas template import FILE.json',
  async run({ positionals }, ctx) {
    const [path] = positionals;
    if (path === undefined) {
      ctx.io.err('Give the template file: value-atlas template import FILE.json');
      return 2;
    }
    const summary = await ctx.call<{ id: string; name: string; sha256: string }>('runs.importTemplate', {
      path: resolve(path),
    });
    ctx.io.out(`Imported template '${summary.id}' (${summary.name}), sha256 ${summary.sha256.slice(0, 12)}…`);
    return 0;
  },
};
