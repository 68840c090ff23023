import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

import type { WvsRespondentImportReport } from '../domain/data/survey-extras-reports';
import { weightedShares } from '../domain/data/weighted-answer-tally';
import { AppError } from '../domain/errors';
import { sha256File } from '../platform/sha256';
import type { Database } from '../storage/database';
import {
  SubgroupDistributionRepository,
  type SubgroupDistribution,
} from '../storage/subgroup-distribution-repository';
import { SurveyRepository, type NewDataset } from '../storage/survey-repository';
import { WvsBankRepository, type StoredWvsItem } from '../storage/wvs-bank-repository';
import { tallyWvsRespondents } from './wvs-respondent-tally';

export interface WvsRespondentImportOptions {
  /** Also store distributions per sex, age band, urban/rural and education level. */
  subgroups?: boolean;
  name?: string;
  onProgress?: (rows: number) => void;
  signal?: AbortSignal;
}

const LICENCE = 'WVS data terms: free for non-profit use, cite the WVS; respondent rows are not stored';
const CITATION =
  'Haerpfer, C. et al. (eds.) 2022. World Values Survey: Round Seven – Country-Pooled Datafile. JD Systems Institute & WVSA Secretariat. doi:10.14281/18241.20';

/**
 * Imports a WVS-7 respondent file as a dataset of weighted answer distributions per country and item
 * (optionally per subgroup). Answer options, scales and topics (sections) come from the question bank,
 * which must be imported first. One transaction: a broken file stores nothing.
 */
export async function importWvsRespondents(
  path: string,
  db: Database,
  options: WvsRespondentImportOptions = {},
): Promise<WvsRespondentImportReport> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `File '${path}' does not exist.`, { file: path });
  const bank = (await WvsBankRepository.items(db)).filter(
    (item) => !item.objective && item.options.length > 0,
  );
  if (bank.length === 0)
    throw new AppError(
      'not_found',
      'Import the WVS-7 question bank first (value-atlas data import wvs-bank FILE): it gives the answer labels.',
    );
  const items = new Map(bank.map((item) => [item.id, item]));
  const counted = await tallyWvsRespondents(path, {
    questionIds: [...items.keys()],
    subgroups: options.subgroups === true,
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
  });

  const byQuestion = new Map<string, NewDataset['questions'][number]['distributions']>();
  const subgroupRows: SubgroupDistribution[] = [];
  const countries = new Set<string>();
  let unlistedAnswers = 0;
  for (const cell of counted.tally.entries()) {
    const questionId = counted.questionIds[cell.question]!;
    const item = items.get(questionId)!;
    const optionCodes = item.options.map((option) => option.code);
    if (cell.subgroup === '')
      for (const [code, tally] of cell.codes) if (!optionCodes.includes(code)) unlistedAnswers += tally.n;
    const shares = weightedShares(cell.codes, optionCodes);
    if (shares === null) continue;
    if (cell.subgroup !== '') {
      subgroupRows.push({ questionId, country: cell.country, subgroup: cell.subgroup, ...shares });
      continue;
    }
    countries.add(cell.country);
    const list = byQuestion.get(questionId) ?? [];
    list.push({ country: cell.country, values: shares.values, n: shares.n, valid: true, problem: null });
    byQuestion.set(questionId, list);
  }
  if (byQuestion.size === 0)
    throw new AppError('bad_file', `'${path}' has no answers to the WVS-7 items. Nothing was imported.`, {
      file: path,
    });

  // Bank order, so the dataset lists items as the questionnaire does.
  const questions: NewDataset['questions'] = bank.flatMap((item: StoredWvsItem) => {
    const distributions = byQuestion.get(item.id);
    if (distributions === undefined) return [];
    return [
      {
        id: item.id,
        text: item.text,
        options: item.options.map((option) => option.label),
        // Negative (missing) codes are not options here, so every option is substantive.
        substantive: item.options.map(() => true),
        scaleType: item.scaleType,
        topic: item.sectionName,
        source: 'WVS',
        distributions,
      },
    ];
  });
  const report = {
    file: path,
    countryColumn: counted.countryColumn,
    rows: counted.rows,
    rowsWithoutCountry: counted.rowsWithoutCountry,
    unresolvedCountries: counted.unresolvedCountries,
    countries: countries.size,
    questions: questions.length,
    distributions: questions.reduce((sum, question) => sum + question.distributions.length, 0),
    subgroupDistributions: subgroupRows.length,
    unlistedAnswers,
    missingSubgroupColumns: counted.missingSubgroupColumns,
  };
  const datasetId = await new SurveyRepository(db).insertDataset(
    {
      name: options.name ?? `WVS wave 7 (${basename(path)})`,
      kind: 'wvs',
      source: 'World Values Survey wave 7 respondent file (aggregated)',
      licence: LICENCE,
      citation: CITATION,
      filePath: path,
      fileSha256: await sha256File(path),
      report,
      questions,
    },
    (tx, id) => SubgroupDistributionRepository.insert(tx, id, subgroupRows),
  );
  return { datasetId, ...report };
}
