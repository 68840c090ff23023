import { spawnSync } from 'node:child_process';
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ImageRejected, probeImage } from '../../../src-main/data/images/image-probe';
import { importImageFolder, importImageManifest } from '../../../src-main/data/images/import-image-library';
import { createRandom, randomInt } from '../../../src-main/domain/stats/prng';
import { guardImage } from '../../../src-main/engine/host/image-guard';
import { prepareImage } from '../../../src-main/engine/prepare-image';
import { isInside } from '../../../src-main/platform/path-guard';
import type { Database } from '../../../src-main/storage/database';
import { ImageRepository } from '../../../src-main/storage/image-repository';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { useTempDirs } from '../../helpers/temp-dir';
import { CASE_LIMIT_MS, caseCount, FuzzTally, runImportCase, type StoredDataGuard } from './fuzz-kit';
import { hostilePaths, mutateBytes, mutateJson } from './hostile-files';
import { hostileImages, mutateImage, seedImages } from './hostile-images';

// The image probe, the engine's image preparation and guard, and the library's folder and manifest imports,
// fed truncated and lying images, non-images with image names, links out of the folder and `..` paths.
const SEEDS = { probe: 401, prepare: 402, folder: 403, manifest: 404 };
const PROJECTOR_SIZE = 64;

describe('fuzzing the image loaders and the image library import', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let images: ImageRepository;
  let thumbnailDir: string;
  beforeEach(async () => {
    db = await openAppDatabase(join(await tempDir(), 'db.sqlite'));
    images = new ImageRepository(db);
    thumbnailDir = join(await tempDir(), 'thumbs');
  });
  afterEach(async () => {
    await db.close();
  });

  it('probe: every damaged image is read or refused with a reason, bombs before decoding', async () => {
    const tally = new FuzzTally('image-probe');
    const probe = async (label: string, bytes: Buffer) => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`HANG after ${CASE_LIMIT_MS} ms`)), CASE_LIMIT_MS);
      });
      try {
        const probed = await Promise.race([probeImage(bytes), hang]);
        expect(probed.width * probed.height, label).toBeGreaterThan(0);
        tally.add({ kind: 'ok', value: probed }, label, performance.now() - started);
        return 'ok';
      } catch (error) {
        // The probe's contract: ImageRejected with a reason the import shows next to the file name.
        expect(error instanceof ImageRejected, `${label}: ${String(error)}`).toBe(true);
        tally.add(
          { kind: 'error', code: 'rejected', message: String(error) },
          label,
          performance.now() - started,
        );
        return (error as ImageRejected).reason;
      } finally {
        clearTimeout(timer);
      }
    };
    for (const { name, bytes } of await hostileImages()) {
      const outcome = await probe(name, bytes);
      if (/declaring (100000|2\^31|0×0)|JPEG declaring/.test(name)) expect(outcome, name).not.toBe('ok');
      if (/100000|2\^31|65500/.test(name)) expect(outcome, name).toMatch(/decompression bomb|not a readable/);
    }
    const random = createRandom(SEEDS.probe);
    const seeds = await seedImages();
    for (let i = 0; i < caseCount(300); i++) {
      const seed = seeds[i % seeds.length]!;
      await probe(`${seed.name} mutation ${i}`, mutateImage(seed.bytes, random));
    }
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('engine image preparation and guard: a square PNG at the projector size, or a clear error naming the file', async () => {
    const dir = await tempDir();
    const cache = join(dir, 'cache');
    const tally = new FuzzTally('prepare-image');
    const valid = join(dir, 'valid.png');
    await writeFile(valid, (await seedImages())[0]!.bytes);
    const check = async (label: string, file: string) => {
      for (const [which, run] of [
        ['prepare', async () => (await prepareImage(file, PROJECTOR_SIZE, cache)).path],
        ['guard', () => guardImage(file, PROJECTOR_SIZE, cache)],
      ] as const) {
        const outcome = await runImportCase(tally, `${label} (${which})`, [file], run);
        if (outcome.kind !== 'ok') continue;
        // What reaches the native code is always a decodable PNG of exactly the projector's size.
        const prepared = sharp(outcome.value as string, { failOn: 'error' });
        expect(await prepared.metadata(), label).toMatchObject({
          format: 'png',
          width: PROJECTOR_SIZE,
          height: PROJECTOR_SIZE,
        });
        await prepared.raw().toBuffer();
      }
    };
    let index = 0;
    for (const { name, bytes } of await hostileImages()) {
      const file = join(dir, `hostile-${index++}.png`);
      await writeFile(file, bytes);
      await check(name, file);
    }
    for (const { name, path } of await hostilePaths(dir, valid, '.png')) await check(name, path);
    const random = createRandom(SEEDS.prepare);
    const seeds = await seedImages(90);
    for (let i = 0; i < caseCount(60); i++) {
      const seed = seeds[i % seeds.length]!;
      const file = join(dir, `mutated-${i}.${seed.name}`);
      await writeFile(file, mutateImage(seed.bytes, random));
      await check(`${seed.name} mutation ${i}`, file);
    }
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });

  /** A folder `<country>/<category>/` of damaged, hostile and linked files; returns the folder. */
  async function hostileFolder(root: string, outside: string, random: () => number, i: number) {
    const food = join(root, 'JP', 'food');
    await mkdir(food, { recursive: true });
    await mkdir(join(root, 'Atlantis'), { recursive: true });
    const seeds = await seedImages(10 + i);
    for (const [n, seed] of seeds.entries())
      await writeFile(join(food, `m${n}.${seed.name}`), mutateImage(seed.bytes, random));
    const hostile = await hostileImages();
    const pick = hostile[randomInt(random, hostile.length)]!;
    await writeFile(join(food, 'hostile.png'), pick.bytes);
    await writeFile(join(outside, 'secret.png'), seeds[0]!.bytes);
    await symlink(join(outside, 'secret.png'), join(food, 'link-out.png'));
    await symlink(outside, join(root, 'JP', 'linked-folder'));
    await symlink(join(food, 'loop-b.png'), join(food, 'loop-a.png'));
    await symlink(join(food, 'loop-a.png'), join(food, 'loop-b.png'));
    await symlink('/dev/zero', join(food, 'zero.png'));
    spawnSync('mkfifo', [join(food, 'fifo.png')]);
    await writeFile(join(food, `${'long'.repeat(60)}.png`), seeds[1]!.bytes);
    return { label: `folder ${i} (${pick.name})` };
  }

  /** After any import: every library image lies inside one of the folders the user chose. */
  async function expectLibraryInside(roots: readonly string[], label: string) {
    for (const image of await images.list({}))
      expect(
        roots.some((root) => isInside(root, image.path)),
        `${label}: ${image.path} is outside the chosen folders`,
      ).toBe(true);
  }

  it('library import: hostile folders and manifests end in a report or a clear error, earlier images kept', async () => {
    const valid = await tempDir();
    await mkdir(join(valid, 'NG', 'homes'), { recursive: true });
    for (const seed of await seedImages(200))
      await writeFile(join(valid, 'NG', 'homes', `ok.${seed.name}`), seed.bytes);
    const roots = [await realpath(valid)];
    expect((await importImageFolder(valid, images, { thumbnailDir })).added).toBe(4);
    const tally = new FuzzTally('image-library');
    const guard: StoredDataGuard = { db, additive: true };
    const options = { thumbnailDir };

    const folderRandom = createRandom(SEEDS.folder);
    for (let i = 0; i < caseCount(12); i++) {
      const root = await tempDir();
      roots.push(await realpath(root));
      const { label } = await hostileFolder(root, await tempDir(), folderRandom, i);
      const outcome = await runImportCase(
        tally,
        label,
        [root],
        () => importImageFolder(root, images, options),
        guard,
      );
      expect(outcome.kind, label).toBe('ok');
      const report = (outcome as { value: Awaited<ReturnType<typeof importImageFolder>> }).value;
      for (const name of ['link-out.png', 'linked-folder', 'loop-a.png', 'zero.png', 'fifo.png', 'Atlantis'])
        expect(
          report.skipped.some((entry) => entry.file.endsWith(name)),
          `${label}: ${name} not reported`,
        ).toBe(true);
      await expectLibraryInside(roots, label);
    }
    const dir = await tempDir();
    for (const { name, path } of await hostilePaths(dir, valid, ''))
      await runImportCase(
        tally,
        `folder: ${name}`,
        [path],
        () => importImageFolder(path, images, options),
        guard,
      );

    const manifestRandom = createRandom(SEEDS.manifest);
    const base = await tempDir();
    roots.push(await realpath(base));
    const outside = await tempDir();
    await mkdir(join(base, 'pics'), { recursive: true });
    for (const seed of await seedImages(150))
      await writeFile(join(base, 'pics', `a.${seed.name}`), seed.bytes);
    await writeFile(join(base, 'pics', 'bad.png'), (await hostileImages())[0]!.bytes);
    await writeFile(join(outside, 'secret.png'), (await seedImages(5))[0]!.bytes);
    await symlink(join(outside, 'secret.png'), join(base, 'pics', 'link-out.png'));
    spawnSync('mkfifo', [join(base, 'pics', 'fifo.png')]);
    const paths = [
      'pics/a.png',
      'pics/a.jpeg',
      'pics/a.webp',
      'pics/bad.png',
      'pics/link-out.png',
      'pics/fifo.png',
      '../escape.png',
      'pics/../../escape.png',
      '..\\..\\escape.png',
      join(outside, 'secret.png'),
      '/dev/zero',
      '/etc/passwd',
      'pics',
      'pics/nul\u0000.png',
      `pics/${'x'.repeat(5000)}.png`,
    ];
    const entries = paths.map((path, n) => ({
      path,
      country: ['Kenya', 'BR', 'JP', 'Atlantis'][n % 4],
      category: 'c',
      income: n * 10,
    }));
    for (let i = 0; i < caseCount(40); i++) {
      const json = i % 2 === 0;
      const file = join(base, `manifest-${i}.${json ? 'json' : 'csv'}`);
      const csv = [
        'path,country,category,income',
        ...entries.map((e) => `"${e.path}",${e.country},${e.category},${e.income}`),
      ].join('\n');
      await writeFile(
        file,
        json
          ? i % 4 === 0
            ? JSON.stringify(mutateJson({ images: entries }, manifestRandom))
            : mutateBytes(Buffer.from(JSON.stringify(entries)), manifestRandom)
          : mutateBytes(Buffer.from(csv), manifestRandom),
      );
      await runImportCase(
        tally,
        `manifest ${i}`,
        [file],
        () => importImageManifest(file, images, options),
        guard,
      );
      await expectLibraryInside(roots, `manifest ${i}`);
    }
    for (const { name, path } of await hostilePaths(base, join(base, 'manifest-0.json'), '.csv'))
      await runImportCase(
        tally,
        `manifest: ${name}`,
        [path],
        () => importImageManifest(path, images, options),
        guard,
      );
    tally.print();
    expect(tally.ok).toBeGreaterThan(0);
  });
});
