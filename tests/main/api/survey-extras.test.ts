import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { CulturalMapEntry, ImportReport } from '../../../src-main/contract/data';
import { createApi, type AppApi } from '../../../src-main/api/create-api';
import { useTempDirs } from '../../helpers/temp-dir';

const TRUST_TEXT =
  'Generally speaking, would you say that most people can be trusted or that you need to be very careful in dealing with people?';

describe('data API: WVS bank, GlobalOpinionQA links and the cultural map', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('links GlobalOpinionQA questions imported after the bank, and returns map points with the map’s axes', async () => {
    api = await createApi({ home: await tempDir() });
    const call = <T>(name: string, input: unknown) =>
      api!.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;
    const dir = await tempDir();
    const bank = join(dir, 'bank.json');
    await writeFile(
      bank,
      JSON.stringify([
        {
          id: 'Q57',
          section_name: 'Social capital, trust and organisational membership',
          short_label: 'Most people can be trusted',
          question_text_natural: TRUST_TEXT,
          options: [
            { code: 1, label: 'Most people can be trusted' },
            { code: 2, label: 'Need to be very careful' },
          ],
        },
      ]),
    );
    const goqa = join(dir, 'goqa.jsonl');
    await writeFile(
      goqa,
      `${JSON.stringify({
        question: TRUST_TEXT,
        country: 'Mexico',
        options: ['Most people can be trusted', 'Need to be very careful'],
        distribution: [0.1, 0.9],
        source_guess: 'WVS',
      })}\n`,
    );
    await expect(call('data.importWvsBank', { path: 'relative.json' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await call('data.importWvsBank', { path: bank });
    const report = await call<ImportReport>('data.importGoqa', { path: goqa });
    expect(await call('data.topics', { datasetId: report.datasetId })).toEqual([
      { topic: 'Social capital, trust and organisational membership', questions: 1 },
    ]);

    const map = join(dir, 'map.csv');
    await writeFile(map, 'geo,year,tradagg,survsagg\nsweden,2009,1.1,-2.5\nsweden,2017,1.2,-3.1\n');
    await call('data.importCulturalMap', { path: map });
    expect(await call<CulturalMapEntry[]>('data.culturalMap', {})).toEqual([
      { country: 'SE', name: 'Sweden', year: 2017, x: 3.1, y: 1.2, tradagg: 1.2, survsagg: -3.1 },
    ]);
    expect(await call<CulturalMapEntry[]>('data.culturalMap', { latestOnly: false })).toHaveLength(2);
  });
});
