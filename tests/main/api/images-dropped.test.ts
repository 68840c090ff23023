import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import type { ImageImportResult, ImageSummary } from '../../../src-main/contract/images';
import { useTestApi } from '../../helpers/test-api';

const png = (shade: number) =>
  sharp({ create: { width: 20, height: 10, channels: 3, background: { r: shade, g: 10, b: 10 } } })
    .png()
    .toBuffer();

describe('images dropped on the window', () => {
  const { tempDir, open, call } = useTestApi();

  it('keeps its own copies under the app data, whatever the names say, and reports every file', async () => {
    const home = await tempDir();
    await open({ home });
    const [red, blue] = [await png(200), await png(20)];
    const report = await call<ImageImportResult>('images.importDropped', {
      files: [
        { name: 'ramen.png', dataBase64: red.toString('base64') },
        // A name cannot choose where anything is written.
        { name: '../../../etc/sushi.png', dataBase64: blue.toString('base64') },
        { name: 'notes.png', dataBase64: Buffer.from('not an image at all').toString('base64') },
        { name: 'script.sh', dataBase64: Buffer.from('echo hi').toString('base64') },
      ],
      country: 'Japan',
      category: 'food',
      licence: 'CC BY 4.0',
    });
    expect(report).toMatchObject({ found: 4, added: 2, duplicates: 0, byCountry: { JP: 2 } });
    expect(report.skipped.map((entry) => entry.file).sort()).toEqual(['notes.png', 'script.sh']);
    const library = await call<ImageSummary[]>('images.list', { country: 'JP' });
    expect(library.map((image) => [image.category, image.licence, image.source]).sort()).toEqual([
      ['food', 'CC BY 4.0', 'dropped file ramen.png'],
      ['food', 'CC BY 4.0', 'dropped file sushi.png'],
    ]);
    // Only the two images are on disk, named by their content; the refused file left nothing behind.
    const copies = await readdir(join(home, 'images', 'copies'));
    expect(copies.sort()).toEqual(library.map((image) => `${image.sha256}.png`).sort());

    const again = await call<ImageImportResult>('images.importDropped', {
      files: [{ name: 'ramen-again.png', dataBase64: red.toString('base64') }],
      country: 'JP',
    });
    expect(again).toMatchObject({ added: 0, duplicates: 1 });
    await expect(
      call('images.importDropped', {
        files: [{ name: 'a.png', dataBase64: red.toString('base64') }],
        country: 'Atlantis',
      }),
    ).rejects.toThrow(/'Atlantis' is not a country/);
    expect(await call<ImageSummary[]>('images.list', {})).toHaveLength(2);
  });
});
