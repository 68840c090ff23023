import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

function surveyCsv(): string {
  const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const rows = Array.from({ length: 6 }, (_, index) => {
    const selections = `defaultdict(<class 'list'>, {'Nigeria': [0.6, 0.3, 0.1], 'Japan': [0.2, 0.5, 0.3], 'Brazil': [0.4, 0.4, 0.2]})`;
    return [
      `How important is item ${index + 1} in your life?`,
      selections,
      `['Very important', 'Rather important', "Don't know"]`,
      'WVS',
    ]
      .map(cell)
      .join(',');
  });
  return ['question,selections,options,source', ...rows].join('\n');
}

// The whole product path with the real engine process and the generated demo model, from an empty app-data folder.
describe.skipIf(SKIP_E2E_REASON !== undefined)(
  `first result from an empty installation ${SKIP_E2E_REASON ?? ''}`,
  () => {
    let app: AppUnderTest;
    let csv: string;
    let imageFolder: string;

    beforeAll(async () => {
      app = await startAppUnderTest();
      csv = join(app.home, 'survey.csv');
      await writeFile(csv, surveyCsv());
      imageFolder = join(app.home, 'photos');
      for (const [country, color] of [
        ['Nigeria', { r: 200, g: 120, b: 20 }],
        ['Japan', { r: 20, g: 90, b: 200 }],
      ] as const) {
        await mkdir(join(imageFolder, country, 'food'), { recursive: true });
        await sharp({ create: { width: 320, height: 240, channels: 3, background: color } })
          .jpeg()
          .toFile(join(imageFolder, country, 'food', 'dish.jpg'));
      }
    });
    afterAll(async () => {
      await app?.close();
    });

    it('creates the demo model on the Models page', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'Models', exact: true }).click();
      await page.getByText('No models yet').waitFor();
      await page.getByRole('button', { name: 'Create the demo model' }).click();
      await page.getByText('demo · random weights').waitFor();
      await app.screenshot('models');
    });

    it('imports survey data on the Data page and shows its licence', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'Data', exact: true }).click();
      await page.getByLabel('File path').fill('/nonexistent/file.csv');
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('alert').getByText("File '/nonexistent/file.csv' does not exist.").waitFor();
      await page.getByLabel('File path').fill(csv);
      await page.getByRole('button', { name: 'Import' }).click();
      await page
        .getByRole('status')
        .getByText(/6 questions, 18 country distributions/)
        .waitFor();
      expect(await page.getByRole('table', { name: 'Datasets' }).getByText('CC BY-NC-SA 4.0').count()).toBe(
        1,
      );
      await app.screenshot('data');
    });

    it('refuses a folder that does not exist on the Images page, in plain words', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'Images', exact: true }).click();
      await page.getByText('No images yet').waitFor();
      await page.getByLabel('Folder', { exact: true }).fill('/nonexistent/images');
      await page.getByRole('button', { name: 'Import' }).click();
      await page
        .getByRole('alert')
        .getByText("Folder '/nonexistent/images' does not exist or is not a folder.")
        .waitFor();
      await page.getByLabel('Folder', { exact: true }).fill(imageFolder);
      await page.getByLabel('Licence').fill('CC0 (generated for the test)');
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText('Added 2 images (0 already in the library).').waitFor();
      const thumbnail = page.getByRole('list', { name: 'Image library' }).getByRole('img').first();
      await expect
        .poll(() => thumbnail.evaluate((node) => (node as unknown as { naturalWidth: number }).naturalWidth))
        .toBeGreaterThan(0);
      // The media route serves library files only, and only with the session's token.
      const sha = ((await thumbnail.getAttribute('src')) ?? '').split('/').pop()!;
      expect((await fetch(`${app.server.url}media/thumb/${sha}`)).status).toBe(401);
      const headers = { Authorization: `Bearer ${app.server.token}` };
      expect((await fetch(`${app.server.url}media/thumb/${'0'.repeat(64)}`, { headers })).status).toBe(404);
      const traversal = await fetch(`${app.server.url}media/image/..%2f..%2fetc%2fpasswd`, { headers });
      expect(await traversal.text()).not.toMatch(/root:/);
      await app.screenshot('images');
    });

    it('builds an experiment, previews it, runs it on the real engine and opens the results', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'Experiments', exact: true }).click();
      const countries = page.getByRole('list', { name: 'Countries with human answers' });
      await countries.getByLabel(/Nigeria/).check();
      await countries.getByLabel(/Japan/).check();
      await page.getByLabel(/T\+I — persona and an image of the same country/).check();
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByText(/36 items in 6 prefix groups/).waitFor();
      await app.screenshot('experiment-builder');
      await page.getByRole('button', { name: 'Start run' }).click();
      await page.getByText('completed', { exact: true }).first().waitFor({ timeout: 60_000 });
      expect(await page.getByRole('progressbar').first().getAttribute('aria-valuenow')).toBe('36');
      await page.getByRole('link', { name: 'View results →' }).click();
      await page.getByText('the scores mean nothing').waitFor();
      await page.getByRole('table', { name: 'Scored items' }).getByRole('button').first().click();
      await page.getByRole('heading', { name: 'Exact prompt' }).waitFor();
      // The image the model saw is shown when the item had one.
      await page
        .getByRole('combobox', { name: /Condition/ })
        .selectOption('TI')
        .catch(() => undefined);
      expect(await page.locator('pre.prompt-text').textContent()).toMatch(/^USER: <__media__>/);
      await app.screenshot('demo-results');
      expect(app.pageErrors).toEqual([]);
    });
  },
);
