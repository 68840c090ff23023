import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importDollarStreetIndex } from '../../../../src-main/data/dollarstreet/import-index';
import type { Database } from '../../../../src-main/storage/database';
import { DollarStreetRepository } from '../../../../src-main/storage/dollarstreet-repository';
import { openAppDatabase } from '../../../../src-main/storage/open-database';
import { SHARED_DATA_MISSING_REASON, sharedDataPath } from '../../../helpers/shared-data';
import { useTempDirs } from '../../../helpers/temp-dir';

const HEADER =
  ',country,url,income,lat,lng,region,label,sin21k_targets_alibaba,sin21k_labels_alibaba,sin21k_targets,sin21k_labels';
const photoUrl = (household: string, id: string) =>
  `http://static.dollarstreet.org/media/${encodeURIComponent(household)}/image/${id}/480x480-${id}.jpg`;

function row(
  index: number,
  country: string,
  household: string,
  id: string,
  income: string,
  labels: string,
): string {
  return `${index},${country},${photoUrl(household, id)},${income},0.0,0.0,Asia,"${labels}","[1]","['x']","[1]","['x']"`;
}

const SYNTHETIC = [
  HEADER,
  row(0, 'Bangladesh', 'Bangladesh 10', 'a1', '175.2', "['cooking_pots']"),
  row(1, 'Bangladesh', 'Bangladesh 10', 'a2', '175.2', "['stoves', 'kitchens']"),
  row(2, 'South Korea', 'South Korea 3', 'b1', '2400.5', "['beds']"),
  row(3, 'Kenya', 'Kenya 7', 'c1', '40', "['homes']"),
  row(4, 'Atlantis', 'Atlantis 1', 'd1', '99', "['homes']"),
  row(5, 'Kenya', 'Kenya 7', 'c2', 'lots', "['homes']"),
  row(6, 'Kenya', 'Kenya 7', 'c3', '41', 'not a list'),
  row(7, 'Kenya', 'Kenya 7', 'c1', '40', "['homes']"),
].join('\n');

describe('Dollar Street index import', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let repository: DollarStreetRepository;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    repository = new DollarStreetRepository(db);
  });
  afterEach(async () => {
    await db.close();
  });

  it('imports countries, households, income and labels; skips bad rows by line; keeps unknown countries listed', async () => {
    const file = join(await tempDir(), 'metadata.csv');
    await writeFile(file, SYNTHETIC);
    const report = await importDollarStreetIndex(file, repository);
    expect(report).toMatchObject({
      rows: 5,
      countries: 4,
      households: 4,
      labels: 5,
      unresolvedCountries: ['Atlantis'],
    });
    expect(report.skipped.map((entry) => entry.line)).toEqual([7, 8, 9]);
    expect(report.skipped[0]!.reason).toMatch(/income 'lots'/);
    expect(report.skipped[1]!.reason).toMatch(/label/);
    expect(report.skipped[2]!.reason).toMatch(/same photo URL as line 5/);
    const counts = await repository.counts({ countries: ['BD', 'KR'] });
    expect(counts).toMatchObject({
      photos: 3,
      households: 2,
      incomeMin: 175.2,
      incomeMax: 2400.5,
      incomeMedian: 175.2,
    });
    // Counts per country ignore the country choice, so the other countries show what choosing them gives.
    expect(counts.byCountry.map((entry) => [entry.country, entry.photos])).toEqual([
      [null, 1],
      ['BD', 2],
      ['KE', 1],
      ['KR', 1],
    ]);
    expect((await repository.counts({ topics: ['homes'] })).photos).toBe(2);
    const pending = await repository.pending({ countries: ['BD'], topics: ['stoves'] }, 10);
    expect(pending.map((photo) => [photo.household, JSON.parse(photo.labels_json) as string[]])).toEqual([
      ['Bangladesh 10', ['stoves', 'kitchens']],
    ]);
  });

  it('re-importing keeps photo ids, drops photos no longer listed; a file of the wrong shape changes nothing', async () => {
    const dir = await tempDir();
    const file = join(dir, 'metadata.csv');
    await writeFile(file, SYNTHETIC);
    await importDollarStreetIndex(file, repository);
    const before = await db.all<{ id: number; url: string }>(
      'SELECT id, url FROM dollarstreet_photos ORDER BY id',
    );
    await writeFile(
      file,
      SYNTHETIC.split('\n')
        .filter((_, index) => index !== 4 && index !== 8)
        .join('\n'),
    );
    await importDollarStreetIndex(file, repository);
    const after = await db.all<{ id: number; url: string }>(
      'SELECT id, url FROM dollarstreet_photos ORDER BY id',
    );
    expect(after).toEqual(before.filter((photo) => !photo.url.includes('/c1/')));

    const wrong = join(dir, 'wrong.csv');
    await writeFile(wrong, 'name,value\na,1\n');
    await expect(importDollarStreetIndex(wrong, repository)).rejects.toThrow(
      /wrong\.csv' is not a Dollar Street index: the columns country, url, income, label are missing\. Nothing was changed/,
    );
    await expect(importDollarStreetIndex(join(dir, 'absent.csv'), repository)).rejects.toThrow(
      /absent\.csv' does not exist/,
    );
    expect(await db.all('SELECT id, url FROM dollarstreet_photos ORDER BY id')).toEqual(after);
  });

  const realIndex = sharedDataPath('dollarstreet_index', 'metadata.csv');
  it.skipIf(realIndex === null)(
    `imports the real index (facebookresearch/dollarstreet_factors metadata.csv): 13,565 photos, 54 countries, 290 households, 84 labels ${realIndex === null ? SHARED_DATA_MISSING_REASON : ''}`,
    async () => {
      const report = await importDollarStreetIndex(realIndex!, repository);
      console.log(
        `Dollar Street index: ${report.rows} rows, ${report.countries} countries, ${report.households} households, ${report.labels} labels, ${report.skipped.length} skipped, unresolved: ${report.unresolvedCountries.join(', ') || 'none'}`,
      );
      expect(report).toMatchObject({ rows: 13_565, countries: 54, households: 290, labels: 84, skipped: [] });
      expect(report.unresolvedCountries).toEqual([]);
      const counts = await repository.counts({});
      expect(counts).toMatchObject({ photos: 13_565, incomeMedian: expect.closeTo(501, -1) as unknown });
      expect(Math.round(counts.incomeMin!)).toBe(27);
      expect(Math.round(counts.incomeMax!)).toBe(10_098);
      expect(counts.byCountry).toHaveLength(54);
      console.log(
        `per region: ${JSON.stringify(await db.all('SELECT region, COUNT(*) AS n FROM dollarstreet_photos GROUP BY region'))}`,
      );
    },
  );
});
