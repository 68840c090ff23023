import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createApi, type AppApi } from '../../../src-main/api/create-api';
import { ScoringEngineDouble, memorySources } from '../../helpers/scoring-engine-double';
import { useTempDirs } from '../../helpers/temp-dir';
import { IMAGES, QUESTIONS } from '../runner/fixtures';

describe('paths given through the app or browser mode', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('cannot make the app write outside its own folder: absolute paths, .. and symlinks are refused', async () => {
    const home = await tempDir();
    const outside = await tempDir();
    const sources = memorySources(QUESTIONS, IMAGES);
    api = await createApi({
      home,
      alignmentAdapters: () => ({
        questionsFor: () => sources.questions,
        images: sources.images,
        engine: new ScoringEngineDouble(),
        manifestFacts: () => Promise.resolve({}),
      }),
    });
    const { runId } = (await api.dispatcher.call(
      'runs.create',
      { experiment: { name: 'p', models: ['m'], countries: ['US'], datasetId: 1, conditions: ['T'] } },
      { door: 'test' },
    )) as { runId: number };
    await api.services.alignment().manager.waitForIdle();
    const link = join(home, 'exports-link');
    await symlink(outside, link);
    await mkdir(join(home, 'exports'), { recursive: true });
    for (const outDir of [outside, join(home, '..', 'escape'), join(link, 'sub'), 'relative/dir']) {
      const result = await api.dispatcher.invoke(
        'runs.export',
        { runId, format: 'csv', outDir },
        { door: 'http' },
      );
      expect(result, outDir).toMatchObject({ ok: false, error: { code: 'forbidden_path' } });
    }
    const inside = await api.dispatcher.invoke(
      'runs.export',
      { runId, format: 'csv', outDir: join(home, 'exports', 'mine') },
      { door: 'http' },
    );
    expect(inside).toMatchObject({ ok: true });
  });
});
