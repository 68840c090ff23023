import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  importImageFolder,
  importImageManifest,
} from '../../../../src-main/data/images/import-image-library';
import type { Database } from '../../../../src-main/storage/database';
import { ImageRepository } from '../../../../src-main/storage/image-repository';
import { openAppDatabase } from '../../../../src-main/storage/open-database';
import { useTempDirs } from '../../../helpers/temp-dir';

describe('image library import', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let images: ImageRepository;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    images = new ImageRepository(db);
  });
  afterEach(async () => {
    await db.close();
  });

  it('imports <country>/<category>/<image>, honours EXIF orientation, skips bad files with reasons, never modifies originals', async () => {
    const root = await tempDir();
    const outside = await tempDir();
    const food = join(root, 'Japan', 'food');
    const homes = join(root, 'NG', 'homes');
    await mkdir(food, { recursive: true });
    await mkdir(homes, { recursive: true });
    await mkdir(join(root, 'Atlantis'), { recursive: true });
    await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 10, b: 10 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(join(food, 'rotated.jpg'));
    await sharp({ create: { width: 30, height: 30, channels: 3, background: { r: 10, g: 200, b: 10 } } })
      .png()
      .toFile(join(homes, 'a.png'));
    await writeFile(join(homes, 'copy.png'), await readFile(join(homes, 'a.png')));
    await writeFile(join(homes, 'fake.jpg'), 'not an image at all');
    await writeFile(join(homes, 'empty.png'), '');
    await sharp({ create: { width: 10, height: 10, channels: 3, background: { r: 0, g: 0, b: 255 } } })
      .png()
      .toFile(join(outside, 'secret.png'));
    await symlink(join(outside, 'secret.png'), join(homes, 'link.png'));
    const before = await readFile(join(food, 'rotated.jpg'));

    const report = await importImageFolder(root, images, { thumbnailDir: join(await tempDir(), 'thumbs') });
    expect(report.added).toBe(2);
    expect(report.duplicates).toBe(1);
    expect(report.byCountry).toEqual({ JP: 1, NG: 2 });
    const reasons: Record<string, string> = Object.fromEntries(
      report.skipped.map((entry): [string, string] => [entry.file.split('/').pop() ?? '', entry.reason]),
    );
    expect(reasons['fake.jpg']).toMatch(/not a readable image/);
    expect(reasons['empty.png']).toBe('empty file (0 bytes)');
    expect(reasons['link.png']).toBe('a link leading outside the chosen folder');
    expect(reasons.Atlantis).toMatch(/not a country name or ISO code/);
    const [rotated] = await images.list({ country: 'JP' });
    expect(rotated).toMatchObject({ category: 'food', width: 20, height: 40, format: 'jpeg' });
    expect(await readFile(join(food, 'rotated.jpg'))).toEqual(before);
    expect((await sharp(rotated!.thumbnail).metadata()).format).toBe('webp');
    expect(report.duplicateFiles).toHaveLength(1);

    // A second import of the same folder adds nothing and keeps every image once.
    const again = await importImageFolder(root, images, { thumbnailDir: join(await tempDir(), 'thumbs') });
    expect(again.added).toBe(0);
    expect(again.duplicates).toBe(3);
    expect(await images.list({})).toHaveLength(2);
  });

  it('imports a CSV manifest with per-image metadata and refuses paths that leave its folder', async () => {
    const root = await tempDir();
    const outside = await tempDir();
    await mkdir(join(root, 'pics'), { recursive: true });
    const png = (r: number) =>
      sharp({ create: { width: 16, height: 12, channels: 3, background: { r, g: 0, b: 0 } } }).png();
    await png(1).toFile(join(root, 'pics', 'kitchen.png'));
    await png(2).toFile(join(root, 'pics', 'street.png'));
    await png(3).toFile(join(outside, 'elsewhere.png'));
    const manifest = join(root, 'manifest.csv');
    await writeFile(
      manifest,
      [
        'path,country,category,income,licence,attribution',
        'pics/kitchen.png,Kenya,kitchen,310,CC BY 4.0,Photographer A',
        'pics/street.png,BR,street,,CC0,',
        `${join(outside, 'elsewhere.png')},JP,street,,,`,
        '../escape.png,JP,street,,,',
        'pics/missing.png,JP,street,,,',
        'pics/street.png,Atlantis,street,,,',
        'pics/kitchen.png,KE,kitchen,-5,,',
      ].join('\n'),
    );
    const thumbnailDir = join(await tempDir(), 'thumbs');
    const report = await importImageManifest(manifest, images, { thumbnailDir });
    expect(report.added).toBe(2);
    expect(report.manifest).toBe(manifest);
    const reasons = report.skipped.map((entry) => entry.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        "outside the manifest's folder (or a link leading out of it)",
        "'..' in the path (paths must stay inside the manifest's folder)",
        'file not found',
        "'Atlantis' is not a country name or ISO code",
        expect.stringMatching(/income '-5' is not a non-negative number/),
      ]),
    );
    const [kitchen] = await images.list({ country: 'KE' });
    expect(kitchen).toMatchObject({
      category: 'kitchen',
      income: 310,
      licence: 'CC BY 4.0',
      attribution: 'Photographer A',
    });

    await writeFile(join(root, 'broken.json'), '{"images": [');
    await expect(importImageManifest(join(root, 'broken.json'), images, { thumbnailDir })).rejects.toThrow(
      /broken\.json' is not an image manifest/,
    );
    expect(await images.list({})).toHaveLength(2);
  });
});
