import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  importMoralDictionary,
  importVadLexicon,
  importWarmthCompetenceLexicon,
} from '../../../../src-main/data/attribution/import-lexicon';
import { foundationsOfTerm } from '../../../../src-main/domain/attribution/lexicon';
import { AppError } from '../../../../src-main/domain/errors';
import { useTempDirs } from '../../../helpers/temp-dir';

describe('lexicon importers', () => {
  const tempDir = useTempDirs();
  const write = async (name: string, text: string) => {
    const file = join(await tempDir(), name);
    await writeFile(file, text);
    return file;
  };

  it('reads an NRC-VAD TSV with a header, reporting malformed lines by number', async () => {
    const file = await write(
      'vad.txt',
      'term\tvalence\tarousal\tdominance\nHonesty\t0.9\t0.1\t0.6\nwar\t-0.9\t0.9\t0.2\nbroken line\nodd\t2\t0\t0\nwar\t0\t0\t0\n\nhard work\t0.5\t0.4\t0.8\n',
    );
    const result = await importVadLexicon(file);
    expect(result.entries).toBe(3);
    expect(result.lexicon.get('honesty')).toEqual({ valence: 0.9, arousal: 0.1, dominance: 0.6 });
    expect(result.lexicon.get('hard work')!.dominance).toBe(0.8);
    expect(result.skipped.map((row) => row.line)).toEqual([4, 5]);
    expect(result.skipped[0]!.reason).toMatch(/expected 4 tab-separated columns/);
    expect(result.skipped[1]!.reason).toMatch(/between −1 and 1/);
    expect(result.warnings).toEqual(['1 repeated term(s) kept their first entry.']);
  });

  it('reads a headerless VAD file and warns about the [0, 1] scale', async () => {
    const result = await importVadLexicon(
      await write('v1.tsv', 'calm\t0.8\t0.1\t0.5\nrage\t0.1\t0.9\t0.6\n'),
    );
    expect(result.entries).toBe(2);
    expect(result.warnings[0]).toMatch(/NRC-VAD v1/);
  });

  it('refuses a VAD file without usable entries, naming it', async () => {
    const file = await write('empty.tsv', 'just words\n');
    const error = await importVadLexicon(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain(file);
    expect((error as AppError).message).toMatch(/line 1/);
    await expect(importVadLexicon(join(await tempDir(), 'missing.tsv'))).rejects.toThrow(/does not exist/);
  });

  it('reads the Nicolas–Bai–Fiske layout, dropping conflicting directions', async () => {
    const file = await write(
      'scm.csv',
      [
        'values0,values1,Sociability_dict,Sociability_dir,Morality_dict,Morality_dir,Ability_dict,Ability_dir,Agency_dict,Agency_dir,Status_dict,Status_dir',
        'friendly,warm,1,1,0,NA,0,NA,0,NA,0,NA',
        'cruel,,0,NA,1,-1,0,NA,0,NA,0,NA',
        'smart,,0,NA,0,NA,1,1,0,NA,0,NA',
        'odd,,1,-1,0,NA,0,NA,0,NA,0,NA',
        'odd,,1,1,0,NA,0,NA,0,NA,0,NA',
        ',,1,1,0,NA,0,NA,0,NA,0,NA',
        'weird,,1,abc,0,NA,0,NA,0,NA,0,NA',
      ].join('\n'),
    );
    const result = await importWarmthCompetenceLexicon(file);
    expect(result.lexicon.get('friendly')).toEqual({ sociability: 1 });
    expect(result.lexicon.get('warm')).toEqual({ sociability: 1 });
    expect(result.lexicon.get('cruel')).toEqual({ morality: -1 });
    expect(result.lexicon.get('smart')).toEqual({ ability: 1 });
    expect(result.lexicon.has('odd')).toBe(false);
    expect(result.skipped).toEqual([
      { file, line: 7, reason: 'no term on this row' },
      { file, line: 8, reason: "the sociability direction 'abc' is not a number" },
    ]);
    expect(result.warnings[0]).toMatch(/1 word–facet pair/);
  });

  it('reads a simple word,warmth,competence CSV and refuses other layouts', async () => {
    const result = await importWarmthCompetenceLexicon(
      await write('wc.csv', 'word,warmth,competence\nkind,0.8,0\nlazy,,-0.5\n'),
    );
    expect(result.lexicon.get('kind')).toEqual({ warmth: 1 });
    expect(result.lexicon.get('lazy')).toEqual({ competence: -1 });
    await expect(importWarmthCompetenceLexicon(await write('x.csv', 'a,b\n1,2\n'))).rejects.toThrow(
      /x\.csv' is not a warmth\/competence lexicon/,
    );
  });

  it('reads an MFD-style dictionary with words, prefixes and phrases', async () => {
    const file = await write(
      'mfd.dic',
      [
        '%',
        '01\tHarmVirtue',
        '02\tHarmVice',
        '03\tIngroupVirtue',
        '04\tPurityVirtue',
        '%',
        'safe*\t01',
        'compassion\t01',
        'hurt*\t02',
        'loyal*\t03 01',
        'family values\t03',
        'pure*\t04',
        'nothing',
        'mystery\t99',
        '',
      ].join('\n'),
    );
    const result = await importMoralDictionary(file);
    expect(result.entries).toBe(6);
    expect(result.lexicon.prefixes.get('loyal')).toEqual(['03', '01']);
    expect(result.lexicon.words.get('family values')).toEqual(['03']);
    expect(foundationsOfTerm('loyalty', result.lexicon)).toEqual(new Set(['loyalty', 'care']));
    expect(foundationsOfTerm('pureness of heart', result.lexicon)).toEqual(new Set(['purity']));
    expect(result.skipped).toEqual([
      { file, line: 13, reason: "no category for 'nothing'" },
      { file, line: 14, reason: "no category for 'mystery 99' ('99' is not a category id)" },
    ]);
  });

  it('reads MFD 2.0 category names and refuses files without the % block', async () => {
    const result = await importMoralDictionary(
      await write('mfd2.dic', '%\n1\tcare.virtue\n2\tcare.vice\n%\ncompassion\t1\ncruelty\t2\n'),
    );
    expect(foundationsOfTerm('cruelty', result.lexicon)).toEqual(new Set(['care']));
    await expect(importMoralDictionary(await write('plain.txt', 'word\t1\n'))).rejects.toThrow(
      /plain\.txt' is not a dictionary/,
    );
    await expect(importMoralDictionary(await write('open.dic', '%\n1\tcare\nword 1\n'))).rejects.toThrow(
      /open\.dic' has no closing '%' line/,
    );
  });
});
