import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importGoqa } from '../../../src-main/data/import-goqa';
import { importTopicMap } from '../../../src-main/data/import-topic-map';
import { createRandom, randomInt } from '../../../src-main/domain/stats/prng';
import type { Database } from '../../../src-main/storage/database';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { SurveyRepository } from '../../../src-main/storage/survey-repository';
import { syntheticGoqaCsv } from '../../helpers/goqa-fixture';
import { useTempDirs } from '../../helpers/temp-dir';
import { caseCount, FuzzTally, runImportCase, snapshotDatabase } from './fuzz-kit';
import { hostileContents, hostilePaths, mutateBytes, mutateJson } from './hostile-files';

// GlobalOpinionQA (CSV as published and JSONL pairs) and the topic maps applied to it, fed seeded hostile
// files after a valid import: each ends in a value or a clear error naming the file, never a hang, and a
// refused file leaves the stored survey data exactly as it was.
const SEEDS = { goqaCsv: 101, goqaJsonl: 102, topics: 103 };

function jsonlSeed(): string {
  const options = ['Agree strongly', 'Agree', 'Disagree', "Don't know"];
  return ['Nigeria', 'Japan', 'Brazil', 'Côte d’Ivoire']
    .flatMap((country, index) =>
      [1, 2].map((question) =>
        JSON.stringify({
          question: `Question ${question}: is "trust" important?`,
          options,
          country,
          distribution: [0.4, 0.3, 0.2 - index * 0.01, 0.1 + index * 0.01],
          source: 'WVS',
        }),
      ),
    )
    .join('\n');
}

describe('fuzzing the GlobalOpinionQA and topic-map importers', () => {
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

  it('GlobalOpinionQA CSV and JSONL: every hostile file ends in a dataset or a clear error, earlier data kept', async () => {
    const dir = await tempDir();
    const valid = join(dir, 'valid.csv');
    await writeFile(valid, syntheticGoqaCsv());
    await importGoqa(valid, surveys);
    const baseline = await snapshotDatabase(db);
    const tally = new FuzzTally('goqa');
    // Each accepted file adds a dataset; it is removed again so the next case starts from the same data.
    const guard = {
      db,
      additive: true,
      restore: (value: unknown) => surveys.deleteDataset((value as { datasetId: number }).datasetId),
    };
    const importAs = (file: string, index: number) => () =>
      importGoqa(file, surveys, { keepValidRows: index % 3 === 0, includeGas: index % 4 === 0 });

    let index = 0;
    for (const { name, bytes } of hostileContents()) {
      for (const extension of ['.csv', '.jsonl']) {
        const file = join(dir, `hostile-${index}${extension}`);
        await writeFile(file, bytes);
        await runImportCase(tally, `${name} (${extension})`, [file], importAs(file, index++), guard);
      }
    }
    for (const { name, path } of await hostilePaths(dir, valid, '.csv'))
      await runImportCase(tally, name, [path], importAs(path, index++), guard);

    const csvRandom = createRandom(SEEDS.goqaCsv);
    const csv = Buffer.from(syntheticGoqaCsv());
    for (let i = 0; i < caseCount(100); i++) {
      const file = join(dir, `csv-${i}.csv`);
      await writeFile(file, mutateBytes(csv, csvRandom));
      await runImportCase(tally, `csv mutation ${i}`, [file], importAs(file, i), guard);
    }
    const jsonlRandom = createRandom(SEEDS.goqaJsonl);
    const lines = jsonlSeed().split('\n');
    for (let i = 0; i < caseCount(100); i++) {
      const file = join(dir, `pairs-${i}.jsonl`);
      // Half the cases change the bytes, half change one record's structure (wrong types, deep values).
      if (i % 2 === 0) await writeFile(file, mutateBytes(Buffer.from(lines.join('\n')), jsonlRandom));
      else {
        const copy = [...lines];
        const at = randomInt(jsonlRandom, copy.length);
        copy[at] = JSON.stringify(mutateJson(JSON.parse(copy[at]!), jsonlRandom)) ?? 'undefined';
        await writeFile(file, copy.join('\n'));
      }
      await runImportCase(tally, `jsonl mutation ${i}`, [file], importAs(file, i), guard);
    }
    // The first dataset is still there, row for row.
    const after = await snapshotDatabase(db);
    for (const table of ['survey_questions', 'survey_distributions'])
      expect(after[table]?.filter((row) => baseline[table]?.includes(row))).toEqual(baseline[table]);
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('topic maps: every hostile JSONL file ends in topics assigned or a clear error, topics otherwise kept', async () => {
    const dir = await tempDir();
    const goqa = join(dir, 'goqa.csv');
    await writeFile(goqa, syntheticGoqaCsv());
    const { datasetId } = await importGoqa(goqa, surveys);
    const questions = await surveys.questionsForCountry(datasetId, 'NG');
    const seed = questions
      .map((question, index) => JSON.stringify({ Question: question.text, Category: `Topic ${index % 3}` }))
      .join('\n');
    const valid = join(dir, 'topics.jsonl');
    await writeFile(valid, seed);
    await importTopicMap(valid, db, datasetId);
    const tally = new FuzzTally('topic-map');
    // A success may change topics (that is its job): the valid map is applied again to compare the next case.
    const guard = {
      db,
      additive: false,
      restore: async () => {
        await importTopicMap(valid, db, datasetId);
      },
    };

    let index = 0;
    for (const { name, bytes } of hostileContents()) {
      const file = join(dir, `hostile-${index++}.jsonl`);
      await writeFile(file, bytes);
      await runImportCase(tally, name, [file], () => importTopicMap(file, db, datasetId), guard);
    }
    for (const { name, path } of await hostilePaths(dir, valid, '.jsonl'))
      await runImportCase(tally, name, [path], () => importTopicMap(path, db, datasetId), guard);
    const random = createRandom(SEEDS.topics);
    const lines = seed.split('\n');
    for (let i = 0; i < caseCount(100); i++) {
      const file = join(dir, `topics-${i}.jsonl`);
      if (i % 2 === 0) await writeFile(file, mutateBytes(Buffer.from(seed), random));
      else {
        const copy = [...lines];
        const at = randomInt(random, copy.length);
        copy[at] = JSON.stringify(mutateJson(JSON.parse(copy[at]!), random)) ?? 'undefined';
        await writeFile(file, copy.join('\n'));
      }
      await runImportCase(
        tally,
        `topic-map mutation ${i}`,
        [file],
        () => importTopicMap(file, db, datasetId),
        guard,
      );
    }
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });
});
