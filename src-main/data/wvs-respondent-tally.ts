import { createReadStream } from 'node:fs';

import { CsvError, parse } from 'csv-parse';

import { WeightedAnswerTally } from '../domain/data/weighted-answer-tally';
import { SUBGROUP_COLUMNS, SUBGROUP_DIMENSIONS, subgroupOf } from '../domain/data/wvs-subgroups';
import { AppError } from '../domain/errors';
import { countryFromAlpha3, countryFromNumeric } from './countries';

export interface RespondentTallyOptions {
  /** Q-ids to tally, as named in the bank; columns not in the file are ignored. */
  questionIds: readonly string[];
  subgroups: boolean;
  onProgress?: (rows: number) => void;
  signal?: AbortSignal;
}

export interface RespondentTally {
  tally: WeightedAnswerTally;
  /** Q-id of each tally question index. */
  questionIds: string[];
  countryColumn: string;
  rows: number;
  rowsWithoutCountry: number;
  unresolvedCountries: string[];
  missingSubgroupColumns: string[];
}

const WEIGHT_COLUMN = 'W_WEIGHT';

function malformed(path: string, line: number, problem: string): AppError {
  return new AppError('bad_file', `'${path}' line ${line}: ${problem}. Nothing was imported.`, {
    file: path,
    line,
  });
}

/** A cell as a number; blank is a missing answer (NaN), anything else non-numeric is an error. */
function numberCell(cell: string | undefined): number | null {
  // Called ~300 times a row on a million rows: no trimming unless the value could be a blank cell.
  if (cell === undefined || cell === '') return Number.NaN;
  const value = Number(cell);
  if (!Number.isFinite(value)) return null;
  return value === 0 && cell.trim() === '' ? Number.NaN : value;
}

/**
 * Streams a WVS-7 respondent CSV (the official layout: one row per respondent, B_COUNTRY_ALPHA or
 * B_COUNTRY, W_WEIGHT, Q1…Q290) and keeps only weighted answer counts: memory depends on countries ×
 * subgroups × items, never on the number of respondents (the real file is about 1 GB). Negative codes
 * are the codebook's missing codes and are not counted.
 */
export async function tallyWvsRespondents(
  path: string,
  options: RespondentTallyOptions,
): Promise<RespondentTally> {
  // relax_column_count stays off: a row with a missing or extra cell is a broken file, not a respondent.
  const parser = createReadStream(path).pipe(
    parse({ bom: true, skip_empty_lines: true, info: true, relax_column_count: false }),
  );
  let header: string[] | null = null;
  let countryIndex = -1;
  let countryColumn = '';
  let weightIndex = -1;
  let questions: { id: string; index: number }[] = [];
  let subgroupColumns: { dimension: (typeof SUBGROUP_DIMENSIONS)[number]; index: number }[] = [];
  let tally = new WeightedAnswerTally(0);
  let rows = 0;
  let rowsWithoutCountry = 0;
  const unresolved = new Set<string>();
  const missingSubgroupColumns: string[] = [];
  let line = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      line = info.lines;
      if (header === null) {
        header = record.map((name) => name.trim());
        const position = new Map(header.map((name, index) => [name, index]));
        countryColumn = position.has('B_COUNTRY_ALPHA') ? 'B_COUNTRY_ALPHA' : 'B_COUNTRY';
        countryIndex = position.get(countryColumn) ?? -1;
        weightIndex = position.get(WEIGHT_COLUMN) ?? -1;
        if (countryIndex < 0 || weightIndex < 0)
          throw malformed(path, line, 'the header needs B_COUNTRY_ALPHA (or B_COUNTRY) and W_WEIGHT columns');
        questions = options.questionIds.flatMap((id) => {
          const index = position.get(id);
          return index === undefined ? [] : [{ id, index }];
        });
        if (questions.length === 0) throw malformed(path, line, 'the header names no WVS-7 item (Q1…Q290)');
        tally = new WeightedAnswerTally(questions.length);
        if (options.subgroups)
          subgroupColumns = SUBGROUP_DIMENSIONS.flatMap((dimension) => {
            const index = position.get(SUBGROUP_COLUMNS[dimension]);
            if (index === undefined) missingSubgroupColumns.push(SUBGROUP_COLUMNS[dimension]);
            return index === undefined ? [] : [{ dimension, index }];
          });
        continue;
      }
      if (options.signal?.aborted)
        throw new AppError('cancelled', 'The import was cancelled; nothing was stored.');
      rows++;
      if (rows % 1000 === 0) options.onProgress?.(rows);
      const rawCountry = (record[countryIndex] ?? '').trim();
      if (rawCountry === '') throw malformed(path, line, `the ${countryColumn} cell is empty`);
      const country =
        countryColumn === 'B_COUNTRY_ALPHA' ? countryFromAlpha3(rawCountry) : countryFromNumeric(rawCountry);
      if (country === null) {
        rowsWithoutCountry++;
        unresolved.add(rawCountry);
        continue;
      }
      const weight = numberCell(record[weightIndex]);
      if (weight === null || !(weight >= 0))
        throw malformed(path, line, `W_WEIGHT '${record[weightIndex] ?? ''}' is not a weight ≥ 0`);
      const cells = [tally.cell(country, '')];
      for (const { dimension, index } of subgroupColumns) {
        const value = numberCell(record[index]);
        if (value === null)
          throw malformed(
            path,
            line,
            `${SUBGROUP_COLUMNS[dimension]} '${record[index] ?? ''}' is not a number`,
          );
        const key = subgroupOf(dimension, value);
        if (key !== null) cells.push(tally.cell(country, key));
      }
      for (let question = 0; question < questions.length; question++) {
        const column = questions[question]!;
        const code = numberCell(record[column.index]);
        if (code === null)
          throw malformed(path, line, `${column.id} '${record[column.index] ?? ''}' is not a number`);
        if (!(code >= 0)) continue;
        for (const cell of cells) cell.add(question, code, weight);
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const where = error instanceof CsvError && typeof error.lines === 'number' ? error.lines : line + 1;
    throw malformed(path, where, `not valid CSV (${error instanceof Error ? error.message : String(error)})`);
  }
  if (header === null) throw new AppError('bad_file', `'${path}' is empty.`, { file: path });
  options.onProgress?.(rows);
  return {
    tally,
    questionIds: questions.map((question) => question.id),
    countryColumn,
    rows,
    rowsWithoutCountry,
    unresolvedCountries: [...unresolved].sort(),
    missingSubgroupColumns,
  };
}
