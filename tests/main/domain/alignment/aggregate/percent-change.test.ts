import { describe, expect, it } from 'vitest';
import {
  groupMeans,
  meansOfGroupMeans,
} from '../../../../../src-main/domain/alignment/aggregate/group-means';
import {
  percentChange,
  percentChangeVsBaseline,
} from '../../../../../src-main/domain/alignment/aggregate/percent-change';
import { ROWS } from './fixture';

describe('percentChange', () => {
  it('is 100 × (cue − baseline) / baseline', () => {
    // Social values, High, 13B in METHODS §2.7: 0.587 → 0.784.
    const change = percentChange(0.587, 0.784);
    expect(change.ok && change.value).toBeCloseTo(33.56, 2);
    expect(percentChange(0, 0.5)).toMatchObject({ ok: false, reason: 'zero-baseline' });
  });
});

describe('percentChangeVsBaseline', () => {
  it('compares each cue group with the T group of the same keys, with counts', () => {
    const rows = percentChangeVsBaseline(groupMeans(ROWS, ['country', 'condition', 'model']));
    expect(rows.map((r) => r.key)).toEqual([
      { country: 'US', model: 'm1' },
      { country: 'NG', model: 'm1' },
      { country: 'BR', model: 'm1' },
    ]);
    const us = rows[0]!;
    expect(us.change.ok && us.change.value).toBeCloseTo((100 * 0.04) / 0.7, 10);
    expect(us).toMatchObject({
      condition: 'I',
      baselineCondition: 'T',
      nBaseline: 2,
      nCue: 3,
      nExcludedCue: 1,
    });
    expect(rows[1]!.change.ok && rows[1]!.change.value).toBeCloseTo(-10, 10);
  });

  it('works on income-group means of country means', () => {
    const countryMeans = groupMeans(ROWS, ['topic', 'country', 'incomeGroup', 'condition', 'model']);
    const income = meansOfGroupMeans(countryMeans, ['topic', 'incomeGroup', 'condition', 'model']);
    const high = percentChangeVsBaseline(income).find((r) => r.key.incomeGroup === 'High')!;
    expect(high.change.ok && high.change.value).toBeCloseTo((100 * 0.07) / 0.55, 10);
  });

  it('flags a cue group without a baseline', () => {
    const only = groupMeans(
      ROWS.filter((r) => r.condition === 'I'),
      ['country', 'condition'],
    );
    const rows = percentChangeVsBaseline(only, { cues: ['I'] });
    expect(rows).toHaveLength(3);
    expect(rows[0]!.change).toMatchObject({ ok: false, reason: 'no-baseline' });
    expect(rows[0]!.nBaseline).toBe(0);
  });
});
