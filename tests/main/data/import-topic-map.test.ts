import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importGoqa } from '../../../src-main/data/import-goqa';
import { importTopicMap } from '../../../src-main/data/import-topic-map';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { SurveyRepository } from '../../../src-main/storage/survey-repository';
import { useTempDirs } from '../../helpers/temp-dir';

const CSV = [
  'question,selections,options,source',
  `"How important is family?","defaultdict(<class 'list'>, {'Japan': [0.5, 0.5]})","['Very', 'Not']","WVS"`,
  `"Can most people be   trusted?","defaultdict(<class 'list'>, {'Japan': [0.3, 0.7]})","['Yes', 'No']","WVS"`,
].join('\n');

describe('importTopicMap', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let surveys: SurveyRepository;
  let datasetId: number;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    surveys = new SurveyRepository(db);
    const file = join(await tempDir(), 'goqa.csv');
    await writeFile(file, CSV);
    datasetId = (await importGoqa(file, surveys)).datasetId;
  });
  afterEach(async () => {
    await db.close();
  });

  it('assigns topics by normalised question text and reports what did not match', async () => {
    const map = join(await tempDir(), 'topics.jsonl');
    await writeFile(
      map,
      [
        JSON.stringify({ Question: 'Can most people be trusted?', Category: 'Trust' }),
        JSON.stringify({ Question: 'Another question', Category: 'Other' }),
      ].join('\n'),
    );
    expect(await importTopicMap(map, db, datasetId)).toMatchObject({ entries: 2, matched: 1, unmatched: 1 });
    expect(await surveys.topics(datasetId)).toEqual([
      { topic: 'Trust', questions: 1 },
      { topic: 'unassigned', questions: 1 },
    ]);
  });

  it('refuses a broken map, naming the line, and changes nothing', async () => {
    const map = join(await tempDir(), 'broken.jsonl');
    await writeFile(
      map,
      `${JSON.stringify({ Question: 'How important is family?', Category: 'Family' })}\n{"Question": 3}\n`,
    );
    await expect(importTopicMap(map, db, datasetId)).rejects.toThrow(
      /broken\.jsonl' has 1 unusable lines \(line 2/,
    );
    expect(await surveys.topics(datasetId)).toEqual([{ topic: 'unassigned', questions: 2 }]);
  });
});
