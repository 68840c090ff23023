import type {
  CulturalMapImportReport,
  WvsBankImportReport,
  WvsRespondentImportReport,
} from '../../contract/data';
import type { CliContext } from '../command';

/** `data import wvs-bank FILE`: the WVS-7 question bank, then GlobalOpinionQA matched to it. */
export async function importWvsBankFromCli(file: string, ctx: CliContext): Promise<number> {
  const report = await ctx.call<WvsBankImportReport>('data.importWvsBank', { path: file });
  if (ctx.json) {
    ctx.io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  ctx.io.out(
    `Imported the WVS-7 question bank: ${report.items} items (${report.baseItems} base items, ${report.variants} variants) in ${report.sections.length} sections.`,
  );
  if (report.goqa.questions > 0)
    ctx.io.out(
      `Matched ${report.goqa.matched} of ${report.goqa.questions} GlobalOpinionQA questions to WVS-7 items; ${report.goqa.topicsFromSections} took their section as topic.`,
    );
  return 0;
}

/** `data import wvs FILE [--subgroups]`: a WVS-7 respondent file, aggregated while it streams. */
export async function importWvsFromCli(
  file: string,
  options: { subgroups: boolean; name?: string },
  ctx: CliContext,
): Promise<number> {
  const report = await ctx.call<WvsRespondentImportReport>('data.importWvs', { path: file, ...options });
  if (ctx.json) {
    ctx.io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  ctx.io.out(
    `Imported dataset ${report.datasetId}: ${report.rows} respondents, ${report.countries} countries, ${report.questions} items, ${report.distributions} country distributions${options.subgroups ? `, ${report.subgroupDistributions} subgroup distributions` : ''}.`,
  );
  if (report.rowsWithoutCountry > 0)
    ctx.io.out(
      `${report.rowsWithoutCountry} rows left out: country codes not recognised (${report.unresolvedCountries.join(', ')}).`,
    );
  if (report.unlistedAnswers > 0)
    ctx.io.out(
      `${report.unlistedAnswers} answers had codes the question bank does not list; they were left out.`,
    );
  if (report.missingSubgroupColumns.length > 0)
    ctx.io.out(`Subgroup columns not in the file: ${report.missingSubgroupColumns.join(', ')}.`);
  return 0;
}

/** `data import cultural-map FILE`: Inglehart–Welzel coordinates per country and survey year. */
export async function importCulturalMapFromCli(file: string, ctx: CliContext): Promise<number> {
  const report = await ctx.call<CulturalMapImportReport>('data.importCulturalMap', { path: file });
  if (ctx.json) {
    ctx.io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  ctx.io.out(
    `Imported ${report.points} cultural-map points for ${report.countries} countries (${report.firstYear}–${report.lastYear}).`,
  );
  if (report.duplicates > 0)
    ctx.io.out(
      `${report.duplicates} rows repeated a country and year under another name; the first was kept.`,
    );
  if (report.unresolved.length > 0)
    ctx.io.out(`Not a country today or not recognised (left out): ${report.unresolved.join(', ')}.`);
  return 0;
}
