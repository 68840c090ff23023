import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import {
  importCounterfactualFolder,
  importCounterfactualManifest,
} from '../../../../src-main/data/attribution/import-counterfactual-sets';
import { AppError } from '../../../../src-main/domain/errors';
import { useTempDirs } from '../../../helpers/temp-dir';

async function png(path: string, shade: number): Promise<void> {
  await sharp({ create: { width: 12, height: 8, channels: 3, background: { r: shade, g: 0, b: 0 } } })
    .png()
    .toFile(path);
}

const reasonOf = (skipped: { file: string; reason: string }[], name: string) =>
  skipped.find((entry) => entry.file.endsWith(name))?.reason;

describe('Cultural Counterfactuals import', () => {
  const tempDir = useTempDirs();

  it('reads <set_id>/<set_id>_<context>.png with metadata, hashes images and reports skips', async () => {
    const root = await tempDir();
    await mkdir(join(root, 's1'));
    await mkdir(join(root, 's2'));
    await mkdir(join(root, 'lonely'));
    await png(join(root, 's1', 's1_Mosque.png'), 10);
    await png(join(root, 's1', 's1_Church.png'), 20);
    await png(join(root, 's1', 's1_Hindu_temple.png'), 30);
    await writeFile(join(root, 's1', 's1_Synagogue.png'), 'not an image');
    await writeFile(join(root, 's1', 'notes.txt'), 'x');
    await png(join(root, 's1', 'other_Mosque.png'), 40);
    await png(join(root, 's2', 's2_Mosque.png'), 50);
    await png(join(root, 's2', 's2_Buddhist temple.png'), 60);
    await png(join(root, 'lonely', 'lonely_Mosque.png'), 70);
    await writeFile(
      join(root, 'meta.csv'),
      'set_id,dimension,race,gender,age\ns1,religion,Black,female,30s\ns2,religion,East Asian,male,60s\n,religion,x,y,z\n',
    );

    const report = await importCounterfactualFolder(root, { metadata: join(root, 'meta.csv') });
    expect(report.sets.map((set) => set.id)).toEqual(['s1', 's2']);
    const s1 = report.sets[0]!;
    expect(s1.dimension).toBe('religion');
    expect(s1.person).toEqual({ race: 'Black', gender: 'female', age: '30s' });
    expect(s1.contexts.map((c) => [c.context, c.label])).toEqual([
      ['Christian', 'Church'],
      ['Hindu', 'Hindu_temple'],
      ['Muslim', 'Mosque'],
    ]);
    const mosque = s1.contexts.find((c) => c.context === 'Muslim')!;
    expect(mosque.sha256).toBe(
      createHash('sha256')
        .update(await readFile(mosque.path))
        .digest('hex'),
    );
    expect([mosque.width, mosque.height]).toEqual([12, 8]);
    expect(report.sets[1]!.contexts.map((c) => c.context)).toEqual(['Buddhist', 'Muslim']);
    expect(report.images).toBe(5);
    expect(reasonOf(report.skipped, 's1_Synagogue.png')).toMatch(/not a readable image/);
    expect(reasonOf(report.skipped, 'notes.txt')).toMatch(/not an image/);
    expect(reasonOf(report.skipped, 'other_Mosque.png')).toMatch(/expected 's1_…'/);
    expect(reasonOf(report.skipped, 'lonely_Mosque.png')).toMatch(/fewer than two usable contexts/);
    expect(reasonOf(report.skipped, '(line 4)')).toBe('no set_id');
    expect(report.skipped.some((entry) => entry.file.endsWith('meta.csv'))).toBe(false);
    expect(report.warnings).toEqual(['1 set(s) have no row in the metadata file.']);
  });

  it('takes the dimension from dimension folders, infers it otherwise, and rejects foreign contexts', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'nationality', 'n1'), { recursive: true });
    await png(join(root, 'nationality', 'n1', 'n1_Brazil.png'), 1);
    await png(join(root, 'nationality', 'n1', 'n1_USA.png'), 2);
    await png(join(root, 'nationality', 'n1', 'n1_Mosque.png'), 3);
    await png(join(root, 'nationality', 'n1', 'n1_United States.png'), 4);
    await writeFile(join(root, 'README.txt'), 'hello');
    const report = await importCounterfactualFolder(root);
    expect(report.sets).toHaveLength(1);
    expect(report.sets[0]!.dimension).toBe('nationality');
    expect(report.sets[0]!.contexts.map((c) => c.context)).toEqual(['Brazil', 'United States']);
    expect(reasonOf(report.skipped, 'n1_Mosque.png')).toBe("'Mosque' is not a nationality context");
    expect(reasonOf(report.skipped, 'n1_USA.png')).toMatch(/second image for context 'United States'/);
    expect(reasonOf(report.skipped, 'README.txt')).toMatch(/not inside a religion/);

    const flat = await tempDir();
    await mkdir(join(flat, 'x9'));
    await png(join(flat, 'x9', 'x9_low income.png'), 5);
    await png(join(flat, 'x9', 'x9_high income.png'), 6);
    const inferred = await importCounterfactualFolder(flat);
    expect(inferred.sets[0]).toMatchObject({ id: 'x9', dimension: 'socioeconomic' });
    expect(inferred.sets[0]!.contexts.map((c) => c.context)).toEqual(['High', 'Low']);
  });

  it('reads a JSON manifest with attributes and keeps paths inside its folder', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'img'));
    await png(join(root, 'img', 'a.png'), 1);
    await png(join(root, 'img', 'b.png'), 2);
    const manifest = join(root, 'sets.json');
    await writeFile(
      manifest,
      JSON.stringify([
        {
          set_id: 'p1',
          context: 'Low',
          path: 'img/a.png',
          dimension: 'socioeconomic',
          gender: 'female',
          age: 40,
        },
        { set_id: 'p1', context: 'High', path: 'img/b.png', dimension: 'socioeconomic' },
        { set_id: 'p1', context: 'Middle', path: '../escape.png' },
        { set_id: 'p1', context: 'Middle', path: 'img/missing.png' },
        { set_id: 'p2', path: 'img/a.png' },
        { set_id: 'p3', context: 'Low', path: 'img/a.png', dimension: 'astrology' },
      ]),
    );
    const report = await importCounterfactualManifest(manifest);
    expect(report.sets).toEqual([
      {
        id: 'p1',
        dimension: 'socioeconomic',
        person: { gender: 'female', age: '40' },
        contexts: [
          expect.objectContaining({ context: 'High', label: 'High', path: join(root, 'img', 'b.png') }),
          expect.objectContaining({ context: 'Low', label: 'Low', path: join(root, 'img', 'a.png') }),
        ],
      },
    ]);
    const reasons = report.skipped.map((entry) => entry.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        "'..' in the path (paths must stay inside the manifest's folder)",
        'file not found',
        'missing context',
        "unknown dimension 'astrology'",
      ]),
    );
  });

  it('names the file in its errors', async () => {
    const root = await tempDir();
    await expect(importCounterfactualFolder(join(root, 'nope'))).rejects.toThrow(
      /Folder '.*nope' does not exist/,
    );
    await writeFile(join(root, 'bad.json'), '{ not json');
    const error = await importCounterfactualManifest(join(root, 'bad.json')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details.file).toBe(join(root, 'bad.json'));
    expect((error as AppError).message).toMatch(/bad\.json' cannot be read/);
  });

  it("keeps the person without a background as the set's baseline, apart from its contexts", async () => {
    const root = await tempDir();
    await mkdir(join(root, 'p1'));
    await png(join(root, 'p1', 'p1_Church.png'), 10);
    await png(join(root, 'p1', 'p1_Mosque.png'), 20);
    await png(join(root, 'p1', 'p1_person.png'), 30);
    await png(join(root, 'p1', 'p1_no_background.png'), 40);
    const read = await importCounterfactualFolder(root);
    expect(read.sets).toHaveLength(1);
    const [set] = read.sets;
    expect(set!.dimension).toBe('religion');
    expect(set!.contexts.map((context) => context.context)).toEqual(['Christian', 'Muslim']);
    expect(set!.personOnly).toMatchObject({ context: 'person-only', label: 'no_background' });
    expect(read.images).toBe(3);
    expect(reasonOf(read.skipped, 'p1_person.png')).toBe("a second person-only image in set 'p1'");
  });
});
