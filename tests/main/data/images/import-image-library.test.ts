import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importImageFolder } from '../../../src-main/data/import-image-folder';
import type { Database } from '../../../src-main/storage/database';
import { ImageRepository } from '../../../src-main/storage/image-repository';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { useTempDirs } from '../../helpers/temp-dir';

describe('importImageFolder', () => {
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

    const report = await importImageFolder(root, images, join(root, '..', 'thumbs-' + Date.now()));
    expect(report.added).toBe(2);
    expect(report.duplicates).toBe(1);
    expect(report.byCountry).toEqual({ JP: 1, NG: 2 });
    const reasons: Record<string, string> = Object.fromEntries(
      report.skipped.map((entry): [string, string] => [entry.file.split('/').pop() ?? '', entry.reason]),
    );
    expect(reasons['fake.jpg']).toMatch(/not a readable image/);
    expect(reasons['empty.png']).toBe('empty file');
    expect(reasons['link.png']).toBe('a link leading outside the chosen folder');
    expect(reasons.Atlantis).toMatch(/not a country name or ISO code/);
    const [rotated] = await images.list({ country: 'JP' });
    expect(rotated).toMatchObject({ category: 'food', width: 20, height: 40, format: 'jpeg' });
    expect(await readFile(join(food, 'rotated.jpg'))).toEqual(before);
    expect((await sharp(rotated!.thumbnail).metadata()).format).toBe('webp');
  });
});
