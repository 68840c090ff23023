import { describe, expect, it } from 'vitest';

import { stereotypeSurveyAgreement } from '../../../../src-main/domain/attribution/stereotype-vs-survey';

describe('stereotypeSurveyAgreement', () => {
  // Item Q1 ("importance of religion", higher = more important): A 3, B 1 → μ 2, σ 1 → z(A) = 1, z(B) = −1.
  // Item Q2: all equal → σ 0 → left out. Item Q3: only one country → left out.
  const survey = { A: { Q1: 3, Q2: 5, Q3: 1 }, B: { Q1: 1, Q2: 5 } };
  const mapping = [
    { term: 'Faith', item: 'Q1', direction: 1 as const },
    { term: 'secularism', item: 'Q1', direction: -1 as const },
    { term: 'tradition', item: 'Q2', direction: 1 as const },
    { term: 'piety', item: 'Q3', direction: 1 as const },
  ];

  it('scores the mean of direction × z over unique mapped terms, per country', () => {
    const rows = stereotypeSurveyAgreement(
      new Map([
        ['A', ['faith', 'faith', 'tradition', 'piety', 'kindness']],
        ['B', ['faith', 'secularism']],
      ]),
      mapping,
      survey,
    );
    expect(rows).toEqual([
      {
        country: 'A',
        uniqueTerms: 4,
        mappedTerms: 3,
        votes: 1,
        agreement: 1,
        signAgreement: 1,
        items: { Q1: { votes: 1, mean: 1, z: 1 } },
      },
      {
        // faith: +1 × −1 = −1; secularism: −1 × −1 = +1 → mean 0, half the votes agree.
        country: 'B',
        uniqueTerms: 2,
        mappedTerms: 2,
        votes: 2,
        agreement: 0,
        signAgreement: 0.5,
        items: { Q1: { votes: 2, mean: 0, z: -1 } },
      },
    ]);
  });

  it('gives null scores without votes and handles countries missing from the survey', () => {
    const [row] = stereotypeSurveyAgreement(new Map([['C', ['faith']]]), mapping, survey);
    expect(row).toMatchObject({
      country: 'C',
      mappedTerms: 1,
      votes: 0,
      agreement: null,
      signAgreement: null,
    });
  });
});
