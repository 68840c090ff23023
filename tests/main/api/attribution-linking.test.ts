import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';

import type { CountryAgreement } from '../../../src-main/contract/attribution';
import type { AppApi } from '../../../src-main/api/create-api';
import { createApi } from '../../../src-main/api/create-api';
import type { GenerationEngine } from '../../../src-main/runner/generation/ports';
import type { GenerationRequest } from '../../../src-main/storage/generation-repository';
import { SurveyRepository } from '../../../src-main/storage/survey-repository';
import { useTempDirs } from '../../helpers/temp-dir';

/** Engine double at the process boundary: the person in France is called "secular", in India "religious". */
const engine: GenerationEngine = {
  generate(_model: string, request: GenerationRequest) {
    const image = basename(request.imagePath ?? '');
    const text = /France/.test(image)
      ? 'secular, tolerance'
      : /India/.test(image)
        ? 'religious, family'
        : 'honesty';
    return Promise.resolve({ text, promptTokens: 1, completionTokens: 1, durationMs: 1 });
  },
};

describe('attribution linked to the library and to surveys', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('scores whether the values attributed in a national context lean the way that country answers', async () => {
    api = await createApi({ home: await tempDir(), generationEngine: () => engine });
    const call = <T>(name: string, input: unknown) =>
      api!.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;
    await call('models.createDemo', {});
    const sets = await tempDir();
    await mkdir(join(sets, 'n1'));
    for (const [country, red] of [
      ['France', 30],
      ['India', 160],
    ] as const)
      await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: red, g: 0, b: 0 } } })
        .png()
        .toFile(join(sets, 'n1', `n1_${country}.png`));
    await call('attribution.importSets', { path: sets });
    // "How important is God in your life?": 1 = very … 3 = not at all; India answers "very" far more often.
    const datasetId = await new SurveyRepository(api.services.db).insertDataset({
      name: 'tiny WVS',
      kind: 'wvs',
      source: 'test',
      licence: 'test',
      citation: 'test',
      filePath: '/dev/null',
      fileSha256: '0',
      report: {},
      questions: [
        {
          id: 'Q164',
          text: 'How important is God in your life?',
          options: ['Very', 'Somewhat', 'Not at all', "Don't know"],
          substantive: [true, true, true, false],
          scaleType: 'ordinal',
          topic: 'religion',
          source: null,
          distributions: [
            { country: 'FR', values: [0.1, 0.2, 0.6, 0.1], n: 1000, valid: true, problem: null },
            { country: 'IN', values: [0.8, 0.1, 0.1, 0], n: 1000, valid: true, problem: null },
            { country: 'JP', values: [0.2, 0.3, 0.5, 0], n: 1000, valid: true, problem: null },
          ],
        },
      ],
    });
    const { runId } = await call<{ runId: number }>('attribution.create', {
      spec: {
        name: 'n',
        models: ['value-atlas-demo'],
        kinds: ['moral'],
        samples: 1,
        classification: false,
        blankBaseline: false,
      },
    });
    await api.services.alignment().manager.waitForIdle();
    const mapping = join(await tempDir(), 'mapping.csv');
    // Naming "religious" claims a LOWER code on Q164 (1 = very important); "secular" a higher one.
    await writeFile(
      mapping,
      'term,item,direction\nreligious,Q164,lower\nsecular,Q164,higher\nkindness,Q1,sideways\n',
    );
    const result = await call<{
      countries: CountryAgreement[];
      missingItems: string[];
      skippedRows: unknown[];
    }>('attribution.stereotype', { runId, mappingPath: mapping, datasetId });
    expect(result.skippedRows).toEqual([
      { line: 4, reason: "direction 'sideways' is not +1/higher or -1/lower" },
    ]);
    expect(result.countries.map((row) => [row.country, row.votes])).toEqual([
      ['FR', 1],
      ['IN', 1],
    ]);
    // Means over substantive options (1..3): FR 2.556, IN 1.3, JP 2.3 → both stereotypes point the right way.
    expect(result.countries.every((row) => row.agreement! > 0 && row.signAgreement === 1)).toBe(true);
    const fr = (0.1 + 0.4 + 1.8) / 0.9;
    const values = [fr, 1.3, 2.3];
    const mu = values.reduce((a, b) => a + b, 0) / 3;
    const sigma = Math.sqrt(values.reduce((a, b) => a + (b - mu) ** 2, 0) / 3);
    expect(result.countries[0]!.agreement).toBeCloseTo((fr - mu) / sigma, 10);
    expect(result.countries[1]!.agreement).toBeCloseTo(-(1.3 - mu) / sigma, 10);
  });

  it('builds a counterfactual set from library images and refuses contexts of another dimension', async () => {
    api = await createApi({ home: await tempDir(), generationEngine: () => engine });
    const call = <T>(name: string, input: unknown) =>
      api!.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;
    const folder = await tempDir();
    for (const [country, red] of [
      ['France', 30],
      ['India', 160],
    ] as const) {
      await mkdir(join(folder, country, 'portrait'), { recursive: true });
      await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: red, g: 9, b: 9 } } })
        .png()
        .toFile(join(folder, country, 'portrait', 'same-person.png'));
    }
    await call('images.importFolder', { path: folder });
    const library = await call<{ id: number; country: string }[]>('images.list', {});
    const idOf = (country: string) => library.find((image) => image.country === country)!.id;
    const created = await call<{ contexts: string[] }>('attribution.createSet', {
      id: 'mine',
      dimension: 'nationality',
      person: { note: 'same person, two backdrops' },
      contexts: [
        { context: 'france', imageId: idOf('FR') },
        { context: 'India', imageId: idOf('IN') },
      ],
    });
    expect(created.contexts).toEqual(['France', 'India']);
    expect(await call('attribution.sets', {})).toEqual([
      { dimension: 'nationality', context: 'France', sets: 1 },
      { dimension: 'nationality', context: 'India', sets: 1 },
    ]);
    await expect(
      call('attribution.createSet', {
        id: 'bad',
        dimension: 'religion',
        contexts: [
          { context: 'France', imageId: idOf('FR') },
          { context: 'Mosque', imageId: idOf('IN') },
        ],
      }),
    ).rejects.toThrow(/'France' is not a religion context/);
  });
});
