import { describe, expect, it } from 'vitest';

import { inferScaleType, isNonSubstantiveOption } from '../../../../src-main/domain/data/survey-options';

describe('survey options', () => {
  it('recognises the WVS/EVS and Pew wordings of non-answers', () => {
    for (const label of [
      "Don't know",
      'No answer',
      'Missing; Not available',
      'Not asked in this country',
      'Other missing; Multiple answers Mail (EVS)',
      'DK/Refused',
    ])
      expect(isNonSubstantiveOption(label)).toBe(true);
    for (const label of ['Most people can be trusted', 'Not at all important', 'Knowledge'])
      expect(isNonSubstantiveOption(label)).toBe(false);
  });

  it('infers the scale: two substantive options are binary, else the declared type, else the fallback', () => {
    expect(inferScaleType([true, true, false], 'ordinal', 'categorical')).toBe('binary');
    expect(inferScaleType([true, true, true], 'ordinal', 'categorical')).toBe('ordinal');
    expect(inferScaleType([true, true, true], 'non_ordinal', 'ordinal')).toBe('categorical');
    expect(inferScaleType([true, true, true], null, 'categorical')).toBe('categorical');
  });
});
