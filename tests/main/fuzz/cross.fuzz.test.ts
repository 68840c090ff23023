import { mkdir, readFile, realpath, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importCross } from '../../../src-main/data/safety/import-cross';
import { createRandom, randomInt } from '../../../src-main/domain/stats/prng';
import { isInside } from '../../../src-main/platform/path-guard';
import type { Database } from '../../../src-main/storage/database';
import { ImageRepository } from '../../../src-main/storage/image-repository';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { SafetyRepository } from '../../../src-main/storage/safety-repository';
import { FIXTURE_CASA, FIXTURE_SAFEWORLD, writeCrossFixture } from '../../helpers/cross-fixture';
import { useTempDirs } from '../../helpers/temp-dir';
import { caseCount, FuzzTally, runImportCase, type StoredDataGuard } from './fuzz-kit';
import { hostileContents, hostilePaths, mutateBytes, mutateJson } from './hostile-files';
import { hostileImages, mutateImage } from './hostile-images';

// The CROSS benchmark's JSON files (one file, a bundle keyed by paths, or a folder) and its image folder,
// fed seeded hostile files after a valid import: a report or a clear error naming the file, a refused
// file stores nothing, and no image from outside the chosen folders enters the library.
const SEEDS = { records: 601, images: 602 };

describe('fuzzing the CROSS importer', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let safety: SafetyRepository;
  let images: ImageRepository;
  let thumbnailDir: string;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    safety = new SafetyRepository(db);
    images = new ImageRepository(db);
    thumbnailDir = join(await tempDir(), 'thumbs');
  });
  afterEach(async () => {
    await db.close();
  });

  it('CROSS JSON and images: a report or a clear error, and a refused file leaves the stored items as they were', async () => {
    const valid = await tempDir();
    await writeCrossFixture(valid);
    const run = (path: string, imagesFolder?: string) => () =>
      importCross(
        path,
        { safety, images },
        { images: { thumbnailDir }, ...(imagesFolder ? { imagesFolder } : {}) },
      );
    await run(valid)();
    const tally = new FuzzTally('cross');
    // A success adds or updates items (its job): the valid benchmark is imported again after it.
    const guard: StoredDataGuard = { db, additive: false, restore: async () => void (await run(valid)()) };
    const roots = [await realpath(valid)];

    const casaFile = async (bytes: Buffer | string) => {
      const root = await tempDir();
      await mkdir(join(root, 'casa'));
      const file = join(root, 'casa', 'english.json');
      await writeFile(file, bytes);
      return file;
    };
    for (const { name, bytes } of hostileContents()) {
      const file = await casaFile(bytes);
      await runImportCase(tally, name, [file], run(file), guard);
    }
    for (const { name, path } of await hostilePaths(
      await tempDir(),
      join(valid, 'data', 'casa', 'english.json'),
      '.json',
    ))
      await runImportCase(tally, name, [path], run(path), guard);
    // The image folder given by hand may be just as odd: then the error names that folder.
    const json = join(valid, 'data');
    for (const { name, path } of await hostilePaths(await tempDir(), join(valid, 'images'), ''))
      await runImportCase(tally, `images folder: ${name}`, [path, json], run(json, path), guard);

    const random = createRandom(SEEDS.records);
    const imageRandom = createRandom(SEEDS.images);
    const hostile = await hostileImages();
    for (let i = 0; i < caseCount(100); i++) {
      const kind = i % 4;
      let file: string;
      if (kind === 0)
        file = await casaFile(mutateBytes(Buffer.from(JSON.stringify(FIXTURE_CASA, null, 1)), random));
      else if (kind === 1) file = await casaFile(JSON.stringify(mutateJson(FIXTURE_CASA, random)));
      else if (kind === 2) {
        // A bundle keyed by paths, as the reference samples are kept.
        file = join(await tempDir(), 'bundle.json');
        const bundle = { 'casa/english.json': FIXTURE_CASA, 'safeworld/english.json': FIXTURE_SAFEWORLD };
        await writeFile(file, JSON.stringify(mutateJson(bundle, random)));
      } else {
        // A whole benchmark folder whose images are damaged, hostile, or links out of it.
        file = await tempDir();
        roots.push(await realpath(file));
        await writeCrossFixture(file);
        const folder = join(file, 'images', 'casa');
        const damaged = join(folder, 'japan-shoes.png');
        await writeFile(damaged, mutateImage(await readFile(damaged), imageRandom));
        await writeFile(
          join(folder, 'japan-gift.png'),
          hostile[randomInt(imageRandom, hostile.length)]!.bytes,
        );
        const outside = await tempDir();
        await rename(join(folder, 'kenya-greeting.png'), join(outside, 'kenya-greeting.png'));
        await symlink(join(outside, 'kenya-greeting.png'), join(folder, 'kenya-greeting.png'));
        await symlink(file, join(file, 'data', 'loop'));
      }
      const outcome = await runImportCase(tally, `cross case ${i} (kind ${kind})`, [file], run(file), guard);
      for (const image of await images.list({}))
        expect(
          roots.some((root) => isInside(root, image.path)),
          `case ${i}: ${image.path}`,
        ).toBe(true);
      if (kind === 3) expect(outcome.kind, `case ${i}`).toBe('ok');
    }
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });
});
