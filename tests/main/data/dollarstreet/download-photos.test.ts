import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { downloadDollarStreetPhotos } from '../../../../src-main/data/dollarstreet/download-photos';
import { importDollarStreetIndex } from '../../../../src-main/data/dollarstreet/import-index';
import type { Database } from '../../../../src-main/storage/database';
import { DollarStreetRepository } from '../../../../src-main/storage/dollarstreet-repository';
import { ImageRepository } from '../../../../src-main/storage/image-repository';
import { openAppDatabase } from '../../../../src-main/storage/open-database';
import { dollarStreetFixture, type FixturePhoto } from '../../../helpers/dollarstreet-fixture';
import { startLocalHttpServer, type LocalHttpServer } from '../../../helpers/local-http-server';
import { useTempDirs } from '../../../helpers/temp-dir';

const PHOTOS: FixturePhoto[] = [
  {
    country: 'Kenya',
    household: 'Kenya 7',
    id: 'k1',
    income: 40,
    labels: ['homes', 'stoves'],
    serve: 'jpeg',
  },
  { country: 'Kenya', household: 'Kenya 7', id: 'k2', income: 40, labels: ['stoves'], serve: 'jpeg' },
  { country: 'Kenya', household: 'Kenya 9', id: 'k3', income: 900, labels: ['beds'], serve: 'missing' },
  { country: 'Kenya', household: 'Kenya 9', id: 'k4', income: 900, labels: ['homes'], serve: 'html' },
  { country: 'Nigeria', household: 'Nigeria 2', id: 'n1', income: 120, labels: ['homes'], serve: 'jpeg' },
];

describe('Dollar Street photo download (from a local HTTP server)', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let server: LocalHttpServer;
  let repositories: { photos: DollarStreetRepository; images: ImageRepository };
  let home: string;
  beforeEach(async () => {
    home = await tempDir();
    db = await openAppDatabase(join(home, 'db.sqlite'));
    repositories = { photos: new DollarStreetRepository(db), images: new ImageRepository(db) };
    server = await startLocalHttpServer();
    const index = join(home, 'metadata.csv');
    await writeFile(index, await dollarStreetFixture(server, PHOTOS));
    await importDollarStreetIndex(index, repositories.photos);
  });
  afterEach(async () => {
    await server.close();
    await db.close();
  });

  const options = () => ({
    imagesDir: join(home, 'images'),
    thumbnailDir: join(home, 'thumbs'),
    retries: 0,
    retryDelayMs: 0,
  });

  it('adds each photo to the library with country, topic, income, licence and attribution; failures are listed', async () => {
    const chosen = await repositories.photos.pending({ countries: ['KE'] }, 100);
    const progress: number[] = [];
    const report = await downloadDollarStreetPhotos(chosen, repositories, {
      ...options(),
      topics: ['stoves'],
      onProgress: (done) => progress.push(done),
    });
    expect(report).toMatchObject({ requested: 4, downloaded: 2, alreadyInLibrary: 0, byCountry: { KE: 2 } });
    expect(report.failed.map((failure) => failure.reason)).toEqual([
      expect.stringMatching(/480x480-k3\.jpg from 127\.0\.0\.1 failed: HTTP 404/),
      expect.stringMatching(/.+/),
    ]);
    expect(progress.at(-1)).toBe(4);
    const images = await repositories.images.list({ country: 'KE' });
    expect(images.map((image) => [image.category, image.income, image.licence, image.stored_copy])).toEqual([
      ['stoves', 40, 'CC BY 4.0', 1],
      ['stoves', 40, 'CC BY 4.0', 1],
    ]);
    expect(images[0]!.attribution).toMatch(/Gapminder Dollar Street.*Kenya 7/);
    expect(images[0]!.source).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/Kenya%207\//);
    for (const image of images)
      expect(image.path.startsWith(join(home, 'images', 'dollarstreet', 'ke'))).toBe(true);
    // The HTML page served as a photo is not kept anywhere.
    const html = chosen.find((photo) => photo.url.includes('k4'))!;
    expect(existsSync(join(home, 'images', 'dollarstreet', 'ke', `${html.id}.jpg`))).toBe(false);

    const counts = await repositories.photos.counts({ countries: ['KE'] });
    expect(counts.downloaded).toBe(2);
    const again = await repositories.photos.pending({ countries: ['KE'] }, 100);
    expect(again.map((photo) => photo.url.split('/').pop())).toEqual(['480x480-k3.jpg', '480x480-k4.jpg']);
    const second = await downloadDollarStreetPhotos(again, repositories, options());
    expect(second.downloaded).toBe(0);
    expect(second.failed).toHaveLength(2);
  });

  it('stops at once with the host named when the server cannot be reached', async () => {
    const chosen = await repositories.photos.pending({ countries: ['NG'] }, 100);
    await server.close();
    await expect(downloadDollarStreetPhotos(chosen, repositories, options())).rejects.toThrow(
      /127\.0\.0\.1:\d+ refused the connection/,
    );
    expect(await repositories.images.list()).toEqual([]);
  });

  it('a cancelled batch keeps the photos already finished', async () => {
    const chosen = await repositories.photos.pending({}, 100);
    const controller = new AbortController();
    await expect(
      downloadDollarStreetPhotos(chosen, repositories, {
        ...options(),
        concurrency: 1,
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 1) controller.abort();
        },
      }),
    ).rejects.toThrow(/cancelled/);
    expect((await repositories.photos.counts({})).downloaded).toBe(1);
  });
});
