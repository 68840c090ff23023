import type { DatasetSummary, ImportReport } from '../../contract/data';
import type { CliCommand } from '../command';
import { importCulturalMapFromCli, importWvsBankFromCli, importWvsFromCli } from './data-survey-extras';

export const dataImportCommand: CliCommand = {
  name: 'data import',
  summary:
    'Import data: goqa (GlobalOpinionQA CSV or JSONL), wb-income (World Bank CLASS.xlsx or CSV), wvs-bank (WVS-7 question bank), wvs (WVS-7 respondent CSV), cultural-map (Inglehart–Welzel CSV)',
  usage: [
    'value-atlas data import goqa FILE [--include-gas] [--keep-valid-rows] [--name TEXT]',
    '       value-atlas data import wb-income CLASS.xlsx|FILE.csv [--classification "World Bank FY2025"]',
    '       value-atlas data import topics FILE.jsonl --dataset N',
    '       value-atlas data import wvs-bank FILE.json|FILE.csv',
    '       value-atlas data import wvs FILE.csv [--subgroups] [--name TEXT]',
    '       value-atlas data import cultural-map FILE.csv',
  ].join('\n'),
  options: {
    'include-gas': { type: 'boolean' },
    'keep-valid-rows': { type: 'boolean' },
    name: { type: 'string' },
    classification: { type: 'string' },
    dataset: { type: 'string' },
    subgroups: { type: 'boolean' },
  },
  async run({ values, positionals }, ctx) {
    const [kind, file] = positionals;
    if (kind === 'wvs-bank' && file !== undefined) return importWvsBankFromCli(file, ctx);
    if (kind === 'cultural-map' && file !== undefined) return importCulturalMapFromCli(file, ctx);
    if (kind === 'wvs' && file !== undefined)
      return importWvsFromCli(
        file,
        {
          subgroups: values.subgroups === true,
          ...(typeof values.name === 'string' ? { name: values.name } : {}),
        },
        ctx,
      );
    if (kind === 'topics' && file !== undefined) {
      const datasetId = Number(values.dataset);
      if (!Number.isInteger(datasetId) || datasetId < 1) {
        ctx.io.err('Give the dataset: value-atlas data import topics FILE --dataset N');
        return 2;
      }
      const result = await ctx.call<{ entries: number; matched: number; unmatched: number }>(
        'data.importTopicMap',
        { path: file, datasetId },
      );
      ctx.io.out(
        `Topics assigned to ${result.matched} questions (${result.unmatched} not in the map; ${result.entries} entries in the file).`,
      );
      return 0;
    }
    if (kind === 'wb-income' && file !== undefined) {
      const result = await ctx.call<{ countries: number; classification: string; skipped: unknown[] }>(
        'data.importIncomeGroups',
        {
          path: file,
          ...(typeof values.classification === 'string' ? { classification: values.classification } : {}),
        },
      );
      ctx.io.out(
        `Imported the income groups of ${result.countries} countries (${result.classification}); ${result.skipped.length} aggregates skipped.`,
      );
      return 0;
    }
    if (kind !== 'goqa' || file === undefined) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const report = await ctx.call<ImportReport>('data.importGoqa', {
      path: file,
      includeGas: values['include-gas'] === true,
      keepValidRows: values['keep-valid-rows'] === true,
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
    });
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    ctx.io.out(
      `Imported dataset ${report.datasetId}: ${report.questions} questions, ${report.validPairs} country distributions (${report.invalidPairs} flagged invalid and left out of metrics).`,
    );
    if (report.notWvs > 0)
      ctx.io.out(`${report.notWvs} non-WVS rows were left out (add --include-gas to keep them).`);
    for (const entry of report.skipped.slice(0, 20))
      ctx.io.out(`skipped line ${entry.line}: ${entry.reason}`);
    if (report.unresolvedCountries.length > 0)
      ctx.io.out(`Countries not recognised (left out): ${report.unresolvedCountries.join(', ')}`);
    return 0;
  },
};

export const dataListCommand: CliCommand = {
  name: 'data list',
  summary: 'Imported survey datasets with source, licence and citation',
  usage: 'value-atlas data list [--json]',
  async run(_args, ctx) {
    const datasets = await ctx.call<DatasetSummary[]>('data.datasets', {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify(datasets, null, 2));
      return 0;
    }
    if (datasets.length === 0) ctx.io.out('No datasets yet. Import one: value-atlas data import goqa FILE');
    for (const dataset of datasets) {
      ctx.io.out(
        `${dataset.id}  ${dataset.name} — ${dataset.questions} questions, ${dataset.pairs} country distributions`,
      );
      ctx.io.out(`    licence: ${dataset.licence}; cite: ${dataset.citation}`);
    }
    return 0;
  },
};
