import type {
  DollarStreetDownloadResult,
  DollarStreetIndexResult,
  DollarStreetSelection,
} from '../../contract/dollarstreet';
import { AppError } from '../../domain/errors';
import type { CliCommand } from '../command';
import { followTask } from '../follow-task';

const SELECTION_OPTIONS = {
  country: { type: 'string', multiple: true },
  label: { type: 'string', multiple: true },
  'income-min': { type: 'string' },
  'income-max': { type: 'string' },
} as const;

function numberOf(value: unknown, name: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0)
    throw new AppError('invalid_input', `--${name} must be a number ≥ 0, not '${value}'.`);
  return number;
}

function selectionOf(values: Record<string, unknown>): Record<string, unknown> {
  const countries = values.country as string[] | undefined;
  const topics = values.label as string[] | undefined;
  const incomeMin = numberOf(values['income-min'], 'income-min');
  const incomeMax = numberOf(values['income-max'], 'income-max');
  return {
    ...(countries !== undefined ? { countries } : {}),
    ...(topics !== undefined ? { topics } : {}),
    ...(incomeMin !== undefined ? { incomeMin } : {}),
    ...(incomeMax !== undefined ? { incomeMax } : {}),
  };
}

export const dollarStreetImportCommand: CliCommand = {
  name: 'dollarstreet import',
  summary: 'Import the Dollar Street index CSV (photo URLs, country, income, labels; no image bytes)',
  usage: 'value-atlas dollarstreet import METADATA.csv',
  async run({ positionals }, ctx) {
    const [file] = positionals;
    if (file === undefined || positionals.length > 1) {
      ctx.io.err(`Usage: ${this.usage}`);
      return 2;
    }
    const report = await ctx.call<DollarStreetIndexResult>('dollarstreet.importIndex', { path: file });
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    ctx.io.out(
      `Imported ${report.rows} photos of ${report.households} households in ${report.countries} countries (${report.labels} labels).`,
    );
    if (report.unresolvedCountries.length > 0)
      ctx.io.out(
        `Countries not recognised (their photos cannot be fetched): ${report.unresolvedCountries.join(', ')}`,
      );
    for (const entry of report.skipped.slice(0, 20))
      ctx.io.out(`skipped line ${entry.line}: ${entry.reason}`);
    if (report.skipped.length > 20) ctx.io.out(`… and ${report.skipped.length - 20} more skipped lines`);
    return 0;
  },
};

export const dollarStreetListCommand: CliCommand = {
  name: 'dollarstreet list',
  summary: 'Dollar Street photos in the index per country and label, with how many are downloaded',
  usage: 'value-atlas dollarstreet list [--country XX]… [--label NAME]… [--income-min N] [--income-max N]',
  options: SELECTION_OPTIONS,
  async run({ values }, ctx) {
    const selection = await ctx.call<DollarStreetSelection>('dollarstreet.query', selectionOf(values));
    if (ctx.json) {
      ctx.io.out(JSON.stringify(selection, null, 2));
      return 0;
    }
    if (selection.byCountry.length === 0 && selection.photos === 0) {
      ctx.io.out(
        'No Dollar Street photos match. Import the index first: value-atlas dollarstreet import METADATA.csv',
      );
      return 0;
    }
    ctx.io.out(
      `${selection.photos} photos of ${selection.households} households, ${selection.downloaded} downloaded; monthly income ${selection.incomeMin ?? '—'}–${selection.incomeMax ?? '—'} (median ${selection.incomeMedian ?? '—'}) USD PPP`,
    );
    ctx.io.out('Per country (the other choices applied):');
    for (const row of selection.byCountry)
      ctx.io.out(
        `  ${(row.country ?? '??').padEnd(3)} ${row.countryName.padEnd(24)} ${row.photos} (${row.downloaded} downloaded)`,
      );
    ctx.io.out('Per label (the other choices applied):');
    ctx.io.out(`  ${selection.byTopic.map((row) => `${row.topic} ${row.photos}`).join(', ')}`);
    ctx.io.out(`Licence: ${selection.attribution}`);
    return 0;
  },
};

export const dollarStreetFetchCommand: CliCommand = {
  name: 'dollarstreet fetch',
  summary: 'Download chosen Dollar Street photos into the image library (with income and attribution)',
  usage:
    'value-atlas dollarstreet fetch --country XX [--label NAME]… [--limit N] [--income-min N] [--income-max N]',
  options: { ...SELECTION_OPTIONS, limit: { type: 'string' } },
  async run({ values }, ctx) {
    if (values.country === undefined) {
      ctx.io.err(`Choose at least one country. Usage: ${this.usage}`);
      return 2;
    }
    const limit = numberOf(values.limit, 'limit') ?? 50;
    if (!Number.isInteger(limit) || limit < 1)
      throw new AppError('invalid_input', '--limit must be a whole number ≥ 1.');
    const started = await ctx.call<{ taskId: string; photos: number }>('dollarstreet.download', {
      ...selectionOf(values),
      limit,
    });
    if (!ctx.json) ctx.io.err(`Fetching ${started.photos} photos…`);
    const report = await followTask(
      ctx,
      started.taskId,
      () => ctx.call<DollarStreetDownloadResult>('dollarstreet.wait', { taskId: started.taskId }),
      () => ctx.call('dollarstreet.cancel', { taskId: started.taskId }),
    );
    if (ctx.json) ctx.io.out(JSON.stringify(report, null, 2));
    else {
      ctx.io.out(
        `Added ${report.downloaded} photos to the image library (${report.alreadyInLibrary} were already there), ${report.failed.length} failed.`,
      );
      for (const failure of report.failed.slice(0, 20))
        ctx.io.out(`failed ${failure.url}: ${failure.reason}`);
    }
    return report.failed.length === 0 ? 0 : 1;
  },
};
