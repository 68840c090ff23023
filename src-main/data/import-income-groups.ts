import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

import { parse } from 'csv-parse';
import countries from 'i18n-iso-countries';

import { AppError } from '../domain/errors';
import type { Database } from '../storage/database';

export interface IncomeGroupReport {
  file: string;
  classification: string;
  countries: number;
  skipped: { line: number; reason: string }[];
}

/**
 * Imports the World Bank country classification ("List of economies" saved as CSV: Economy, Code,
 * Region, Income group). Aggregates such as "World" have no ISO code and are skipped. Countries the user
 * edited keep their edit. One transaction: a broken file leaves the earlier classification in place.
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
    const parser = createReadStream(path).pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, info: true }),
    );
    for await (const { record, info: where } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const code3 = (record.Code ?? '').trim();
      const income = (record['Income group'] ?? '').trim();
      if (!('Code' in record) || !('Income group' in record))
        throw new Error('the columns Code and Income group are missing');
      const code = countries.alpha3ToAlpha2(code3) ?? (code3 === 'XKX' ? 'XK' : undefined);
      if (code === undefined) {
        skipped.push({ line: where.lines, reason: `'${code3}' is not a country code (an aggregate?)` });
        continue;
      }
      rows.push({
        line: where.lines,
        code,
        income: income === '' ? 'Unclassified' : income,
        region: (record.Region ?? '').trim(),
      });
    }
  } catch (error) {
    throw new AppError(
      'bad_file',
      `'${path}' is not a World Bank classification CSV: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
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
