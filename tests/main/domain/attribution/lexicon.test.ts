import { describe, expect, it } from 'vitest';

import {
  combineSigns,
  foundationOfCategory,
  foundationsOfTerm,
  moralFoundationProfiles,
  vadProfile,
  warmthCompetenceProfile,
  type MoralDictionary,
  type VadLexicon,
  type WarmthCompetenceLexicon,
} from '../../../../src-main/domain/attribution/lexicon';

const VAD: VadLexicon = new Map([
  ['honesty', { valence: 0.9, arousal: 0.1, dominance: 0.6 }],
  ['war', { valence: -0.9, arousal: 0.9, dominance: 0.2 }],
  ['peace', { valence: 0.8, arousal: -0.8, dominance: 0.4 }],
  ['hard', { valence: -0.2, arousal: 0.4, dominance: 0.8 }],
  ['work', { valence: 0.2, arousal: 0.2, dominance: 0.4 }],
  ['hard work', { valence: 0.6, arousal: 0.5, dominance: 0.9 }],
]);

describe('vadProfile (toy lexicon)', () => {
  it('matches phrases whole, else word by word, over unique terms, with coverage', () => {
    // Terms: honesty, war, hard work (phrase entry), war peace (two words), xyz (unmatched); "Honesty" repeats.
    const profile = vadProfile(['honesty', 'Honesty', 'war', 'hard work', 'war peace', 'xyz'], VAD);
    expect(profile).toMatchObject({ terms: 5, matched: 4, coverage: 0.8 });
    // Term scores: honesty .9/.1/.6, war −.9/.9/.2, hard work .6/.5/.9, "war peace" mean(−.9,.8)=−.05, (.9−.8)/2=.05, .3
    expect(profile.means!.valence).toBeCloseTo((0.9 - 0.9 + 0.6 - 0.05) / 4, 12);
    expect(profile.means!.arousal).toBeCloseTo((0.1 + 0.9 + 0.5 + 0.05) / 4, 12);
    expect(profile.means!.dominance).toBeCloseTo((0.6 + 0.2 + 0.9 + 0.3) / 4, 12);
    // Any-entry rule: positive valence honesty, hard work, war peace (peace) → 3/4; negative war, war peace → 2/4.
    expect(profile.shares).toEqual({
      positiveValence: 3 / 4,
      negativeValence: 2 / 4,
      highArousal: 2 / 4,
      lowArousal: 1 / 4,
      highDominance: 1 / 4,
      lowDominance: 0,
    });
  });

  it('reports no shares when nothing matched', () => {
    expect(vadProfile(['xyz'], VAD)).toEqual({
      terms: 1,
      matched: 0,
      coverage: 0,
      means: null,
      shares: null,
    });
    expect(vadProfile([], VAD)).toEqual({ terms: 0, matched: 0, coverage: null, means: null, shares: null });
  });
});

describe('warmthCompetenceProfile (toy lexicon)', () => {
  const LEX: WarmthCompetenceLexicon = new Map([
    ['kind', { sociability: 1 }],
    ['cruel', { morality: -1 }],
    ['smart', { ability: 1 }],
    ['lazy', { agency: -1 }],
    ['honest', { morality: 1, agency: 1 }],
    ['rich', { status: 1 }],
    ['warm', { warmth: 1 }],
  ]);

  it('combines facets into warmth and competence and counts shares of matched unique terms', () => {
    const profile = warmthCompetenceProfile(
      ['kind', 'cruel', 'smart', 'lazy', 'honest', 'rich', 'kind cruel', 'xyz'],
      LEX,
    );
    // Matched: 7 of 8. Warmth +: kind, honest → 2; −: cruel → 1; "kind cruel" conflicts → 0.
    // Competence +: smart, honest → 2; −: lazy → 1.
    expect(profile).toEqual({
      terms: 8,
      matched: 7,
      coverage: 7 / 8,
      shares: { highWarmth: 2 / 7, lowWarmth: 1 / 7, highCompetence: 2 / 7, lowCompetence: 1 / 7 },
    });
    expect(warmthCompetenceProfile(['warm'], LEX).shares!.highWarmth).toBe(1);
    expect(warmthCompetenceProfile(['nothing'], LEX).shares).toBeNull();
  });

  it('treats disagreeing signs as 0', () => {
    expect(combineSigns([1, -1])).toBe(0);
    expect(combineSigns([1, null, 1])).toBe(1);
    expect(combineSigns([null, null])).toBeNull();
    expect(combineSigns([0, -1])).toBe(-1);
  });
});

describe('moral foundations', () => {
  const DICT: MoralDictionary = {
    categories: new Map([
      ['1', 'care.virtue'],
      ['2', 'fairness.virtue'],
      ['3', 'loyalty.virtue'],
      ['4', 'authority.virtue'],
      ['5', 'sanctity.virtue'],
    ]),
    words: new Map([
      ['compassion', ['1']],
      ['justice', ['2']],
      ['obedience', ['4']],
      ['family loyalty', ['3']],
    ]),
    prefixes: new Map([
      ['pur', ['5']],
      ['loyal', ['3']],
      ['fair', ['2']],
      ['fairyland', ['1']],
    ]),
  };

  it('folds categories of both dictionary styles into foundations', () => {
    expect(foundationOfCategory('care.virtue')).toBe('care');
    expect(foundationOfCategory('HarmVice')).toBe('care');
    expect(foundationOfCategory('IngroupVirtue')).toBe('loyalty');
    expect(foundationOfCategory('sanctity.vice')).toBe('purity');
    expect(foundationOfCategory('PurityVirtue')).toBe('purity');
    expect(foundationOfCategory('MoralityGeneral')).toBe('general');
    expect(foundationOfCategory('Liberty')).toBe('liberty');
  });

  it('matches whole phrases, words, and the longest prefix', () => {
    expect(foundationsOfTerm('family loyalty', DICT)).toEqual(new Set(['loyalty']));
    expect(foundationsOfTerm('purity of heart', DICT)).toEqual(new Set(['purity']));
    expect(foundationsOfTerm('fairness', DICT)).toEqual(new Set(['fairness']));
    expect(foundationsOfTerm('fairyland', DICT)).toEqual(new Set(['care']));
    expect(foundationsOfTerm('compassion and justice', DICT)).toEqual(new Set(['care', 'fairness']));
    expect(foundationsOfTerm('xyz', DICT).size).toBe(0);
  });

  it('gives per-context shares and over-representation against the pooled distribution', () => {
    const { overall, contexts } = moralFoundationProfiles(
      new Map([
        ['Muslim', ['obedience', 'purity', 'compassion', 'compassion', 'xyz']],
        ['Christian', ['compassion', 'justice', 'fairness', 'loyalty']],
      ]),
      DICT,
    );
    // Muslim: authority 1, purity 1, care 1 (unique terms: 4, matched 3). Christian: care 1, fairness 2, loyalty 1.
    expect(overall).toMatchObject({ terms: 8, matched: 7 });
    expect(overall.counts).toEqual({ authority: 1, purity: 1, care: 2, fairness: 2, loyalty: 1 });
    const muslim = contexts.find((c) => c.context === 'Muslim')!;
    expect(muslim).toMatchObject({ terms: 4, matched: 3, coverage: 0.75 });
    expect(muslim.shares.care).toBeCloseTo(1 / 3, 12);
    // care: (1/3) ÷ (2/7) = 7/6; difference 1/3 − 2/7 = 1/21.
    expect(muslim.overRepresentation.care!.ratio).toBeCloseTo(7 / 6, 12);
    expect(muslim.overRepresentation.care!.difference).toBeCloseTo(1 / 21, 12);
    // fairness never occurs in the Muslim context: ratio 0.
    expect(muslim.overRepresentation.fairness).toEqual({ ratio: 0, difference: -2 / 7 });
    const christian = contexts.find((c) => c.context === 'Christian')!;
    expect(christian.overRepresentation.fairness!.ratio).toBeCloseTo(2 / 4 / (2 / 7), 12);
  });
});
