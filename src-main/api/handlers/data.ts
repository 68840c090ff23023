import { isAbsolute, resolve } from 'node:path';

import { countryDisplayName } from '../../data/countries';
import { importCulturalMap } from '../../data/import-cultural-map';
import { importGoqa } from '../../data/import-goqa';
import { classificationName, importIncomeGroups } from '../../data/import-income-groups';
import { importTopicMap } from '../../data/import-topic-map';
import { importWvsBank } from '../../data/import-wvs-bank';
import { importWvsRespondents } from '../../data/import-wvs-respondents';
import { linkGoqaQuestionsToWvsBank } from '../../data/link-wvs-questions';
import { culturalMapPoint } from '../../domain/data/cultural-map-axes';
import { AppError } from '../../domain/errors';
import { CulturalMapRepository } from '../../storage/cultural-map-repository';
import { SurveyRepository } from '../../storage/survey-repository';
import { WvsBankRepository } from '../../storage/wvs-bank-repository';
import type { CallContext, DomainHandlers } from '../dispatcher';
import { createDataBrowseHandlers } from './data-browse';
import type { AppServices } from '../../app/services';

/** The user chose this file (a picker in the app, an argument on the command line); it is only read. */
function chosenFile(path: string, ctx: CallContext): string {
  const file = ctx.door === 'cli' ? resolve(path) : path;
  if (!isAbsolute(file))
    throw new AppError('invalid_input', `Give the full path of the file, not '${path}'.`);
  return file;
}

export function createDataHandlers(services: AppServices): DomainHandlers<'data'> {
  const surveys = new SurveyRepository(services.db);
  const browse = createDataBrowseHandlers(surveys);
  return {
    ...browse,
    async datasets() {
      const rows = await surveys.datasets();
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        kind: row.kind,
        source: row.source,
        licence: row.licence,
        citation: row.citation,
        filePath: row.file_path,
        fileSha256: row.file_sha256,
        importedAt: row.imported_at,
        questions: row.questions,
        pairs: row.pairs,
        report: JSON.parse(row.report_json) as Record<string, unknown>,
      }));
    },

    async importGoqa({ path, includeGas, keepValidRows, name }, ctx) {
      // The user chose this file (a picker in the app, an argument on the command line); it is only read.
      const file = isAbsolute(path) ? path : ctx.door === 'cli' ? resolve(path) : path;
      if (!isAbsolute(file))
        throw new AppError('invalid_input', `Give the full path of the file, not '${path}'.`);
      const { result } = services.tasks.start('import', `Importing ${file}`, 'rows', (reporter) =>
        importGoqa(file, surveys, {
          includeGas,
          keepValidRows,
          ...(name !== undefined ? { name } : {}),
          onProgress: (rows) => reporter.progress(rows),
          signal: reporter.signal,
        }).then(async (report) => {
          // With a question bank in place, the new questions get their WVS-7 items and default topics.
          const bank = await WvsBankRepository.items(services.db);
          if (bank.length > 0) await services.db.transaction((tx) => linkGoqaQuestionsToWvsBank(tx, bank));
          return report;
        }),
      );
      return result;
    },

    async importWvs({ path, subgroups, name }, ctx) {
      const file = chosenFile(path, ctx);
      const { result } = services.tasks.start('import', `Importing ${file}`, 'rows', (reporter) =>
        importWvsRespondents(file, services.db, {
          subgroups,
          ...(name !== undefined ? { name } : {}),
          onProgress: (rows) => reporter.progress(rows),
          signal: reporter.signal,
        }),
      );
      return result;
    },

    importCulturalMap({ path }, ctx) {
      return importCulturalMap(chosenFile(path, ctx), services.db);
    },

    async culturalMap({ latestOnly }) {
      const rows = await new CulturalMapRepository(services.db).points(latestOnly);
      return rows.map((row) => ({
        country: row.country,
        name: countryDisplayName(row.country),
        year: row.year,
        ...culturalMapPoint(row),
        tradagg: row.tradagg,
        survsagg: row.survsagg,
      }));
    },

    async importWvsBank({ path }, ctx) {
      const report = await importWvsBank(chosenFile(path, ctx), services.db);
      services.alignment().forgetAll();
      return report;
    },

    async deleteDataset({ datasetId }) {
      if ((await surveys.dataset(datasetId)) === undefined)
        throw new AppError('not_found', `No dataset ${datasetId}.`);
      await surveys.deleteDataset(datasetId);
      return { deleted: true as const };
    },

    importIncomeGroups({ path, classification }, ctx) {
      const file = chosenFile(path, ctx);
      return importIncomeGroups(file, services.db, classificationName(file, classification));
    },

    async setIncomeGroup({ country, incomeGroup }) {
      await services.db.run(
        `INSERT INTO country_groups (country, income_group, classification, edited) VALUES (?, ?, 'edited by the user', 1)
         ON CONFLICT(country) DO UPDATE SET income_group = excluded.income_group, edited = 1`,
        [country, incomeGroup],
      );
      return { country, incomeGroup };
    },

    async importTopicMap({ path, datasetId }, ctx) {
      const file = ctx.door === 'cli' ? resolve(path) : path;
      if (!isAbsolute(file))
        throw new AppError('invalid_input', `Give the full path of the file, not '${path}'.`);
      const report = await importTopicMap(file, services.db, datasetId);
      services.alignment().forgetAll();
      return report;
    },

    topics({ datasetId }) {
      return surveys.topics(datasetId);
    },

    async countries({ datasetId }) {
      const rows = await surveys.countries(datasetId);
      const groups = new Map(
        (
          await services.db.all<{ country: string; income_group: string | null; region: string | null }>(
            'SELECT country, income_group, region FROM country_groups',
          )
        ).map((row) => [row.country, row]),
      );
      return rows.map((row) => ({
        code: row.country,
        name: countryDisplayName(row.country),
        questions: row.questions,
        incomeGroup: groups.get(row.country)?.income_group ?? null,
        region: groups.get(row.country)?.region ?? null,
      }));
    },
  };
}
