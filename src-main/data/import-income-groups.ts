import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

import { parse } from 'csv-parse';
import countries from 'i18n-iso-countries';

import { classificationYear, normaliseIncomeGroup } from '../domain/data/income-classification';
import { AppError } from '../domain/errors';
import type { Database } from '../storage/database';
import { readWorkbook } from './xlsx-reader';

export interface IncomeGroupReport {
  file: string;
  classification: string;
  countries: number;
  skipped: { line: number; reason: string }[];
}

type SourceRow = { line: number; record: Record<string, string> };

const REQUIRED_COLUMNS = ['Code', 'Income group'] as const;

async function csvRows(path: string): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, info: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>)
    rows.push({ line: info.lines, record });
  return rows;
}

/**
 * The World Bank's CLASS.xlsx as published: sheet "List of economies" (else the first sheet whose
 * header names Code and Income group). Rows are numbered as Excel shows them.
 */
async function workbookRows(path: string): Promise<SourceRow[]> {
  const workbook = await readWorkbook(path);
  const sheets = ['List of economies', ...workbook.sheetNames.filter((name) => name !== 'List of economies')];
  for (const sheet of sheets.filter((name) => workbook.sheetNames.includes(name))) {
    const rows = workbook.rows(sheet);
    const headerAt = rows.findIndex((row) => REQUIRED_COLUMNS.every((column) => row.cells.includes(column)));
    if (headerAt < 0) continue;
    const header = rows[headerAt]!.cells.map((cell) => cell.trim());
    return rows
      .slice(headerAt + 1)
      .filter((row) => row.cells.some((cell) => cell.trim() !== ''))
      .map((row) => ({
        line: row.row,
        record: Object.fromEntries(header.map((column, index) => [column, row.cells[index] ?? ''])),
      }));
  }
  throw new Error('no sheet has the columns Code and Income group');
}

/**
 * The classification's name: the caller's, else the fiscal year named in the file name
 * (`CLASS_FY2025.xlsx`), else the year this app was built against.
 */
export function classificationName(path: string, given: string | undefined): string {
  if (given !== undefined) return given;
  const year = classificationYear(path);
  return year === null ? 'World Bank FY2025' : `World Bank ${year}`;
}

/**
 * Imports the World Bank country classification: CLASS.xlsx as published, or its "List of economies"
 * saved as CSV (Economy, Code, Region, Income group). Aggregates such as "World" have no ISO code and
 * are skipped. Countries the user edited keep their edit. One transaction: a broken file leaves the
 * earlier classification in place.
 */
export async function importIncomeGroups(
  path: string,
  db: Database,
  classification: string,
): Promise<IncomeGroupReport> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isFile())
    throw new AppError('not_found', `File '${path}' does not exist.`, { file: path });
  const rows: { line: number; code: string; income: string; region: string }[] = [];
  const skipped: IncomeGroupReport['skipped'] = [];
  try {
    const source = /\.xlsx$/i.test(path) ? await workbookRows(path) : await csvRows(path);
    for (const { line, record } of source) {
      if (!REQUIRED_COLUMNS.every((column) => column in record))
        throw new Error('the columns Code and Income group are missing');
      const code3 = (record.Code ?? '').trim();
      const code = countries.alpha3ToAlpha2(code3) ?? (code3 === 'XKX' ? 'XK' : undefined);
      if (code === undefined) {
        skipped.push({ line, reason: `'${code3}' is not a country code (an aggregate?)` });
        continue;
      }
      const income = normaliseIncomeGroup(record['Income group'] ?? '');
      if (income === null) {
        skipped.push({ line, reason: `'${record['Income group'] ?? ''}' is not a World Bank income group` });
        continue;
      }
      rows.push({ line, code, income, region: (record.Region ?? '').trim() });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'bad_file',
      `'${path}' is not a World Bank classification file: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
      { file: path },
    );
  }
  if (rows.length === 0) throw new AppError('bad_file', `'${path}' lists no countries.`, { file: path });
  await db.transaction(async (tx) => {
    for (const row of rows) {
      await tx.run(
        `INSERT INTO country_groups (country, income_group, region, classification) VALUES (?, ?, ?, ?)
         ON CONFLICT(country) DO UPDATE SET income_group = excluded.income_group, region = excluded.region,
           classification = excluded.classification WHERE country_groups.edited = 0`,
        [row.code, row.income, row.region, classification],
      );
    }
  });
  return { file: path, classification, countries: rows.length, skipped };
}
