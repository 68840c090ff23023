import { describe, expect, it } from 'vitest';
import { groupBy, isIncluded, keyValue } from '../../../../../src-main/domain/alignment/aggregate/rows';
import { ROWS } from './fixture';

describe('isIncluded', () => {
  it('needs a finite similarity and coverage above zero and the minimum', () => {
    expect(isIncluded(ROWS[0]!)).toBe(true);
    expect(isIncluded(ROWS[8]!)).toBe(false);
    expect(isIncluded({ ...ROWS[0]!, coverage: 0 })).toBe(false);
    expect(isIncluded({ ...ROWS[0]!, similarity: Number.NaN })).toBe(false);
    expect(isIncluded({ ...ROWS[0]!, coverage: 0.3 }, { minCoverage: 0.5 })).toBe(false);
    expect(isIncluded({ ...ROWS[0]!, coverage: undefined })).toBe(true);
  });
});

describe('keyValue and groupBy', () => {
  it('turns numbers into text and missing values into null, and refuses objects', () => {
    expect(keyValue({ income: 120 }, 'income')).toBe('120');
    expect(keyValue({}, 'region')).toBeNull();
    expect(() => keyValue({ bad: { a: 1 } }, 'bad')).toThrow(/text or a number/);
  });

  it('groups in first-seen order', () => {
    const groups = groupBy(ROWS, ['country'], (row) => row);
    expect(groups.map((g) => [g.key.country, g.items.length])).toEqual([
      ['US', 6],
      ['NG', 4],
      ['BR', 2],
    ]);
  });
});
