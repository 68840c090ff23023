import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importWvsBank } from '../../../src-main/data/import-wvs-bank';
import { importWvsRespondents } from '../../../src-main/data/import-wvs-respondents';
import { createRandom } from '../../../src-main/domain/stats/prng';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { SurveyRepository } from '../../../src-main/storage/survey-repository';
import { useTempDirs } from '../../helpers/temp-dir';
import { caseCount, FuzzTally, runImportCase } from './fuzz-kit';
import { hostileContents, hostilePaths, mutateBytes, mutateJson } from './hostile-files';

// The WVS-7 question bank (JSON and CSV forms) and the respondent file, fed seeded hostile files after a
// valid bank and respondent import: a value or a clear error naming the file, and refused files store nothing.
const SEEDS = { bankJson: 201, bankCsv: 202, respondents: 203 };

const BANK = [
  {
    id: 'Q1',
    section: 'social_values',
    short_label: 'Important in life: Family',
    answer_data_type: 'ordinal',
    options: ['Very important', 'Rather important', 'Not very important', 'Not at all important'].map(
      (label, index) => ({ code: index + 1, label }),
    ),
    missing_codes: [{ code: -1, label: "Don't know" }],
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

const BANK_CSV =
  'id,number,section,section_name,short_label,question_text_wvb,question_text_natural,scale_min,scale_max,answer_data_type,options\n' +
  'Q1,1,social_values,Social values,Important in life: Family,,How important is family in your life?,1,4,ordinal,1=Very important | 2=Rather important | 3=Not very important | 4=Not at all important\n' +
  'Q57,57,,,Most people can be trusted,,,1,2,,1=Most people can be trusted | 2=Need to be very careful\n';

/** Forty respondents in two countries with subgroup columns, one unknown country, one missing answer. */
function respondentsCsv(): string {
  const rows = ['B_COUNTRY_ALPHA,W_WEIGHT,Q1,Q57,Q260,Q262,H_URBRURAL,Q275'];
  for (let i = 0; i < 40; i++)
    rows.push(
      `${i % 2 === 0 ? 'MEX' : 'JPN'},${0.5 + (i % 3)},${1 + (i % 4)},${i % 5 === 0 ? -1 : 1 + (i % 2)},${1 + (i % 2)},${20 + i},${1 + (i % 2)},${i % 8}`,
    );
  rows.push('XXX,1,1,1,1,40,1,1');
  return `${rows.join('\n')}\n`;
}

describe('fuzzing the WVS-7 importers', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let dir: string;
  let validBank: string;
  beforeEach(async () => {
    dir = await tempDir();
    db = await openAppDatabase(join(dir, 'db.sqlite'));
    validBank = join(dir, 'bank.json');
    await writeFile(validBank, JSON.stringify(BANK));
    await importWvsBank(validBank, db);
    const respondents = join(dir, 'respondents.csv');
    await writeFile(respondents, respondentsCsv());
    await importWvsRespondents(respondents, db, { subgroups: true });
  });
  afterEach(async () => {
    await db.close();
  });

  it('question bank, JSON and CSV: a bank or a clear error, and a refused file leaves the bank as it was', async () => {
    const tally = new FuzzTally('wvs-bank');
    // A success replaces the bank (its job): the valid bank is imported again before the next case.
    const guard = {
      db,
      additive: false,
      restore: async () => {
        await importWvsBank(validBank, db);
      },
    };
    const run = (file: string) => () => importWvsBank(file, db);
    let index = 0;
    for (const { name, bytes } of hostileContents())
      for (const extension of ['.json', '.csv']) {
        const file = join(dir, `hostile-${index++}${extension}`);
        await writeFile(file, bytes);
        await runImportCase(tally, `${name} (${extension})`, [file], run(file), guard);
      }
    for (const { name, path } of await hostilePaths(dir, validBank, '.json'))
      await runImportCase(tally, name, [path], run(path), guard);

    const jsonRandom = createRandom(SEEDS.bankJson);
    for (let i = 0; i < caseCount(60); i++) {
      const file = join(dir, `bank-${i}.json`);
      const text =
        i % 2 === 0
          ? mutateBytes(Buffer.from(JSON.stringify(BANK, null, 1)), jsonRandom)
          : JSON.stringify(mutateJson(BANK, jsonRandom));
      await writeFile(file, text);
      await runImportCase(tally, `json mutation ${i}`, [file], run(file), guard);
    }
    const csvRandom = createRandom(SEEDS.bankCsv);
    for (let i = 0; i < caseCount(60); i++) {
      const file = join(dir, `bank-${i}.csv`);
      await writeFile(file, mutateBytes(Buffer.from(BANK_CSV), csvRandom));
      await runImportCase(tally, `csv mutation ${i}`, [file], run(file), guard);
    }
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('respondent files: a dataset or a clear error, and a refused file stores nothing', async () => {
    const tally = new FuzzTally('wvs-respondents');
    const surveys = new SurveyRepository(db);
    // Each accepted file adds a dataset; it is removed again so every case starts from the same data.
    const guard = {
      db,
      additive: true,
      restore: (value: unknown) => surveys.deleteDataset((value as { datasetId: number }).datasetId),
    };
    const run = (file: string, index: number) => () =>
      importWvsRespondents(file, db, { subgroups: index % 2 === 0 });
    const valid = join(dir, 'respondents.csv');
    let index = 0;
    for (const { name, bytes } of hostileContents()) {
      const file = join(dir, `hostile-${index}.csv`);
      await writeFile(file, bytes);
      await runImportCase(tally, name, [file], run(file, index++), guard);
    }
    for (const { name, path } of await hostilePaths(dir, valid, '.csv'))
      await runImportCase(tally, name, [path], run(path, index++), guard);

    const random = createRandom(SEEDS.respondents);
    const seed = Buffer.from(respondentsCsv());
    for (let i = 0; i < caseCount(100); i++) {
      const file = join(dir, `respondents-${i}.csv`);
      await writeFile(file, mutateBytes(seed, random));
      await runImportCase(tally, `csv mutation ${i}`, [file], run(file, i), guard);
    }
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });
});
