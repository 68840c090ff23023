import { describe, expect, it } from 'vitest';

import { WVS7_SECTIONS, wvsItemNumber, wvsSectionOf } from '../../../../src-main/domain/data/wvs-sections';

describe('WVS-7 sections', () => {
  it('cover Q1–Q290 without gaps, with the official item counts', () => {
    expect(WVS7_SECTIONS[0]?.first).toBe(1);
    expect(WVS7_SECTIONS.at(-1)?.last).toBe(290);
    for (let index = 1; index < WVS7_SECTIONS.length; index++)
      expect(WVS7_SECTIONS[index]!.first).toBe(WVS7_SECTIONS[index - 1]!.last + 1);
    expect(WVS7_SECTIONS.map((section) => section.last - section.first + 1)).toEqual([
      45, 11, 49, 6, 9, 10, 21, 6, 6, 12, 23, 36, 25, 31,
    ]);
  });

  it('reads item numbers of base items and variants, and nothing else', () => {
    expect(['Q57', 'Q82_EU', 'Q94R', 'Q275A', ' Q1 '].map(wvsItemNumber)).toEqual([57, 82, 94, 275, 1]);
    expect(['Q0', 'Q291', 'Q1000', 'V57', 'q57', ''].map(wvsItemNumber)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('gives an item (or its variant) its section', () => {
    expect(wvsSectionOf('Q57')?.id).toBe('social_capital_trust');
    expect(wvsSectionOf('Q82_EU')?.id).toBe('social_capital_trust');
    expect(wvsSectionOf('Q45')?.id).toBe('social_values');
    expect(wvsSectionOf('Q46')?.id).toBe('happiness_wellbeing');
    expect(wvsSectionOf('Q290')?.id).toBe('demographics');
    expect(wvsSectionOf('X1')).toBeNull();
  });
});
