import { describe, expect, it } from 'vitest';

import { readGgufModelInfo } from '../../../../src-main/engine/gguf/model-info';
import { assertCompatiblePair } from '../../../../src-main/engine/gguf/pair-check';
import { getTinyModel } from '../../../helpers/tiny-model';

/** Reads both headers and checks the pair, as the app does before handing files to the engine. */
async function preflight(modelPath: string, mmprojPath: string): Promise<void> {
  const [text, mmproj] = await Promise.all([readGgufModelInfo(modelPath), readGgufModelInfo(mmprojPath)]);
  assertCompatiblePair(text, mmproj);
}

describe('assertCompatiblePair', () => {
  it('accepts the tiny pair in every variant', async () => {
    for (const variant of [
      {},
      { imageSize: 336 },
      { weightType: 'q8_0' as const },
      { weightType: 'f32' as const },
    ]) {
      const { modelPath, mmprojPath } = await getTinyModel(variant);
      await expect(preflight(modelPath, mmprojPath)).resolves.toBeUndefined();
    }
  });

  it('rejects files swapped into the wrong role', async () => {
    const { modelPath, mmprojPath } = await getTinyModel();
    await expect(preflight(mmprojPath, modelPath)).rejects.toMatchObject({
      code: 'bad_file',
      message: expect.stringMatching(/is a multimodal projector \(mmproj\), not a text model/) as unknown,
    });
  });

  it.each([
    ['mmproj-width-mismatch', 'mmproj', /64-wide|32-wide image embeddings.*expects 64/],
    ['mmproj-no-vision-flag', 'mmproj', /has no vision encoder/],
    ['model-truncated', 'model', /truncated/],
    ['mmproj-truncated', 'mmproj', /truncated/],
    ['model-wrong-magic', 'model', /not a GGUF file/],
    ['mmproj-wrong-magic', 'mmproj', /not a GGUF file/],
  ] as const)('rejects the %s variant with an error naming the %s file', async (defect, culprit, message) => {
    const pair = await getTinyModel({ defect });
    const file = culprit === 'model' ? pair.modelPath : pair.mmprojPath;
    const error: unknown = await preflight(pair.modelPath, pair.mmprojPath).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'bad_file', details: { file } });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(message);
  });
});
