import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dollarStreetFixture, type FixturePhoto } from '../helpers/dollarstreet-fixture';
import { serveBytes, startLocalHttpServer, type LocalHttpServer } from '../helpers/local-http-server';
import { SKIP_E2E_REASON } from './helpers/browser';
import { startAppUnderTest, type AppUnderTest } from './helpers/app-under-test';

const PHOTOS: FixturePhoto[] = [
  { country: 'Kenya', household: 'Kenya 7', id: 'k1', income: 40, labels: ['homes'], serve: 'jpeg' },
  { country: 'Kenya', household: 'Kenya 7', id: 'k2', income: 40, labels: ['stoves'], serve: 'jpeg' },
  { country: 'Peru', household: 'Peru 1', id: 'p1', income: 700, labels: ['homes'], serve: 'jpeg' },
  { country: 'Peru', household: 'Peru 2', id: 'p2', income: 650, labels: ['homes'], serve: 'missing' },
  { country: 'Peru', household: 'Peru 3', id: 'p3', income: 690, labels: ['homes', 'stoves'], serve: 'html' },
  { country: 'Peru', household: 'Peru 4', id: 'p4', income: 900, labels: ['homes'], serve: 'jpeg' },
  // Served by a stalling route below, to cancel.
  { country: 'India', household: 'India 1', id: 'i1', income: 300, labels: ['stoves'], serve: 'missing' },
];

/** The fixture's bytes for the photo at `index` (dollarstreet-fixture.ts), to have them in the library first. */
function fixtureJpeg(index: number): Promise<Buffer> {
  return sharp({
    create: { width: 48, height: 48, channels: 3, background: { r: (index * 40) % 256, g: 120, b: 30 } },
  })
    .jpeg()
    .toBuffer();
}

// The Dollar Street picker: import the index, read its summary, narrow by topic, income and country, download
// into the library (one photo already there, two that fail), and cancel a download that hangs.
describe.skipIf(SKIP_E2E_REASON !== undefined)(
  `Dollar Street on the Images page ${SKIP_E2E_REASON ?? ''}`,
  () => {
    let app: AppUnderTest;
    let server: LocalHttpServer;
    let index: string;

    beforeAll(async () => {
      server = await startLocalHttpServer();
      app = await startAppUnderTest();
      index = join(app.home, 'metadata.csv');
      await writeFile(index, await dollarStreetFixture(server, PHOTOS));
      server.route(
        '/media/India%201/image/i1/480x480-i1.jpg',
        serveBytes(await fixtureJpeg(6), { stallAfter: 10 }),
      );
      // k1's bytes are already in the library under another name: its download must say so.
      const folder = join(app.home, 'own', 'Kenya', 'homes');
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, 'house.jpg'), await fixtureJpeg(0));
      await app.api.dispatcher.call('images.importFolder', { path: join(app.home, 'own') }, { door: 'test' });
    });
    afterAll(async () => {
      await app?.close();
      await server?.close();
    });

    it('imports the index and shows what it holds, with licence and attribution', async () => {
      const { page } = app;
      await page.getByRole('link', { name: 'Images', exact: true }).click();
      await page.getByLabel('Dollar Street', { exact: true }).check();
      await page.getByLabel('Index file').fill('/nonexistent/metadata.csv');
      await page.getByRole('button', { name: 'Import index' }).click();
      await page
        .getByRole('alert')
        .getByText(/nonexistent\/metadata\.csv/)
        .waitFor();

      await page.getByLabel('Index file').fill(index);
      await page.getByRole('button', { name: 'Import index' }).click();
      await page.getByText('Read 7 photos of 6 households in 3 countries, with 2 topics.').waitFor();
      const summary = page.getByRole('article', { name: 'In the index' });
      await summary.getByText('$40 to $900', { exact: false }).waitFor();
      await summary.getByText('Licence: CC BY 4.0.').waitFor();
      await summary.getByText(/Gapminder Dollar Street \(dollarstreet\.org\)/).waitFor();
    });

    it('narrows by topic, income and country, downloads the choice and reports each photo', async () => {
      const { page } = app;
      const countries = page.getByRole('list', { name: 'Dollar Street countries' });
      const status = page.getByText(/photos? from \d+ households? match/);
      await page.getByRole('list', { name: 'Dollar Street topics' }).getByLabel('homes (5)').check();
      await status.filter({ hasText: '5 photos from 5 households match' }).waitFor();
      await page.getByLabel('Monthly income up to (USD)').fill('800');
      // Each country's count follows the topic and income choice, whether or not it is ticked.
      await countries.getByLabel('Peru (3)').check();
      await countries.getByLabel('Kenya (1)').check();
      await countries.getByLabel('India (0)').waitFor();
      await status.filter({ hasText: '4 photos from 4 households match; 0 of them' }).waitFor();

      await page.getByRole('button', { name: 'Download 4 photos' }).click();
      const report = page.getByText('1 downloaded, 1 already in the library, 2 failed (of 4 requested).');
      await report.waitFor({ timeout: 30_000 });
      const failures = page.getByRole('group').filter({ hasText: 'Why these photos failed' });
      await failures.getByRole('listitem').filter({ hasText: '480x480-p2.jpg' }).waitFor();
      await failures.getByRole('listitem').filter({ hasText: '480x480-p3.jpg' }).waitFor();
      await status.filter({ hasText: '2 of them are already in the library' }).waitFor();
      const gallery = page.getByRole('list', { name: 'Image library' });
      // The new photo carries its licence; k1 keeps what its first import said.
      await expect.poll(() => gallery.getByRole('listitem').count()).toBe(2);
      expect(await gallery.getByText('CC BY 4.0', { exact: true }).count()).toBe(1);
      await app.screenshot('images-dollarstreet');
    });

    it('cancels a download that hangs, keeping what arrived', async () => {
      const { page } = app;
      await page.getByRole('button', { name: 'Clear the choice' }).click();
      await page.getByRole('list', { name: 'Dollar Street countries' }).getByLabel('India (1)').check();
      await page.getByRole('button', { name: 'Download 1 photo' }).click();
      await page.getByRole('progressbar', { name: 'Dollar Street download' }).waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByText('Cancelled. Photos downloaded before that stay in the library.').waitFor();
      await page.getByRole('button', { name: 'Download 1 photo' }).waitFor();
      expect(app.pageErrors).toEqual([]);
    });
  },
);
