import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importWvsBank } from '../../../src-main/data/import-wvs-bank';
import { importWvsRespondents } from '../../../src-main/data/import-wvs-respondents';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { SubgroupDistributionRepository } from '../../../src-main/storage/subgroup-distribution-repository';
import { SurveyRepository } from '../../../src-main/storage/survey-repository';
import { useTempDirs } from '../../helpers/temp-dir';

const BANK = [
  {
    id: 'Q1',
    short_label: 'Important in life: Family',
    answer_data_type: 'ordinal',
    options: ['Very important', 'Rather important', 'Not very important', 'Not at all important'].map(
      (label, index) => ({ code: index + 1, label }),
    ),
  },
  {
    id: 'Q57',
    short_label: 'Most people can be trusted',
    options: [
      { code: 1, label: 'Most people can be trusted' },
      { code: 2, label: 'Need to be very careful' },
    ],
  },
];

const HEADER = 'B_COUNTRY_ALPHA,W_WEIGHT,Q1,Q57,Q260,Q262,H_URBRURAL,Q275';

/**
 * 2,000 Mexican respondents: even rows are men (weight 0.5), odd rows women (weight 1.5). Men with
 * i % 4 = 0 trust people (Q57 = 1), everyone else does not. Q1 is missing (−1) for i % 10 = 9 and an
 * unlisted code 7 for i = 0, else 1. The first 1,000 are 25 years old, the rest 60. Education is missing.
 * Then 1,000 Japanese respondents (weight 1, Q1 = 2, Q57 = 1) and one row from an unknown country.
 */
function respondentRows(): string[] {
  const rows: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const male = i % 2 === 0;
    const q1 = i === 0 ? 7 : i % 10 === 9 ? -1 : 1;
    const q57 = male && i % 4 === 0 ? 1 : 2;
    rows.push(`MEX,${male ? 0.5 : 1.5},${q1},${q57},${male ? 1 : 2},${i < 1000 ? 25 : 60},1,-1`);
  }
  for (let i = 0; i < 1000; i++) rows.push('JPN,1,2,1,1,40,2,6');
  rows.push('XXX,1,1,1,1,40,1,1');
  return rows;
}

describe('importWvsRespondents', () => {
  const tempDir = useTempDirs();
  let db: Database;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    const bank = join(await tempDir(), 'bank.json');
    await writeFile(bank, JSON.stringify(BANK));
    await importWvsBank(bank, db);
  });
  afterEach(async () => {
    await db.close();
  });

  async function writeCsv(lines: string[]): Promise<string> {
    const file = join(await tempDir(), 'WVS_Cross-National_Wave_7_csv.csv');
    await writeFile(file, `${lines.join('\n')}\n`);
    return file;
  }

  const shares = async (datasetId: number, question: string, country: string) => {
    const row = await new SurveyRepository(db).distribution(datasetId, question, country);
    return row === undefined ? undefined : { values: JSON.parse(row.values_json) as number[], n: row.n };
  };

  it('stores weighted distributions per country, leaving out missing and unlisted codes', async () => {
    const progress: number[] = [];
    const report = await importWvsRespondents(await writeCsv([HEADER, ...respondentRows()]), db, {
      onProgress: (rows) => progress.push(rows),
    });
    expect(report).toMatchObject({
      countryColumn: 'B_COUNTRY_ALPHA',
      rows: 3001,
      rowsWithoutCountry: 1,
      unresolvedCountries: ['XXX'],
      countries: 2,
      questions: 2,
      distributions: 4,
      subgroupDistributions: 0,
      unlistedAnswers: 1,
    });
    expect(progress.at(-1)).toBe(3001);
    // Q57, Mexico: trust = 500 men × 0.5 = 250; careful = 500 × 0.5 + 1,000 × 1.5 = 1,750; of 2,000.
    expect(await shares(report.datasetId, 'Q57', 'MX')).toEqual({ values: [0.125, 0.875], n: 2000 });
    // Q1, Mexico: 200 missing and 1 unlisted answer left out; everyone else answered 1.
    expect(await shares(report.datasetId, 'Q1', 'MX')).toEqual({ values: [1, 0, 0, 0], n: 1799 });
    expect(await shares(report.datasetId, 'Q1', 'JP')).toEqual({ values: [0, 1, 0, 0], n: 1000 });
    const question = await new SurveyRepository(db).question(report.datasetId, 'Q57');
    expect(question).toMatchObject({
      scale_type: 'binary',
      topic: 'Social capital, trust and organisational membership',
    });
    expect(await new SubgroupDistributionRepository(db).forQuestion(report.datasetId, 'Q57', 'MX')).toEqual(
      [],
    );
  });

  it('with subgroups, stores distributions per sex, age band, settlement and education', async () => {
    const report = await importWvsRespondents(await writeCsv([HEADER, ...respondentRows()]), db, {
      subgroups: true,
    });
    const groups = await new SubgroupDistributionRepository(db).forQuestion(report.datasetId, 'Q57', 'MX');
    expect(groups.map((group) => [group.subgroup, group.values, group.n, group.weightSum])).toEqual([
      // Both age halves hold 250 trusting men (125), 250 other men (125) and 500 women (750).
      ['age:15-29', [0.125, 0.875], 1000, 1000],
      ['age:50+', [0.125, 0.875], 1000, 1000],
      ['sex:female', [0, 1], 1000, 1500],
      ['sex:male', [0.5, 0.5], 1000, 500],
      ['urban:urban', [0.125, 0.875], 2000, 2000],
    ]);
    const japan = await new SubgroupDistributionRepository(db).forQuestion(report.datasetId, 'Q1', 'JP');
    expect(japan.map((group) => group.subgroup)).toEqual([
      'age:30-49',
      'education:higher',
      'sex:male',
      'urban:rural',
    ]);
  });

  it('reads numeric B_COUNTRY codes', async () => {
    const report = await importWvsRespondents(
      await writeCsv(['B_COUNTRY,W_WEIGHT,Q57', '484,1,1', '484,3,2', '909,1,1']),
      db,
    );
    expect(await shares(report.datasetId, 'Q57', 'MX')).toEqual({ values: [0.25, 0.75], n: 2 });
    expect(await shares(report.datasetId, 'Q57', 'GB-NIR')).toEqual({ values: [1, 0], n: 1 });
  });

  it('refuses a malformed file, naming the file and line, and stores nothing', async () => {
    const rows = respondentRows();
    rows[1499] = 'MEX,heavy,1,1,1,25,1,1';
    await expect(importWvsRespondents(await writeCsv([HEADER, ...rows]), db)).rejects.toThrow(
      /WVS_Cross-National_Wave_7_csv\.csv' line 1501: W_WEIGHT 'heavy'/,
    );
    const short = respondentRows();
    short[9] = 'MEX,1,1';
    await expect(importWvsRespondents(await writeCsv([HEADER, ...short]), db)).rejects.toMatchObject({
      code: 'bad_file',
      details: { line: 11 },
    });
    await expect(importWvsRespondents(await writeCsv(['country,weight', 'MEX,1']), db)).rejects.toThrow(
      /line 1: the header needs B_COUNTRY_ALPHA/,
    );
    expect(await new SurveyRepository(db).datasets()).toEqual([]);
  });

  it('needs the question bank first', async () => {
    await db.run('DELETE FROM wvs_bank_items');
    await expect(importWvsRespondents(await writeCsv([HEADER, ...respondentRows()]), db)).rejects.toThrow(
      /Import the WVS-7 question bank first/,
    );
  });
});
