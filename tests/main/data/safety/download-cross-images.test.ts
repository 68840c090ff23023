import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { downloadCrossImages } from '../../../../src-main/data/safety/download-cross-images';
import { importCross } from '../../../../src-main/data/safety/import-cross';
import type { Database } from '../../../../src-main/storage/database';
import { ImageRepository } from '../../../../src-main/storage/image-repository';
import { openAppDatabase } from '../../../../src-main/storage/open-database';
import { SafetyRepository } from '../../../../src-main/storage/safety-repository';
import { fixturePng, writeCrossFixture } from '../../../helpers/cross-fixture';
import { serveBytes, startLocalHttpServer, type LocalHttpServer } from '../../../helpers/local-http-server';
import { useTempDirs } from '../../../helpers/temp-dir';

describe('downloadCrossImages', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let server: LocalHttpServer;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    server = await startLocalHttpServer();
  });
  afterEach(async () => {
    await db.close();
    await server.close();
  });

  it('fetches the images the records name, links them, reports a failing URL and goes on', async () => {
    const safety = new SafetyRepository(db);
    const images = new ImageRepository(db);
    const root = await tempDir();
    await writeCrossFixture(root, { images: false, imageBase: server.url('/cross') });
    const thumbnailDir = join(await tempDir(), 'thumbs');
    await importCross(root, { safety, images }, { images: { thumbnailDir } });
    server.route('/cross/casa/japan-shoes.png', serveBytes(await fixturePng(10)));
    server.route('/cross/casa/japan-gift.png', serveBytes(await fixturePng(60)));
    server.route('/cross/casa/kenya-greeting.png', serveBytes(Buffer.from('<html>not an image</html>')));
    // safeworld/india-jerky.png is not served: a 404.

    const imagesDir = await tempDir();
    const report = await downloadCrossImages(
      await safety.list(),
      { safety, images },
      {
        imagesDir,
        thumbnailDir,
        retries: 0,
      },
    );
    expect(report).toMatchObject({ requested: 4, downloaded: 3, linked: 2 });
    expect(report.failed.map((entry) => entry.url.split('/').pop())).toEqual(
      expect.arrayContaining(['kenya-greeting.png', 'india-jerky.png']),
    );
    const rows = await safety.list();
    expect(rows.filter((row) => row.image_id !== null).map((row) => row.id)).toEqual([
      'casa/english/Japan_1',
      'casa/english/Japan_2',
    ]);
    const stored = await images.byId(rows[0]!.image_id!);
    expect(stored).toMatchObject({ country: 'JP', category: 'cross-casa', stored_copy: 1 });
    expect(stored!.path.startsWith(join(imagesDir, 'cross', 'casa'))).toBe(true);
    // The HTML page served as an image is not kept.
    expect(existsSync(join(imagesDir, 'cross', 'casa', 'kenya-greeting.png'))).toBe(false);

    // A second request only fetches what is still missing.
    const before = server.requests.length;
    const again = await downloadCrossImages(
      await safety.list(),
      { safety, images },
      { imagesDir, thumbnailDir, retries: 0 },
    );
    expect(again.requested).toBe(2);
    expect(server.requests.length - before).toBe(2);
  });
});
