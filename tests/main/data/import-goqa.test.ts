import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importGoqa } from '../../../src-main/data/import-goqa';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { SurveyRepository } from '../../../src-main/storage/survey-repository';
import { SHARED_DATA_MISSING_REASON, sharedDataPath } from '../../helpers/shared-data';
import { useTempDirs } from '../../helpers/temp-dir';

function csvCell(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function goqaCsv(rows: { question: string; selections: string; options: string; source: string }[]): string {
  return [
    'question,selections,options,source',
    ...rows.map((row) => [row.question, row.selections, row.options, row.source].map(csvCell).join(',')),
  ].join('\n');
}

const GOOD = [
  {
    question:
      'Generally speaking, would you say that most people can be trusted, or that you "need to be very careful"?',
    selections: `defaultdict(<class 'list'>, {'Great Britain': [0.4, 0.6], 'Taiwan ROC': [0.3, 0.7], 'Macau SAR': [0.2, 0.8], 'Nigeria': [0.12, 0.88]})`,
    options: `['Most people can be trusted', "Need to be very careful"]`,
    source: 'WVS',
  },
  {
    question: "How important is God in your life? (it's a 4-point scale)",
    selections: `defaultdict(<class 'list'>, {'Nigeria': [0.9, 0.05, 0.03, 0.02], 'Japan': [0.1, 0.2, 0.3, 0.4], 'Atlantis': [0.25, 0.25, 0.25, 0.25]})`,
    options: `['Very', 'Rather', 'Not very', "Don't know"]`,
    source: 'WVS',
  },
  {
    question: 'A Pew question',
    selections: `defaultdict(<class 'list'>, {'Japan': [1.0, 0.0]})`,
    options: `['Yes', 'No']`,
    source: 'GAS',
  },
];

describe('importGoqa', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let surveys: SurveyRepository;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    surveys = new SurveyRepository(db);
  });
  afterEach(async () => {
    await db.close();
  });

  it('imports WVS rows with tricky quoting, maps survey spellings to ISO codes and records provenance', async () => {
    const file = join(await tempDir(), 'global_opinions.csv');
    await writeFile(file, goqaCsv(GOOD));
    const report = await importGoqa(file, surveys);
    expect(report).toMatchObject({
      rows: 3,
      questions: 2,
      validPairs: 6,
      invalidPairs: 0,
      notWvs: 1,
      skipped: [],
      unresolvedCountries: ['Atlantis'],
    });
    expect((await surveys.countries(report.datasetId)).map((row) => row.country)).toEqual([
      'GB',
      'JP',
      'MO',
      'NG',
      'TW',
    ]);
    const [dataset] = await surveys.datasets();
    expect(dataset).toMatchObject({
      licence: 'CC BY-NC-SA 4.0',
      file_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      questions: 2,
      pairs: 6,
    });
    const trust = (await surveys.questionsForCountry(report.datasetId, 'NG')).find((question) =>
      question.text.includes('"need to be very careful"'),
    );
    expect(trust).toMatchObject({ scale_type: 'binary' });
    const god = (await surveys.questionsForCountry(report.datasetId, 'JP'))[0]!;
    expect(JSON.parse(god.substantive_json)).toEqual([true, true, true, false]);
  });

  it('refuses a file with broken rows, naming the lines, and leaves earlier data untouched', async () => {
    const dir = await tempDir();
    const good = join(dir, 'good.csv');
    await writeFile(good, goqaCsv(GOOD));
    await importGoqa(good, surveys);
    const broken = join(dir, 'broken.csv');
    await writeFile(broken, goqaCsv([GOOD[0]!, { ...GOOD[1]!, options: `['Very', 'Rather'` }]));
    await expect(importGoqa(broken, surveys)).rejects.toThrow(
      /broken\.csv' has 1 unusable rows \(line 3: options is not a Python list/,
    );
    const unbalanced = join(dir, 'unbalanced.csv');
    await writeFile(unbalanced, 'question,selections,options,source\n"never closed,x,y,WVS\n');
    await expect(importGoqa(unbalanced, surveys)).rejects.toThrow(/unbalanced\.csv' is not a valid CSV file/);
    expect(await surveys.datasets()).toHaveLength(1);

    const partial = await importGoqa(broken, surveys, { keepValidRows: true });
    expect(partial).toMatchObject({ questions: 1, skipped: [{ line: 3 }] });
    expect(await surveys.datasets()).toHaveLength(2);
  });

  it.skipIf(sharedDataPath('globalopinionqa_sample', 'globalopinionqa_pairs.jsonl') === null)(
    `imports the shared GlobalOpinionQA sample: 1,903 WVS pairs over 246 questions, every country resolved ${sharedDataPath('globalopinionqa_sample') === null ? SHARED_DATA_MISSING_REASON : ''}`,
    async () => {
      const report = await importGoqa(
        sharedDataPath('globalopinionqa_sample', 'globalopinionqa_pairs.jsonl')!,
        surveys,
      );
      expect(report).toMatchObject({
        questions: 246,
        validPairs: 1903,
        invalidPairs: 0,
        unresolvedCountries: [],
      });
      const all = await importGoqa(
        sharedDataPath('globalopinionqa_sample', 'globalopinionqa_pairs.jsonl')!,
        surveys,
        { includeGas: true },
      );
      // With the Pew rows nothing is left out as non-WVS, and the sample's flagged pairs are kept as invalid.
      expect(all.notWvs).toBe(0);
      expect(all.invalidPairs).toBeGreaterThan(0);
    },
  );
});
