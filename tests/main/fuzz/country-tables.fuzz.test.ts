import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importDollarStreetIndex } from '../../../src-main/data/dollarstreet/import-index';
import { importCulturalMap } from '../../../src-main/data/import-cultural-map';
import { importIncomeGroups } from '../../../src-main/data/import-income-groups';
import { createRandom, randomInt } from '../../../src-main/domain/stats/prng';
import type { Database } from '../../../src-main/storage/database';
import { DollarStreetRepository } from '../../../src-main/storage/dollarstreet-repository';
import { openAppDatabase } from '../../../src-main/storage/open-database';
import { useTempDirs } from '../../helpers/temp-dir';
import { xlsxWorkbook, zipArchive } from '../../helpers/xlsx-fixture';
import { caseCount, FuzzTally, runImportCase, type StoredDataGuard } from './fuzz-kit';
import { hostileContents, hostilePaths, mutateBytes } from './hostile-files';

// Per-country tables that replace or update what was stored (cultural map, income groups as CSV and
// .xlsx, the Dollar Street index), fed seeded hostile files after a valid import of each.
const SEEDS = { culturalMap: 301, incomeCsv: 302, incomeXlsx: 303, dollarStreet: 304 };

const CULTURAL_MAP =
  'geo,year,tradagg,survsagg\nsweden,2017,1.2,-3.1\nzimbabwe,2020,-0.5,1.9\nrussia,2017,0.9,1.2\njapan,2019,1.4,-0.2\n';
const INCOME_CSV =
  'Economy,Code,Region,Income group,Lending category\nNigeria,NGA,Sub-Saharan Africa,Lower middle income,IDA\nJapan,JPN,East Asia & Pacific,High income,\nWorld,WLD,,,\nChile,CHL,Latin America & Caribbean,High income,\n';
const INCOME_ROWS: (string | number | null)[][] = [
  ['World Bank list of economies'],
  [],
  ['Economy', 'Code', 'Region', 'Income group', 'Lending category'],
  ['Nigeria', 'NGA', 'Sub-Saharan Africa', 'Lower middle income', 'IDA'],
  ['World', 'WLD', null, null],
  ['Chile', 'CHL', 'Latin America & Caribbean', 'High income'],
  ['Population', 12345, null, 'Low income'],
];
const photo = (household: string, id: string) =>
  `http://static.dollarstreet.org/media/${encodeURIComponent(household)}/image/${id}/480x480-${id}.jpg`;
const DOLLAR_STREET = [
  ',country,url,income,lat,lng,region,label',
  `0,Bangladesh,${photo('Bangladesh 10', 'a1')},175.2,0.0,0.0,Asia,"['cooking_pots']"`,
  `1,South Korea,${photo('South Korea 3', 'b1')},2400.5,0.0,0.0,Asia,"['beds', 'homes']"`,
  `2,Kenya,${photo('Kenya 7', 'c1')},40,0.0,0.0,Africa,"['homes']"`,
].join('\n');

/** Zip-level damage a reader must survive: impossible counts, offsets and sizes, odd methods, a bomb. */
function hostileWorkbooks(): { name: string; bytes: Buffer }[] {
  const valid = xlsxWorkbook({ 'List of economies': INCOME_ROWS });
  const end = valid.length - 22;
  const patched = (name: string, offset: number, write: (bytes: Buffer, at: number) => void) => {
    const bytes = Buffer.from(valid);
    write(bytes, offset);
    return { name, bytes };
  };
  const directory = valid.readUInt32LE(end + 16);
  // A sheet that unpacks to far more than any workbook, from a few hundred KiB on disk.
  const bomb = (megabytes: number) => ({
    name: `a ${megabytes} MiB zip bomb`,
    bytes: zipArchive({
      'xl/workbook.xml':
        '<workbook><sheets><sheet name="List of economies" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels':
        '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      // A valid sheet padded with whitespace: only its unpacked size makes it unacceptable.
      'xl/worksheets/sheet1.xml': `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Code</t></is></c><c r="B1" t="inlineStr"><is><t>Income group</t></is></c></row>${' '.repeat(megabytes * 1024 * 1024)}<row r="2"><c r="A2" t="inlineStr"><is><t>NGA</t></is></c><c r="B2" t="inlineStr"><is><t>Low income</t></is></c></row></sheetData></worksheet>`,
    }),
  });
  return [
    patched('65535 entries declared', end + 10, (b, at) => b.writeUInt16LE(0xffff, at)),
    patched('directory offset past the end', end + 16, (b, at) => b.writeUInt32LE(0xffffffff, at)),
    patched('compressed size 4 GiB', directory + 20, (b, at) => b.writeUInt32LE(0xffffffff, at)),
    patched('local header offset past the end', directory + 42, (b, at) => b.writeUInt32LE(0x7fffffff, at)),
    patched('name length 65535', directory + 28, (b, at) => b.writeUInt16LE(0xffff, at)),
    patched('compression method 99', directory + 10, (b, at) => b.writeUInt16LE(99, at)),
    { name: 'truncated before the directory', bytes: valid.subarray(0, directory) },
    { name: 'only the end record', bytes: valid.subarray(end) },
    {
      name: 'entities out of range',
      bytes: xlsxWorkbook({
        'List of economies': [
          ['Code', 'Income group'],
          ['&#x110000;', '&#99999999999;'],
        ],
      }),
    },
    {
      name: 'raw deflate garbage',
      bytes: zipArchive({ 'xl/workbook.xml': deflateRawSync(Buffer.from('x')).toString('latin1') }),
    },
    bomb(100),
  ];
}

describe('fuzzing the per-country table importers', () => {
  const tempDir = useTempDirs();
  let db: Database;
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir();
    db = await openAppDatabase(join(dir, 'db.sqlite'));
  });
  afterEach(async () => {
    await db.close();
  });

  /** The shared part of each area: whole-file hostility, odd paths, then seeded byte mutations. */
  async function fuzzTextImporter(
    area: string,
    seed: string,
    extension: string,
    seedNumber: number,
    run: (file: string) => Promise<unknown>,
  ): Promise<FuzzTally> {
    const valid = join(dir, `${area}-valid${extension}`);
    await writeFile(valid, seed);
    await run(valid);
    const tally = new FuzzTally(area);
    // A success replaces or updates the stored table (its job): the valid file is applied again after it.
    const guard: StoredDataGuard = {
      db,
      additive: false,
      restore: async () => {
        await run(valid);
      },
    };
    let index = 0;
    for (const { name, bytes } of hostileContents()) {
      const file = join(dir, `${area}-hostile-${index++}${extension}`);
      await writeFile(file, bytes);
      await runImportCase(tally, name, [file], () => run(file), guard);
    }
    for (const { name, path } of await hostilePaths(join(dir), valid, extension))
      await runImportCase(tally, name, [path], () => run(path), guard);
    const random = createRandom(seedNumber);
    for (let i = 0; i < caseCount(100); i++) {
      const file = join(dir, `${area}-${i}${extension}`);
      await writeFile(file, mutateBytes(Buffer.from(seed), random));
      await runImportCase(tally, `${area} mutation ${i}`, [file], () => run(file), guard);
    }
    return tally;
  }

  it('cultural map CSV: a map or a clear error, and a refused file keeps the earlier map', async () => {
    const tally = await fuzzTextImporter('cultural-map', CULTURAL_MAP, '.csv', SEEDS.culturalMap, (file) =>
      importCulturalMap(file, db),
    );
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('income groups CSV: a classification or a clear error, and a refused file keeps the earlier one', async () => {
    const tally = await fuzzTextImporter('income-groups-csv', INCOME_CSV, '.csv', SEEDS.incomeCsv, (file) =>
      importIncomeGroups(file, db, 'World Bank FY2025'),
    );
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('income groups .xlsx: damaged zips, damaged XML and zip bombs end in a value or a clear error', async () => {
    const run = (file: string) => importIncomeGroups(file, db, 'World Bank FY2025');
    const valid = join(dir, 'CLASS.xlsx');
    await writeFile(valid, xlsxWorkbook({ 'List of economies': INCOME_ROWS }));
    await run(valid);
    const tally = new FuzzTally('income-groups-xlsx');
    const guard: StoredDataGuard = { db, additive: false, restore: async () => void (await run(valid)) };
    let index = 0;
    for (const { name, bytes } of [...hostileWorkbooks(), ...hostileContents()]) {
      const file = join(dir, `hostile-${index++}.xlsx`);
      await writeFile(file, bytes);
      const outcome = await runImportCase(tally, name, [file], () => run(file), guard);
      // Refused for its unpacked size alone (the sheet in it is valid).
      if (name.includes('zip bomb'))
        expect(outcome.kind === 'error' && outcome.message).toMatch(/unpacks to more than/);
    }
    const random = createRandom(SEEDS.incomeXlsx);
    for (let i = 0; i < caseCount(100); i++) {
      const file = join(dir, `class-${i}.xlsx`);
      // Half damage the zip's bytes, half damage the sheet's XML inside a well-formed zip.
      if (i % 2 === 0)
        await writeFile(file, mutateBytes(xlsxWorkbook({ 'List of economies': INCOME_ROWS }), random));
      else {
        const rows = INCOME_ROWS.map((row) =>
          row.map((cell) =>
            typeof cell === 'string' && randomInt(random, 4) === 0
              ? mutateBytes(Buffer.from(cell), random).toString('utf8')
              : cell,
          ),
        );
        await writeFile(file, xlsxWorkbook({ 'List of economies': rows }));
      }
      await runImportCase(tally, `xlsx mutation ${i}`, [file], () => run(file), guard);
    }
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });

  it('Dollar Street index CSV: an index or a clear error, and a refused file keeps the earlier index', async () => {
    const repository = new DollarStreetRepository(db);
    const tally = await fuzzTextImporter(
      'dollarstreet-index',
      DOLLAR_STREET,
      '.csv',
      SEEDS.dollarStreet,
      (file) => importDollarStreetIndex(file, repository),
    );
    tally.print();
    expect(tally.errors).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(0);
  });
});
