import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importIncomeGroups } from '../../../src-main/data/import-income-groups';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { sharedDataPath } from '../../helpers/shared-data';
import { useTempDirs } from '../../helpers/temp-dir';

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
      /wrong\.csv' is not a World Bank classification CSV/,
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
});
