import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

const png = (shade: number) =>
  sharp({ create: { width: 24, height: 16, channels: 3, background: { r: shade, g: 90, b: 40 } } })
    .png()
    .toBuffer();

describe.skipIf(SKIP_E2E_REASON !== undefined)(
  `dropping images on the Images page ${SKIP_E2E_REASON ?? ''}`,
  () => {
    let app: AppUnderTest;

    beforeAll(async () => {
      app = await startAppUnderTest();
    });
    afterAll(async () => {
      await app?.close();
    });

    it('adds dropped and chosen files to the library with the country given, and says what it skipped', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'Images', exact: true }).click();
      await page.getByLabel('Dropped files').check();
      const card = page.getByRole('article').filter({ hasText: 'Drop images' });
      await card.getByText('Give the country first').waitFor();
      await card.getByLabel('Country').fill('Japan');
      await card.getByLabel('Category').fill('food');

      // The keyboard way: the file picker.
      await card.getByLabel('choose files').setInputFiles([
        { name: 'ramen.png', mimeType: 'image/png', buffer: await png(10) },
        { name: 'menu.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') },
      ]);
      await card.getByText('Added 1 images (0 already in the library).').waitFor();
      await card.getByText('1 files skipped').click();
      await card.getByText('menu.png').waitFor();

      // A real drop: a DataTransfer holding a file, dropped on the zone.
      const bytes = [...(await png(220))];
      const transfer = await page.evaluateHandle((data) => {
        const scope = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
        };
        const dropped = new scope.DataTransfer();
        dropped.items.add(new scope.File([new Uint8Array(data)], 'sushi.png', { type: 'image/png' }));
        return dropped;
      }, bytes);
      await card.getByLabel('Drop images here').dispatchEvent('drop', { dataTransfer: transfer });
      await card.getByText('Added 1 images (0 already in the library).').waitFor();

      const gallery = page.getByRole('list', { name: 'Image library' });
      await expect.poll(() => gallery.getByRole('listitem').count()).toBe(2);
      await gallery.getByText('JP · food').first().waitFor();
      await app.screenshot('images-drop');
      expect(app.pageErrors).toEqual([]);
    });
  },
);
