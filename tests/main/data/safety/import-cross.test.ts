import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importCross } from '../../../../src-main/data/safety/import-cross';
import type { Database } from '../../../../src-main/storage/database';
import { ImageRepository } from '../../../../src-main/storage/image-repository';
import { openAppDatabase } from '../../../../src-main/storage/open-database';
import { SafetyRepository } from '../../../../src-main/storage/safety-repository';
import { FIXTURE_CASA, writeCrossFixture } from '../../../helpers/cross-fixture';
import { SHARED_DATA_MISSING_REASON, sharedDataPath } from '../../../helpers/shared-data';
import { useTempDirs } from '../../../helpers/temp-dir';

const SAMPLES = sharedDataPath('CROSS', 'samples_verbatim.json');

describe('importCross', () => {
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

  it('imports a benchmark folder with its images, linked to their queries by file name', async () => {
    const root = await tempDir();
    await writeCrossFixture(root);
    const report = await importCross(root, { safety, images }, { images: { thumbnailDir } });
    expect(report.files.map((file) => [file.subset, file.setting, file.records, file.items])).toEqual([
      ['casa', 'english', 3, 3],
      ['safeworld', 'english', 1, 1],
    ]);
    expect(report).toMatchObject({ added: 4, updated: 0, rejected: [], unresolvedCountries: [] });
    expect(report.images).toMatchObject({ folder: join(root, 'images'), linked: 4, missing: 0, skipped: [] });
    const rows = await safety.list();
    expect(rows.map((row) => [row.id, row.country, row.image_source])).toEqual([
      ['casa/english/Japan_1', 'JP', 'pexels'],
      ['casa/english/Japan_2', 'JP', 'self'],
      ['casa/english/Kenya_1', 'KE', 'pexels'],
      ['safeworld/english/India_1', 'IN', 'self'],
    ]);
    const shoes = await images.byId(rows[0]!.image_id!);
    expect(shoes).toMatchObject({ country: 'JP', category: 'cross-casa' });
    expect(shoes?.licence).toMatch(/no licence/);
    expect(await safety.summary()).toContainEqual({
      subset: 'casa',
      setting: 'english',
      country: 'JP',
      items: 2,
      withImage: 2,
    });

    // Importing the JSON again without images keeps the links made before.
    const again = await importCross(join(root, 'data'), { safety, images }, { images: { thumbnailDir } });
    expect(again).toMatchObject({ added: 0, updated: 4, images: { folder: null, linked: 0 } });
    expect((await safety.list()).every((row) => row.image_id !== null)).toBe(true);
  });

  it('keeps the good records of a file, reports each bad one, and stores nothing from unreadable JSON', async () => {
    const root = await tempDir();
    await writeCrossFixture(root, { images: false });
    const broken = [...FIXTURE_CASA, { ...FIXTURE_CASA[0], index: 'Japan' }, { index: 'Japan_9' }, 'text'];
    await writeFile(join(root, 'data', 'casa', 'english.json'), JSON.stringify(broken));
    const report = await importCross(root, { safety, images }, { images: { thumbnailDir } });
    expect(report.added).toBe(4);
    expect(report.images).toMatchObject({ folder: null, linked: 0, missing: 4 });
    expect(report.rejected.map((entry) => entry.position)).toEqual([3, 4, 5]);
    expect(report.rejected[0]!.reason).toBe("field 'index' must look like <Country>_<n>, got 'Japan'");
    expect(report.rejected[1]!.reason).toMatch(/^missing field 'orig_query'; missing field/);
    expect(report.rejected[2]!.reason).toBe('record is not an object (got text)');

    await writeFile(join(root, 'data', 'safeworld', 'english.json'), '[{"index": ');
    await expect(importCross(root, { safety, images }, { images: { thumbnailDir } })).rejects.toThrow(
      /safeworld[\\/]english\.json' is not valid JSON/,
    );
    await expect(
      importCross(join(root, 'nowhere'), { safety, images }, { images: { thumbnailDir } }),
    ).rejects.toThrow(/nowhere' does not exist/);
    expect(await safety.list()).toHaveLength(4);
  });

  it.skipIf(SAMPLES === null)(
    `reads the reference sample records (${SHARED_DATA_MISSING_REASON})`,
    async () => {
      const report = await importCross(SAMPLES!, { safety, images }, { images: { thumbnailDir } });
      expect(report.files.map((file) => `${file.subset}/${file.setting}:${file.items}`)).toEqual([
        'casa/english:3',
        'safeworld/english:2',
        'casa/multilingual:1',
        'safeworld/multilingual:1',
      ]);
      expect(report.rejected).toEqual([]);
      const rows = await safety.list();
      expect(new Set(rows.map((row) => row.country))).toEqual(new Set(['JP', 'IN']));
      const multilingual = rows.filter((row) => row.setting === 'multilingual');
      expect(multilingual.map((row) => row.language)).toEqual(['Japanese', 'Japanese']);
      // The translated query is what the model is sent; the English one is kept beside it.
      expect(multilingual.every((row) => row.query !== row.english_query)).toBe(true);
    },
  );
});
