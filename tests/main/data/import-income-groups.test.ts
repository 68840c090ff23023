import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { classificationName, importIncomeGroups } from '../../../src-main/data/import-income-groups';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { SHARED_DATA_MISSING_REASON, sharedDataPath } from '../../helpers/shared-data';
import { useTempDirs } from '../../helpers/temp-dir';
import { xlsxWorkbook } from '../../helpers/xlsx-fixture';

const CSV =
  'Economy,Code,Region,Income group,Lending category\nNigeria,NGA,Sub-Saharan Africa,Lower middle income,IDA\nJapan,JPN,East Asia & Pacific,High income,\nWorld,WLD,,,\nVenezuela,VEN,Latin America & Caribbean,,\n';

describe('importIncomeGroups', () => {
  const tempDir = useTempDirs();
  let db: Database;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
  });
  afterEach(async () => {
    await db.close();
  });

  const groups = () =>
    db.all<{ country: string; income_group: string }>(
      'SELECT country, income_group FROM country_groups ORDER BY country',
    );

  it('maps ISO3 codes, skips aggregates, keeps the classification year and the user’s edits', async () => {
    const file = join(await tempDir(), 'class.csv');
    await writeFile(file, CSV);
    const report = await importIncomeGroups(file, db, 'World Bank FY2025');
    expect(report).toMatchObject({ countries: 3, skipped: [{ line: 4 }] });
    expect(await groups()).toEqual([
      { country: 'JP', income_group: 'High income' },
      { country: 'NG', income_group: 'Lower middle income' },
      { country: 'VE', income_group: 'Unclassified' },
    ]);
    await db.run(
      "UPDATE country_groups SET income_group = 'Upper middle income', edited = 1 WHERE country = 'NG'",
    );
    await importIncomeGroups(file, db, 'World Bank FY2026');
    expect((await groups()).find((row) => row.country === 'NG')?.income_group).toBe('Upper middle income');
  });

  it('refuses a file without the expected columns and changes nothing', async () => {
    const file = join(await tempDir(), 'wrong.csv');
    await writeFile(file, 'name,score\nNigeria,3\n');
    await expect(importIncomeGroups(file, db, 'x')).rejects.toThrow(
      /wrong\.csv' is not a World Bank classification file/,
    );
    expect(await groups()).toEqual([]);
  });

  it.skipIf(sharedDataPath('country_metadata', 'source_worldbank_class', 'CLASS_economies.csv') === null)(
    'imports the real FY2025 classification',
    async () => {
      const report = await importIncomeGroups(
        sharedDataPath('country_metadata', 'source_worldbank_class', 'CLASS_economies.csv')!,
        db,
        'World Bank FY2025',
      );
      expect(report.countries).toBe(217);
      expect((await groups()).find((row) => row.country === 'ET')?.income_group).toBe('Low income');
    },
  );

  it('reads CLASS.xlsx as published: the "List of economies" sheet, header found below any title rows', async () => {
    const file = join(await tempDir(), 'CLASS_FY2026.xlsx');
    await writeFile(
      file,
      xlsxWorkbook({
        Notes: [
          ['Code', 'Income group'],
          ['not', 'this sheet'],
        ],
        'List of economies': [
          ['World Bank list of economies'],
          [],
          ['Economy', 'Code', 'Region', 'Income group', 'Lending category'],
          ['Nigeria', 'NGA', 'Sub-Saharan Africa', 'Lower middle income', 'IDA'],
          ['World', 'WLD', null, null],
          ['Chile', 'CHL', 'Latin America & Caribbean', 'high income'],
          ['Atlantis', 'ATL', null, 'Rich'],
        ],
      }),
    );
    const report = await importIncomeGroups(file, db, classificationName(file, undefined));
    expect(report).toMatchObject({
      classification: 'World Bank FY2026',
      countries: 2,
      skipped: [
        { line: 5, reason: "'WLD' is not a country code (an aggregate?)" },
        { line: 7, reason: "'ATL' is not a country code (an aggregate?)" },
      ],
    });
    expect(await groups()).toEqual([
      { country: 'CL', income_group: 'High income' },
      { country: 'NG', income_group: 'Lower middle income' },
    ]);
  });

  it('names the classification after the caller, else the year in the file name', () => {
    expect(classificationName('/x/CLASS_FY25.xlsx', undefined)).toBe('World Bank FY2025');
    expect(classificationName('/x/CLASS.xlsx', undefined)).toBe('World Bank FY2025');
    expect(classificationName('/x/CLASS_FY2026.xlsx', 'Mine')).toBe('Mine');
  });

  it('refuses an unknown income group label and an xlsx without the columns', async () => {
    const file = join(await tempDir(), 'odd.csv');
    await writeFile(file, 'Economy,Code,Region,Income group\nChile,CHL,,Rich\nJapan,JPN,,High income\n');
    expect((await importIncomeGroups(file, db, 'x')).skipped).toEqual([
      { line: 2, reason: "'Rich' is not a World Bank income group" },
    ]);
    const book = join(await tempDir(), 'book.xlsx');
    await writeFile(book, xlsxWorkbook({ Sheet1: [['name', 'score']] }));
    await expect(importIncomeGroups(book, db, 'x')).rejects.toThrow(
      /book\.xlsx' is not a World Bank classification file: no sheet has the columns Code and Income group/,
    );
  });

  const realXlsx = sharedDataPath('country_metadata', 'source_worldbank_class', 'CLASS.xlsx');
  it.skipIf(realXlsx === null)(
    `imports the real CLASS.xlsx like its CSV form${realXlsx === null ? ` (skipped: ${SHARED_DATA_MISSING_REASON})` : ''}`,
    async () => {
      const report = await importIncomeGroups(realXlsx!, db, classificationName(realXlsx!, undefined));
      expect(report.countries).toBe(217);
      expect((await groups()).find((row) => row.country === 'ET')?.income_group).toBe('Low income');
      expect((await groups()).find((row) => row.country === 'VE')?.income_group).toBe('Unclassified');
    },
  );
});
