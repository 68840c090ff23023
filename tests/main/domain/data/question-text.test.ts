import { describe, expect, it } from 'vitest';

import {
  contentWords,
  matchTerms,
  normaliseQuestionText,
} from '../../../../src-main/domain/data/question-text';

describe('question text', () => {
  it('normalises quotes, spaces and case', () => {
    expect(normaliseQuestionText('  “Most”  people’s\n\nTRUST ')).toBe('"most" people\'s trust');
  });

  it('keeps content words without accents, apostrophes or stop words', () => {
    expect(contentWords('What is the role of Women´s organizations in Côte d’Ivoire?')).toEqual([
      'role',
      'womens',
      'organizations',
      'cote',
      'divoire',
    ]);
  });

  it('adds the singular of plural words for matching', () => {
    expect(matchTerms('Elections and banks, not press')).toEqual([
      'elections',
      'election',
      'banks',
      'bank',
      'press',
    ]);
  });
});
