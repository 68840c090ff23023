import { describe, expect, it } from 'vitest';

import {
  parseOptionList,
  parseWvsBankCsvRow,
  parseWvsBankEntry,
  WVS_MISSING_CODES,
} from '../../../../src-main/domain/data/wvs-bank';

describe('WVS-7 bank entries', () => {
  it('reads code=label option lists, including labels with | and = inside', () => {
    expect(parseOptionList('1=Very important | 2=Rather important')).toEqual([
      { code: 1, label: 'Very important' },
      { code: 2, label: 'Rather important' },
    ]);
    expect(parseOptionList('1=A | B | 2=x = y')).toEqual([
      { code: 1, label: 'A | B' },
      { code: 2, label: 'x = y' },
    ]);
    expect(parseOptionList('  ')).toEqual([]);
    expect(parseOptionList('Very important')).toEqual({
      error: "option 'Very important' is not written code=label",
    });
  });

  it('builds an item: texts by preference, section from the ranges, codebook missing codes by default', () => {
    const item = parseWvsBankEntry({
      id: 'Q82_EU',
      short_label: 'Confidence: The European Union (EU)',
      question_text_wvb: 'On a scale of 1 to 4, how much confidence do you have in the EU?',
      options: [{ code: 1, label: 'A great deal' }],
    });
    expect(item).toMatchObject({
      id: 'Q82_EU',
      number: 82,
      base: 'Q82',
      variant: true,
      section: 'social_capital_trust',
      text: 'On a scale of 1 to 4, how much confidence do you have in the EU?',
      promptText: 'On a scale of 1 to 4, how much confidence do you have in the EU?',
      objective: false,
      missingCodes: WVS_MISSING_CODES,
    });
    expect(
      parseWvsBankEntry({ id: 'Q1', question_text_natural: 'Natural?', options: [{ code: 1, label: 'x' }] }),
    ).toMatchObject({
      text: 'Natural?',
      label: 'Q1',
    });
  });

  it('marks numeric answers and long code lists as objective', () => {
    expect(parseWvsBankEntry({ id: 'Q262', options: [] })).toMatchObject({ objective: true });
    const codes = Array.from({ length: 31 }, (_, index) => ({ code: index + 1, label: `c${index}` }));
    expect(parseWvsBankEntry({ id: 'Q290', options: codes })).toMatchObject({ objective: true });
    expect(
      parseWvsBankEntry({ id: 'Q1', codebook_type: 'objective', options: codes.slice(0, 3) }),
    ).toMatchObject({
      objective: true,
    });
  });

  it('refuses unusable entries with a reason', () => {
    expect(parseWvsBankEntry({ id: 'V57', options: [] })).toEqual({
      error: 'id: must be a WVS Q-id such as Q57 or Q82_EU',
    });
    expect(parseWvsBankEntry({ id: 'Q291', options: [] })).toEqual({ error: "'Q291' is outside Q1–Q290" });
    expect(parseWvsBankEntry({ id: 'Q1', options: [{ code: -1, label: "Don't know" }] })).toEqual({
      error: 'answer options must have codes ≥ 0 (negative codes are missing codes)',
    });
    expect(parseWvsBankEntry('Q1')).toHaveProperty('error');
  });

  it('reads a CSV row, blank cells as absent', () => {
    expect(
      parseWvsBankCsvRow({ id: 'Q57', short_label: 'Trust', answer_data_type: '', options: '1=Yes | 2=No' }),
    ).toMatchObject({ id: 'Q57', label: 'Trust', declaredType: null, options: [{ code: 1 }, { code: 2 }] });
    expect(parseWvsBankCsvRow({ id: 'Q57', answer_data_type: 'nominal', options: '' })).toEqual({
      error: "answer_data_type 'nominal' is neither ordinal nor non_ordinal",
    });
  });
});
