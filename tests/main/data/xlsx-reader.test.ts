import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { readWorkbook } from '../../../src-main/data/xlsx-reader';
import { SHARED_DATA_MISSING_REASON, sharedDataPath } from '../../helpers/shared-data';
import { useTempDirs } from '../../helpers/temp-dir';
import { xlsxWorkbook, zipArchive } from '../../helpers/xlsx-fixture';

const REAL_CLASS = sharedDataPath('country_metadata', 'source_worldbank_class', 'CLASS.xlsx');

describe('readWorkbook', () => {
  const tempDir = useTempDirs();

  it('reads shared strings, numbers and gaps, sheet by sheet', async () => {
    const file = join(await tempDir(), 'book.xlsx');
    await writeFile(
      file,
      xlsxWorkbook({
        Notes: [['About this file']],
        'List of economies': [
          ['Economy', 'Code', 'Income group'],
          ['Côte d’Ivoire & co', 'CIV', null, 3.5],
        ],
      }),
    );
    const workbook = await readWorkbook(file);
    expect(workbook.sheetNames).toEqual(['Notes', 'List of economies']);
    expect(workbook.rows('List of economies')).toEqual([
      { row: 1, cells: ['Economy', 'Code', 'Income group'] },
      { row: 2, cells: ['Côte d’Ivoire & co', 'CIV', '', '3.5'] },
    ]);
    expect(() => workbook.rows('Missing')).toThrow(/book\.xlsx' has no sheet 'Missing'/);
  });

  it('reads inline strings and escaped entities', async () => {
    const file = join(await tempDir(), 'inline.xlsx');
    await writeFile(
      file,
      zipArchive({
        'xl/workbook.xml': '<workbook><sheets><sheet name="S" r:id="r1"/></sheets></workbook>',
        'xl/_rels/workbook.xml.rels':
          '<Relationships><Relationship Id="r1" Target="/xl/s.xml"/></Relationships>',
        'xl/s.xml':
          '<worksheet><sheetData><row r="3"><c r="B3" t="inlineStr"><is><t>A &amp; B &#233;</t></is></c></row>' +
          '<row><c t="inlineStr"><is><t>x</t></is></c><c t="inlineStr"><is><t>y</t></is></c></row></sheetData></worksheet>',
      }),
    );
    expect((await readWorkbook(file)).rows('S')).toEqual([
      { row: 3, cells: ['', 'A & B é'] },
      // Rows and cells without a reference follow the previous ones.
      { row: 4, cells: ['x', 'y'] },
    ]);
  });

  it('refuses a file that is not a workbook, naming it', async () => {
    const file = join(await tempDir(), 'fake.xlsx');
    await writeFile(file, 'Economy,Code\n');
    await expect(readWorkbook(file)).rejects.toThrow(
      /fake\.xlsx' is not a readable \.xlsx workbook: no zip directory/,
    );
    const empty = join(await tempDir(), 'empty.xlsx');
    await writeFile(empty, zipArchive({ 'readme.txt': 'hi' }));
    await expect(readWorkbook(empty)).rejects.toThrow(
      /empty\.xlsx' is not a readable \.xlsx workbook: it has no xl\/workbook\.xml/,
    );
  });

  it.skipIf(REAL_CLASS === null)(
    `reads the World Bank's CLASS.xlsx${REAL_CLASS === null ? ` (skipped: ${SHARED_DATA_MISSING_REASON})` : ''}`,
    async () => {
      const workbook = await readWorkbook(REAL_CLASS!);
      expect(workbook.sheetNames).toContain('List of economies');
      const rows = workbook.rows('List of economies');
      expect(rows[0]?.cells.slice(0, 4)).toEqual(['Economy', 'Code', 'Region', 'Income group']);
    },
  );
});
