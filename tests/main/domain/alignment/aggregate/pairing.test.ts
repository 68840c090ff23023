import { describe, expect, it } from 'vitest';
import { pairRows } from '../../../../../src-main/domain/alignment/aggregate/pairing';
import { ROWS } from './fixture';

describe('pairRows', () => {
  it('pairs every image row with its text-only row and counts the rest', () => {
    const { pairs, ...counts } = pairRows(ROWS, { baseline: 'T', cue: 'I' });
    expect(pairs).toHaveLength(6);
    expect(counts).toEqual({
      nBaseline: 5,
      nCue: 7,
      nExcludedBaseline: 0,
      nExcludedCue: 1,
      nUnpairedCue: 0,
      nUnpairedBaseline: 0,
      nAmbiguousBaselineKeys: 0,
    });
  });

  it('leaves cue rows unpaired when the baseline is missing or ambiguous', () => {
    const rows = [
      ...ROWS.filter((r) => r.country !== 'BR' || r.condition === 'I'),
      { ...ROWS[0]!, similarity: 0.61 },
    ];
    const { pairs, ...counts } = pairRows(rows, { baseline: 'T', cue: 'I' });
    // BR has no T row; US q1 now has two T rows, so both US q1 images stay unpaired.
    expect(pairs).toHaveLength(3);
    expect(counts).toMatchObject({ nUnpairedCue: 3, nAmbiguousBaselineKeys: 1, nUnpairedBaseline: 2 });
  });
});
