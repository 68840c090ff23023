import { describe, expect, it } from 'vitest';
import {
  groupMeans,
  meansOfGroupMeans,
} from '../../../../../src-main/domain/alignment/aggregate/group-means';
import { ROWS } from './fixture';

describe('groupMeans', () => {
  it('averages by arbitrary keys and counts included and excluded rows', () => {
    const means = groupMeans(ROWS, ['country', 'condition']);
    const us = means.find((g) => g.key.country === 'US' && g.key.condition === 'I')!;
    expect(us.mean).toBeCloseTo(0.74, 12);
    expect(us).toMatchObject({ n: 3, nExcluded: 1, nGroups: 1, weighted: false });
    expect(us.sd).toBeCloseTo(0.09165151, 7);
    const br = means.find((g) => g.key.country === 'BR' && g.key.condition === 'T')!;
    expect(br).toMatchObject({ mean: 0.4, sd: null, n: 1, nExcluded: 0 });
    expect(means).toHaveLength(6);
  });

  it('applies a minimum coverage', () => {
    const [group] = groupMeans(ROWS, ['condition'], { minCoverage: 0.75 }).filter(
      (g) => g.key.condition === 'I',
    );
    expect(group).toMatchObject({ n: 3, nExcluded: 4 });
    expect(group!.mean).toBeCloseTo(0.74, 12);
  });

  it('weights rows when asked (authors: text-only rows once per image)', () => {
    const images: Record<string, number> = { US: 2, NG: 1, BR: 1 };
    const [t] = groupMeans(ROWS, ['condition'], {
      weight: (row) => (row.condition === 'T' ? images[row.country]! : 1),
    });
    expect(t!.key).toEqual({ condition: 'T' });
    expect(t!.mean).toBeCloseTo(4.4 / 7, 12);
    expect(t!.weighted).toBe(true);
  });

  it('keeps rows without a key value in a null group and gives an all-excluded group a null mean', () => {
    const rows = [{ ...ROWS[0]!, region: undefined }, { ...ROWS[8]! }];
    const means = groupMeans(rows, ['region', 'condition']);
    expect(means.map((g) => g.key)).toEqual([
      { region: null, condition: 'T' },
      { region: null, condition: 'I' },
    ]);
    expect(means[1]).toMatchObject({ mean: null, n: 0, nExcluded: 1 });
  });
});

describe('meansOfGroupMeans', () => {
  it('averages country means within income groups with equal weight per country', () => {
    const countryMeans = groupMeans(ROWS, ['topic', 'country', 'incomeGroup', 'condition', 'model']);
    const income = meansOfGroupMeans(countryMeans, ['topic', 'incomeGroup', 'condition', 'model']);
    const highT = income.find((g) => g.key.incomeGroup === 'High' && g.key.condition === 'T')!;
    expect(highT.mean).toBeCloseTo(0.55, 12);
    expect(highT).toMatchObject({ n: 3, nExcluded: 0, nGroups: 2 });
    const highI = income.find((g) => g.key.incomeGroup === 'High' && g.key.condition === 'I')!;
    expect(highI.mean).toBeCloseTo(0.62, 12);
    expect(highI).toMatchObject({ n: 4, nExcluded: 1, nGroups: 2 });
  });
});
