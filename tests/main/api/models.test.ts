import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createApi, type AppApi } from '../../../src-main/api/create-api';
import type { ModelList, ModelSummary } from '../../../src-main/contract/models';
import { useTempDirs } from '../../helpers/temp-dir';
import { getTinyModel } from '../../helpers/tiny-model';

describe('models API', () => {
  const tempDir = useTempDirs();
  let api: AppApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('finds models in added folders, pairs by name, lets the user pair by hand and refuses a mismatched pair', async () => {
    api = await createApi({ home: await tempDir() });
    const call = <T>(name: string, input: unknown) =>
      api!.dispatcher.call(name, input, { door: 'test' }) as Promise<T>;
    const folder = join(await tempDir(), 'lab-models');
    await mkdir(folder);
    const pair = await getTinyModel();
    const broken = await getTinyModel({ defect: 'mmproj-width-mismatch' });
    await copyFile(pair.modelPath, join(folder, 'llava-mini.gguf'));
    await copyFile(pair.mmprojPath, join(folder, 'projector-for-something.gguf'));
    await copyFile(broken.mmprojPath, join(folder, 'llava-mini-mmproj.gguf'));

    expect((await call<ModelList>('models.list', {})).models).toEqual([]);
    await expect(call('models.addFolder', { path: join(folder, 'missing') })).rejects.toThrow(
      /does not exist/,
    );
    await call('models.addFolder', { path: folder });
    const list = await call<ModelList>('models.list', {});
    const model = list.models.find((entry) => entry.id === 'llava-mini')!;
    // Name matching picks the wrongly sized projector, and the fit check says why it cannot load.
    expect(model.mmprojPath).toBe(join(folder, 'llava-mini-mmproj.gguf'));
    expect(model.fit.ok).toBe(false);
    expect(model.fit.reasons[0]).toMatch(/outputs 32 values but the model expects 64/);

    await expect(
      call('models.pair', { modelPath: model.modelPath, mmprojPath: join(folder, 'llava-mini-mmproj.gguf') }),
    ).rejects.toMatchObject({ code: 'bad_file' });
    const paired = await call<ModelSummary>('models.pair', {
      modelPath: model.modelPath,
      mmprojPath: join(folder, 'projector-for-something.gguf'),
    });
    expect(paired).toMatchObject({
      id: 'llava-mini',
      mmprojPath: join(folder, 'projector-for-something.gguf'),
      fit: { ok: true },
    });
  });
});
