import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { runCli } from '../../../src-main/cli/run-cli';
import { RENDERER_DIR } from '../../helpers/repo';
import { useTempDirs } from '../../helpers/temp-dir';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

const BANK = [
  {
    id: 'Q57',
    short_label: 'Most people can be trusted',
    options: [
      { code: 1, label: 'Most people can be trusted' },
      { code: 2, label: 'Need to be very careful' },
    ],
  },
];

describe('value-atlas data import wvs-bank | wvs | cultural-map', () => {
  const tempDir = useTempDirs();
  const cli = async (args: string[], home: string) => {
    const capture = captureIo();
    const code = await runCli([...args, '--home', home], {
      io: capture.io,
      rendererDir: RENDERER_DIR,
      modelFolders: [],
      interrupted: new AbortController().signal,
    });
    return { code, out: capture.out.join('\n'), err: capture.err.join('\n') };
  };

  it('imports the bank, a respondent file with subgroups, and the cultural map', async () => {
    const home = await tempDir();
    const dir = await tempDir();
    const bank = join(dir, 'bank.json');
    await writeFile(bank, JSON.stringify(BANK));
    const respondents = join(dir, 'wvs.csv');
    await writeFile(respondents, 'B_COUNTRY_ALPHA,W_WEIGHT,Q57,Q260\nMEX,1,1,1\nMEX,3,2,2\nJPN,1,1,2\n');
    const map = join(dir, 'map.csv');
    await writeFile(map, 'geo,year,tradagg,survsagg\nsweden,2017,1.2,-3.1\n');

    const refused = await cli(['data', 'import', 'wvs', respondents], home);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/Import the WVS-7 question bank first/);

    const bankRun = await cli(['data', 'import', 'wvs-bank', bank], home);
    expect(bankRun).toMatchObject({ code: 0 });
    expect(bankRun.out).toMatch(/Imported the WVS-7 question bank: 1 items/);

    const wvsRun = await cli(['data', 'import', 'wvs', respondents, '--subgroups', '--json'], home);
    expect(wvsRun.code).toBe(0);
    expect(JSON.parse(wvsRun.out)).toMatchObject({
      rows: 3,
      countries: 2,
      distributions: 2,
      // MEX: sex:male, sex:female; JPN: sex:female.
      subgroupDistributions: 3,
      missingSubgroupColumns: ['Q262', 'H_URBRURAL', 'Q275'],
    });

    const mapRun = await cli(['data', 'import', 'cultural-map', map], home);
    expect(mapRun.out).toMatch(/Imported 1 cultural-map points for 1 countries \(2017–2017\)/);
    const list = await cli(['data', 'list'], home);
    expect(list.out).toMatch(/WVS wave 7 \(wvs\.csv\) — 1 questions, 2 country distributions/);
  });
});
