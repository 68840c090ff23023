import { describe, expect, it } from 'vitest';

import {
  foundationJudgePrompt,
  judgedDictionary,
  parseFoundationReply,
} from '../../../../src-main/domain/attribution/foundation-judge';
import { foundationsOfTerm } from '../../../../src-main/domain/attribution/lexicon';

describe('moral foundations from a judge model', () => {
  it('asks about exactly the answer’s values, one line each', () => {
    const prompt = foundationJudgePrompt(['faith', 'hard work']);
    expect(prompt.split('\n').slice(-2)).toEqual(['- faith', '- hard work']);
    expect(prompt).toContain('"value: foundation"');
  });

  it('reads the usual ways a model writes the lines, and ignores anything else', () => {
    const reply = [
      'Here are the foundations:',
      '1. **Faith**: Purity',
      '- hard work -> none',
      '* self-discipline → sanctity',
      'family — Loyalty (ingroup)',
      'honesty - fairness',
      'faith: care', // a second line for a value: the first one counts
      'courage: care', // not one of the answer's values
      'tradition: tradition', // not a foundation
    ].join('\n');
    const values = ['faith', 'hard work', 'self-discipline', 'family', 'honesty', 'tradition'];
    expect(Object.fromEntries(parseFoundationReply(reply, values))).toEqual({
      faith: 'purity',
      'hard work': 'none',
      'self-discipline': 'purity',
      family: 'loyalty',
      honesty: 'fairness',
    });
  });

  it('takes each value’s most frequent foundation over the run; ties keep both, ties with none keep nothing', () => {
    const { dictionary, judgedValues } = judgedDictionary([
      new Map([
        ['faith', 'purity'],
        ['family', 'loyalty'],
        ['respect', 'authority'],
        ['work', 'none'],
      ] as const),
      new Map([
        ['faith', 'purity'],
        ['family', 'care'],
        ['respect', 'none'],
      ] as const),
      new Map([['faith', 'authority']] as const),
    ]);
    expect(judgedValues).toBe(4);
    expect([...dictionary.words].sort()).toEqual([
      ['faith', ['purity']],
      ['family', ['care', 'loyalty']],
    ]);
    expect([...foundationsOfTerm('Family', dictionary)].sort()).toEqual(['care', 'loyalty']);
    expect(foundationsOfTerm('respect', dictionary).size).toBe(0);
  });
});
