import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importCulturalMap } from '../../../src-main/data/import-cultural-map';
import { CulturalMapRepository } from '../../../src-main/storage/cultural-map-repository';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { SHARED_DATA_MISSING_REASON, sharedDataPath } from '../../helpers/shared-data';
import { useTempDirs } from '../../helpers/temp-dir';

const REAL_MAP = sharedDataPath('ivs_cultural_map', 'ivs_latest_per_country.csv');

describe('importCulturalMap', () => {
  const tempDir = useTempDirs();
  let db: Database;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
  });
  afterEach(async () => {
    await db.close();
  });

  async function writeCsv(text: string): Promise<string> {
    const file = join(await tempDir(), 'map.csv');
    await writeFile(file, text);
    return file;
  }

  it('keeps the published signs, resolves geo ids, and reports duplicates and non-countries', async () => {
    const report = await importCulturalMap(
      await writeCsv(
        'geo,year,tradagg,survsagg\n' +
          'sweden,2017,1.2,-3.1\nzimbabwe,2020,-0.5,1.9\nrussia,2017,0.9,1.2\nrussian_federation,2017,0.8,1.1\n' +
          'sweden,2009,1.1,-2.5\ngermany_west,1990,0.5,-1\n',
      ),
      db,
    );
    expect(report.file).toMatch(/map\.csv$/);
    expect({ ...report, file: '' }).toEqual({
      file: '',
      points: 4,
      countries: 3,
      firstYear: 2009,
      lastYear: 2020,
      duplicates: 1,
      unresolved: ['germany west'],
    });
    const latest = await new CulturalMapRepository(db).points(true);
    expect(latest).toEqual([
      { country: 'RU', year: 2017, tradagg: 0.9, survsagg: 1.2 },
      { country: 'SE', year: 2017, tradagg: 1.2, survsagg: -3.1 },
      { country: 'ZW', year: 2020, tradagg: -0.5, survsagg: 1.9 },
    ]);
    expect(await new CulturalMapRepository(db).points(false)).toHaveLength(4);
  });

  it('reads files that carry only the map axes, converting them back to factor scores', async () => {
    await importCulturalMap(
      await writeCsv('country,year,self_expression_x,secular_rational_y\nSweden,2017,3.1,1.2\n'),
      db,
    );
    expect(await new CulturalMapRepository(db).points(true)).toEqual([
      { country: 'SE', year: 2017, tradagg: 1.2, survsagg: -3.1 },
    ]);
  });

  it('refuses bad rows or columns, naming the file and line, and keeps the earlier points', async () => {
    await importCulturalMap(await writeCsv('geo,year,tradagg,survsagg\nsweden,2017,1.2,-3.1\n'), db);
    await expect(
      importCulturalMap(
        await writeCsv('geo,year,tradagg,survsagg\njapan,2019,1.6,-0.5\nchile,2018,high,0.1\n'),
        db,
      ),
    ).rejects.toThrow(/map\.csv' has 1 unusable row \(line 3: tradagg 'high'/);
    await expect(importCulturalMap(await writeCsv('name,score\nsweden,1\n'), db)).rejects.toThrow(
      /map\.csv' is not a cultural-map CSV: the columns country/,
    );
    expect((await new CulturalMapRepository(db).points(true)).map((row) => row.country)).toEqual(['SE']);
  });

  it.skipIf(REAL_MAP === null)(
    `imports the shared latest-per-country file${REAL_MAP === null ? ` (skipped: ${SHARED_DATA_MISSING_REASON})` : ''}`,
    async () => {
      const report = await importCulturalMap(REAL_MAP!, db);
      console.info(`cultural map: ${JSON.stringify(report)}`);
      expect(report.countries).toBeGreaterThanOrEqual(100);
      const points = new Map(
        (await new CulturalMapRepository(db).points(true)).map((row) => [row.country, row]),
      );
      // Sweden: secular-rational (tradagg > 0) and self-expression (survsagg < 0); Zimbabwe: survival.
      expect(points.get('SE')?.tradagg).toBeGreaterThan(1);
      expect(points.get('SE')?.survsagg).toBeLessThan(-2);
      expect(points.get('ZW')?.survsagg).toBeGreaterThan(1);
    },
  );
});
