import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importGoqa } from '../../../src-main/data/import-goqa';
import { importWvsBank } from '../../../src-main/data/import-wvs-bank';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { SurveyRepository } from '../../../src-main/storage/survey-repository';
import { WvsBankRepository } from '../../../src-main/storage/wvs-bank-repository';
import { SHARED_DATA_MISSING_REASON, sharedDataPath } from '../../helpers/shared-data';
import { useTempDirs } from '../../helpers/temp-dir';

const TRUST = {
  id: 'Q57',
  section: 'social_capital_trust',
  section_name: 'Social capital, trust and organisational membership',
  short_label: 'Most people can be trusted',
  question_text_natural:
    'Generally speaking, would you say that most people can be trusted or that you need to be very careful in dealing with people?',
  answer_data_type: 'ordinal',
  codebook_type: 'multiple_choice',
  options: [
    { code: 1, label: 'Most people can be trusted' },
    { code: 2, label: 'Need to be very careful' },
  ],
  missing_codes: [
    { code: -1, label: "Don't know" },
    { code: -2, label: 'No answer' },
  ],
};
const FAMILY = {
  id: 'Q1',
  section: 'social_values',
  section_name: 'Social values, attitudes & stereotypes',
  short_label: 'Important in life: Family',
  question_text_natural: 'How important is family in your life?',
  answer_data_type: 'ordinal',
  options: ['Very important', 'Rather important', 'Not very important', 'Not at all important'].map(
    (label, index) => ({ code: index + 1, label }),
  ),
};
const EU = {
  id: 'Q82_EU',
  short_label: 'Confidence: The European Union (EU)',
  options: ['A great deal', 'Quite a lot', 'Not very much', 'None at all'].map((label, index) => ({
    code: index + 1,
    label,
  })),
};
const REAL_DATA_MISSING =
  sharedDataPath('wvs7_questions', 'wvs7_questions_merged.json') === null ||
  sharedDataPath('globalopinionqa_sample', 'globalopinionqa_pairs.jsonl') === null;

const AGE = { id: 'Q262', short_label: 'Age', codebook_type: 'objective', options: [] };

function goqaLine(question: string, options: string[], country: string, distribution: number[]): string {
  return JSON.stringify({ question, country, options, distribution, source_guess: 'WVS' });
}

describe('importWvsBank', () => {
  const tempDir = useTempDirs();
  let db: Database;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
  });
  afterEach(async () => {
    await db.close();
  });

  async function writeBank(entries: unknown[]): Promise<string> {
    const file = join(await tempDir(), 'bank.json');
    await writeFile(file, JSON.stringify(entries));
    return file;
  }

  it('stores items with ordered options, flagged missing codes, scale types and sections', async () => {
    const report = await importWvsBank(await writeBank([FAMILY, TRUST, EU, AGE]), db);
    expect(report).toMatchObject({ items: 4, baseItems: 3, variants: 1 });
    const items = await new WvsBankRepository(db).items();
    expect(items.map((item) => [item.id, item.scaleType, item.sectionName])).toEqual([
      ['Q1', 'ordinal', 'Social values, attitudes & stereotypes'],
      ['Q57', 'binary', 'Social capital, trust and organisational membership'],
      // Without a section in the file, the questionnaire's ranges give it.
      ['Q82_EU', 'categorical', 'Social capital, trust and organisational membership'],
      ['Q262', 'categorical', 'Demography'],
    ]);
    const trust = items.find((item) => item.id === 'Q57')!;
    expect(trust.options.map((option) => option.code)).toEqual([1, 2]);
    expect(trust.missingCodes.map((option) => option.code)).toEqual([-1, -2]);
    expect(items.find((item) => item.id === 'Q262')?.objective).toBe(true);
    const stored = await db.get<{ options_json: string }>(
      "SELECT options_json FROM wvs_bank_items WHERE id = 'Q57'",
    );
    expect(JSON.parse(stored!.options_json)).toEqual([
      { code: 1, label: 'Most people can be trusted', substantive: true },
      { code: 2, label: 'Need to be very careful', substantive: true },
      { code: -1, label: "Don't know", substantive: false },
      { code: -2, label: 'No answer', substantive: false },
    ]);
  });

  it('reads the CSV form with options written code=label', async () => {
    const file = join(await tempDir(), 'bank.csv');
    await writeFile(
      file,
      'id,number,section,section_name,short_label,question_text_wvb,question_text_natural,scale_min,scale_max,answer_data_type,options\n' +
        'Q1,1,social_values,Social values,Important in life: Family,,How important is family in your life?,1,4,ordinal,1=Very important | 2=Rather important | 3=Not very important | 4=Not at all important\n',
    );
    await importWvsBank(file, db);
    const [item] = await new WvsBankRepository(db).items();
    expect(item?.options.map((option) => option.label)).toEqual([
      'Very important',
      'Rather important',
      'Not very important',
      'Not at all important',
    ]);
    expect(item?.missingCodes.map((option) => option.code)).toEqual([-1, -2, -4, -5]);
  });

  it('links imported GlobalOpinionQA questions and gives them their section as topic', async () => {
    const goqa = join(await tempDir(), 'goqa.jsonl');
    const trustOptions = ['Most people can be trusted', 'Can´t be too careful', "Don't know", 'No answer'];
    const familyOptions = [
      'Very important',
      'Rather important',
      'Not very important',
      'Not at all important',
    ];
    await writeFile(
      goqa,
      [
        goqaLine(
          'Generally speaking, would you say that most people can be trusted or that you need to be very careful in dealing with people?',
          trustOptions,
          'Mexico',
          [0.1, 0.85, 0.03, 0.02],
        ),
        goqaLine(
          'For each of the following aspects, indicate how important it is in your life. Would you say it is very important, rather important, not very important or not important at all?\n\nFamily',
          familyOptions,
          'Mexico',
          [0.9, 0.08, 0.01, 0.01],
        ),
        goqaLine('How often do you use a tram?', ['Daily', 'Never'], 'Mexico', [0.2, 0.8]),
      ].join('\n'),
    );
    const { datasetId } = await importGoqa(goqa, new SurveyRepository(db));
    const report = await importWvsBank(await writeBank([FAMILY, TRUST, EU, AGE]), db);
    expect(report.goqa).toEqual({ datasets: 1, questions: 3, matched: 2, topicsFromSections: 2 });
    const links = await new WvsBankRepository(db).links(datasetId);
    expect(links.map((link) => link.wvsId).sort()).toEqual(['Q1', 'Q57']);
    expect(await new SurveyRepository(db).topics(datasetId)).toEqual([
      { topic: 'Social capital, trust and organisational membership', questions: 1 },
      { topic: 'Social values, attitudes & stereotypes', questions: 1 },
      { topic: 'unassigned', questions: 1 },
    ]);
  });

  it('refuses a broken entry, naming the file and entry, and keeps the previous bank', async () => {
    await importWvsBank(await writeBank([FAMILY]), db);
    const broken = await writeBank([TRUST, { id: 'Q999', options: [] }]);
    await expect(importWvsBank(broken, db)).rejects.toThrow(
      /bank\.json' has 1 unusable row \(line 2: 'Q999'/,
    );
    await expect(importWvsBank(await writeBank([TRUST, TRUST]), db)).rejects.toThrow(/Q57 appears twice/);
    expect((await new WvsBankRepository(db).items()).map((item) => item.id)).toEqual(['Q1']);
  });

  it.skipIf(REAL_DATA_MISSING)(
    `imports the real bank and matches the GlobalOpinionQA sample${REAL_DATA_MISSING ? ` (skipped: ${SHARED_DATA_MISSING_REASON})` : ''}`,
    async () => {
      const { datasetId } = await importGoqa(
        sharedDataPath('globalopinionqa_sample', 'globalopinionqa_pairs.jsonl')!,
        new SurveyRepository(db),
      );
      const report = await importWvsBank(sharedDataPath('wvs7_questions', 'wvs7_questions_merged.json')!, db);
      expect(report).toMatchObject({ items: 336, baseItems: 290, variants: 46 });
      expect(report.sections).toHaveLength(14);
      console.info(
        `GlobalOpinionQA sample: ${report.goqa.matched} of ${report.goqa.questions} questions matched`,
      );
      expect(report.goqa.questions).toBe(246);
      expect(report.goqa.matched).toBeGreaterThanOrEqual(205);
      const links = new Map(
        (await new WvsBankRepository(db).links(datasetId)).map((link) => [link.questionId, link.wvsId]),
      );
      const trust = await db.get<{ id: string }>(
        "SELECT id FROM survey_questions WHERE dataset_id = ? AND text LIKE 'Generally speaking, would you say that most people can be trusted%'",
        [datasetId],
      );
      expect(links.get(trust!.id)).toBe('Q57');
      // The same file in CSV form gives the same items.
      await importWvsBank(sharedDataPath('wvs7_questions', 'wvs7_questions_merged.csv')!, db);
      expect(await new WvsBankRepository(db).items()).toHaveLength(336);
    },
  );
});
