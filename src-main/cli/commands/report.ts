import type { RunComparison } from '../../domain/alignment/compare-runs';
import type { CliCommand } from '../command';

const FORMATS = ['csv', 'jsonl', 'html', 'aggregates', 'manifest', 'all'];

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Export a run: item-level CSV or JSONL, aggregate tables, the manifest, or an offline HTML report',
  usage: 'value-atlas report RUN_ID [--format csv|jsonl|html|aggregates|manifest|all] [--out DIR]',
  options: { format: { type: 'string' }, out: { type: 'string' } },
  async run({ values, positionals }, ctx) {
    const runId = Number(positionals[0]);
    const format = typeof values.format === 'string' ? values.format : 'all';
    if (!Number.isInteger(runId) || runId < 1 || !FORMATS.includes(format)) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const { paths } = await ctx.call<{ paths: string[] }>('runs.export', {
      runId,
      format,
      ...(typeof values.out === 'string' ? { outDir: values.out } : {}),
    });
    for (const path of paths) ctx.io.out(path);
    return 0;
  },
};

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'Compare two runs on the items they share (paired differences with bootstrap intervals)',
  usage: 'value-atlas compare RUN_A RUN_B [--json]',
  async run({ positionals }, ctx) {
    const [runA, runB] = positionals.map(Number);
    if (runA === undefined || runB === undefined || !Number.isInteger(runA) || !Number.isInteger(runB)) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const comparison = await ctx.call<RunComparison>('runs.compare', { runA, runB });
    if (ctx.json) {
      ctx.io.out(JSON.stringify(comparison, null, 2));
      return 0;
    }
    ctx.io.out(
      `${comparison.matched} matched items (${comparison.onlyInA} only in run ${runA}, ${comparison.onlyInB} only in run ${runB})`,
    );
    ctx.io.out('condition  pairs  mean A   mean B   B − A     95 % interval          p');
    for (const row of comparison.byCondition) {
      const f = (value: number | null | undefined, digits = 3) =>
        value == null ? '—' : value.toFixed(digits);
      ctx.io.out(
        `${row.condition.padEnd(10)} ${String(row.pairs).padEnd(6)} ${f(row.meanA).padEnd(8)} ${f(row.meanB).padEnd(8)} ${f(row.meanDifference, 4).padEnd(9)} ${row.interval === null ? '—'.padEnd(22) : `${f(row.interval.lower, 4)} … ${f(row.interval.upper, 4)}`.padEnd(22)} ${f(row.test?.pCorrected, 4)}`,
      );
    }
    return 0;
  },
};
