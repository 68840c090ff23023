import { spawnSync } from 'node:child_process';
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  importCounterfactualFolder,
  importCounterfactualManifest,
  type CounterfactualImport,
} from '../../../src-main/data/attribution/import-counterfactual-sets';
import {
  importMoralDictionary,
  importVadLexicon,
  importWarmthCompetenceLexicon,
} from '../../../src-main/data/attribution/import-lexicon';
import { importValueMapping } from '../../../src-main/data/attribution/import-value-mapping';
import { createRandom, randomInt } from '../../../src-main/domain/stats/prng';
import { isInside } from '../../../src-main/platform/path-guard';
import { useTempDirs } from '../../helpers/temp-dir';
import { caseCount, FuzzTally, runImportCase } from './fuzz-kit';
import { hostileContents, hostilePaths, mutateBytes, mutateJson } from './hostile-files';
import { hostileImages, mutateImage, seedImages } from './hostile-images';

// The value-attribution inputs: lexicons, the value-to-item mapping and Cultural Counterfactuals sets
// (folder layout with metadata, and manifests). These importers return values and store nothing, so each
// case must end in a value or a clear error naming the file, and never read an image outside the folder.
const SEEDS = { vad: 501, warmth: 502, moral: 503, mapping: 504, folder: 505, manifest: 506 };

const LEXICONS: {
  area: string;
  extension: string;
  seed: string;
  run: (file: string) => Promise<unknown>;
  seedNumber: number;
}[] = [
  {
    area: 'lexicon-vad',
    extension: '.tsv',
    seed: 'term\tvalence\tarousal\tdominance\nhonesty\t0.9\t0.1\t0.6\nwar\t-0.9\t0.9\t0.2\nhard work\t0.5\t0.4\t0.8\n',
    run: importVadLexicon,
    seedNumber: SEEDS.vad,
  },
  {
    area: 'lexicon-warmth-competence',
    extension: '.csv',
    seed: 'values0,values1,Sociability_dict,Sociability_dir,Morality_dict,Morality_dir\nfriendly,warm,1,1,0,NA\ncruel,,0,NA,1,-1\nkind,,1,1,1,1\n',
    run: importWarmthCompetenceLexicon,
    seedNumber: SEEDS.warmth,
  },
  {
    area: 'lexicon-moral-foundations',
    extension: '.dic',
    seed: '%\n01\tHarmVirtue\n02\tHarmVice\n03\tIngroupVirtue\n%\nsafe*\t01\nhurt*\t02\nloyal*\t03 01\nfamily values\t03\n',
    run: importMoralDictionary,
    seedNumber: SEEDS.moral,
  },
  {
    area: 'value-mapping',
    extension: '.csv',
    seed: 'term,item,direction\nfamily,Q1,+1\ntrust,Q57,lower\ntradition,Q1,-1\n',
    run: importValueMapping,
    seedNumber: SEEDS.mapping,
  },
];

/** Every accepted image lies inside the chosen folder, links resolved. */
async function expectInside(root: string, report: CounterfactualImport, label: string): Promise<void> {
  const real = await realpath(root);
  for (const set of report.sets) {
    expect(set.contexts.length, label).toBeGreaterThanOrEqual(2);
    for (const context of set.contexts)
      expect(isInside(real, await realpath(context.path)), `${label}: ${context.path}`).toBe(true);
  }
}

describe('fuzzing the value-attribution importers', () => {
  const tempDir = useTempDirs();

  it.each(LEXICONS)(
    '$area: every hostile file ends in a value or a clear error naming it',
    async (lexicon) => {
      const dir = await tempDir();
      const valid = join(dir, `valid${lexicon.extension}`);
      await writeFile(valid, lexicon.seed);
      await lexicon.run(valid);
      const tally = new FuzzTally(lexicon.area);
      let index = 0;
      for (const { name, bytes } of hostileContents()) {
        const file = join(dir, `hostile-${index++}${lexicon.extension}`);
        await writeFile(file, bytes);
        await runImportCase(tally, name, [file], () => lexicon.run(file));
      }
      for (const { name, path } of await hostilePaths(dir, valid, lexicon.extension))
        await runImportCase(tally, name, [path], () => lexicon.run(path));
      const random = createRandom(lexicon.seedNumber);
      for (let i = 0; i < caseCount(150); i++) {
        const file = join(dir, `case-${i}${lexicon.extension}`);
        await writeFile(file, mutateBytes(Buffer.from(lexicon.seed), random));
        await runImportCase(tally, `${lexicon.area} mutation ${i}`, [file], () => lexicon.run(file));
      }
      tally.print();
      expect(tally.errors).toBeGreaterThan(0);
      expect(tally.ok).toBeGreaterThan(0);
    },
  );

  it('counterfactual folders with metadata: sets or a clear error, never an image from outside the folder', async () => {
    const tally = new FuzzTally('counterfactual-folder');
    const random = createRandom(SEEDS.folder);
    const hostile = await hostileImages();
    const metadata =
      'set_id,dimension,race,gender,age\nr1,religion,Black,female,30s\ne1,socioeconomic,x,y,z\n';
    for (let i = 0; i < caseCount(20); i++) {
      const root = await tempDir();
      const outside = await tempDir();
      const seeds = await seedImages(20 + i);
      await mkdir(join(root, 'r1'));
      await mkdir(join(root, 'e1', 'nested'), { recursive: true });
      for (const [n, context] of ['Church', 'Mosque', 'Hindu_temple', 'Synagogue'].entries()) {
        const seed = seeds[n % seeds.length]!;
        await writeFile(
          join(root, 'r1', `r1_${context}.${seed.name}`),
          n < 2 ? seed.bytes : mutateImage(seed.bytes, random),
        );
      }
      const pick = hostile[randomInt(random, hostile.length)]!;
      await writeFile(join(root, 'e1', 'e1_low_income.png'), pick.bytes);
      await writeFile(join(root, 'e1', 'e1_high_income.png'), seeds[0]!.bytes);
      await writeFile(join(outside, 'secret.png'), seeds[1]!.bytes);
      await symlink(join(outside, 'secret.png'), join(root, 'e1', 'e1_middle_income.png'));
      await symlink(join(root, 'r1'), join(root, 'e1', 'e1_loop.png'));
      spawnSync('mkfifo', [join(root, 'r1', 'r1_Buddhist_temple.png')]);
      const meta = join(root, `meta.${i % 2 === 0 ? 'csv' : 'json'}`);
      const rows = [
        { set_id: 'r1', dimension: 'religion', race: 'Black' },
        { set_id: 'e1', dimension: 'socioeconomic' },
      ];
      await writeFile(
        meta,
        i % 2 === 0 ? mutateBytes(Buffer.from(metadata), random) : JSON.stringify(mutateJson(rows, random)),
      );
      const label = `folder ${i} (${pick.name})`;
      const outcome = await runImportCase(tally, label, [meta, root], () =>
        importCounterfactualFolder(root, { metadata: meta }),
      );
      if (outcome.kind === 'ok') await expectInside(root, outcome.value as CounterfactualImport, label);
    }
    const dir = await tempDir();
    for (const { name, path } of await hostilePaths(dir, dir, ''))
      await runImportCase(tally, `folder: ${name}`, [path], () => importCounterfactualFolder(path));
    tally.print();
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('counterfactual manifests: sets or a clear error, never an image from outside the manifest folder', async () => {
    const tally = new FuzzTally('counterfactual-manifest');
    const random = createRandom(SEEDS.manifest);
    const root = await tempDir();
    const outside = await tempDir();
    await mkdir(join(root, 'img'));
    const seeds = await seedImages(99);
    for (const seed of seeds) await writeFile(join(root, 'img', `a.${seed.name}`), seed.bytes);
    await writeFile(join(root, 'img', 'bad.png'), (await hostileImages())[2]!.bytes);
    await writeFile(join(outside, 'secret.png'), seeds[0]!.bytes);
    await symlink(join(outside, 'secret.png'), join(root, 'img', 'link-out.png'));
    spawnSync('mkfifo', [join(root, 'img', 'fifo.png')]);
    const rows = [
      { set_id: 'p1', context: 'Low', path: 'img/a.png', dimension: 'socioeconomic', age: 40 },
      { set_id: 'p1', context: 'High', path: 'img/a.jpeg', dimension: 'socioeconomic' },
      { set_id: 'p1', context: 'Middle', path: 'img/link-out.png' },
      { set_id: 'p2', context: 'Mosque', path: 'img/a.webp', dimension: 'religion' },
      { set_id: 'p2', context: 'Church', path: 'img/bad.png' },
      { set_id: 'p2', context: 'Synagogue', path: 'img/fifo.png' },
      { set_id: 'p2', context: 'Hindu_temple', path: '../escape.png' },
      { set_id: 'p2', context: 'Buddhist', path: join(outside, 'secret.png') },
      { set_id: 'p2', context: 'Muslim', path: '/dev/zero' },
      { set_id: 'p2', context: 'Church', path: 'img/a.gif' },
    ];
    const csv = [
      'set_id,context,path,dimension',
      ...rows.map((row) => `${row.set_id},${row.context},"${row.path}",${row.dimension ?? ''}`),
    ].join('\n');
    for (let i = 0; i < caseCount(60); i++) {
      const json = i % 2 === 0;
      const file = join(root, `sets-${i}.${json ? 'json' : 'csv'}`);
      await writeFile(
        file,
        json
          ? i % 4 === 0
            ? JSON.stringify(mutateJson(rows, random))
            : mutateBytes(Buffer.from(JSON.stringify(rows)), random)
          : mutateBytes(Buffer.from(csv), random),
      );
      const outcome = await runImportCase(tally, `manifest ${i}`, [file], () =>
        importCounterfactualManifest(file),
      );
      if (outcome.kind === 'ok')
        await expectInside(root, outcome.value as CounterfactualImport, `manifest ${i}`);
    }
    let index = 0;
    for (const { name, bytes } of hostileContents()) {
      const file = join(root, `hostile-${index++}.json`);
      await writeFile(file, bytes);
      await runImportCase(tally, name, [file], () => importCounterfactualManifest(file));
    }
    for (const { name, path } of await hostilePaths(root, join(root, 'sets-0.json'), '.csv'))
      await runImportCase(tally, `manifest: ${name}`, [path], () => importCounterfactualManifest(path));
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });
});
