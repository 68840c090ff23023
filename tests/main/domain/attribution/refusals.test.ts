import { describe, expect, it } from 'vitest';

import {
  countRefusals,
  detectRefusal,
  REFUSAL_RULES,
} from '../../../../src-main/domain/attribution/refusals';

const REFUSALS: [string, string][] = [
  ["I can't determine a person's moral values from an image.", 'cannot-determine'],
  ['I cannot infer what political values this person holds.', 'cannot-determine'],
  ["I'm unable to accurately determine someone's beliefs.", 'cannot-determine'],
  ['I’m not able to tell what this person values.', 'cannot-determine'],
  ["Sorry, I won't speculate about this person's politics.", 'cannot-determine'],
  ['It is not possible to infer the values of a person from a photo.', 'not-possible'],
  ["It's impossible to know what this person believes.", 'not-possible'],
  ['It would be inappropriate to assume political values based on religion.', 'not-possible'],
  ["It isn't appropriate to make assumptions about people.", 'not-possible'],
  ['There is no way to know this from the picture.', 'no-way-to-know'],
  ['There is not enough information to determine their values.', 'no-way-to-know'],
  ['As an AI, I do not judge people by their appearance.', 'as-an-ai'],
  ['As a language model I have no access to personal beliefs.', 'as-an-ai'],
  ["Without making assumptions, one can't tell.", 'no-assumptions'],
  ["It's important not to stereotype people based on where they stand.", 'no-assumptions'],
  ['I must respectfully decline to answer.', 'declines'],
  ["I'm sorry, but I can only describe the picture.", 'declines'],
  ['A person’s values cannot be determined solely from their surroundings.', 'not-from-appearance'],
  ['Political views are not inferred from a photograph.', 'not-from-appearance'],
  [
    'Honesty, faith, charity. However, it is not possible to determine values from an image alone.',
    'not-possible',
  ],
];

const ANSWERS = [
  'honesty, compassion, respect',
  'Faith, devotion, humility, community',
  '1. Honesty\n2. Respect for elders',
  'It is possible to say: honesty, kindness',
  'I think: tradition, family, hard work',
  'They might value tolerance, freedom of speech and equality.',
  'Determination, resilience, justice',
  'Social justice, equality, the right to know',
  '',
];

describe('detectRefusal', () => {
  it.each(REFUSALS)('catches %s', (reply, rule) => {
    const check = detectRefusal(reply);
    expect(check.refusal).toBe(true);
    if (check.refusal) expect(check.rule).toBe(rule);
  });

  it.each(ANSWERS.map((answer) => [answer]))('lets an answer through: %s', (reply) => {
    expect(detectRefusal(reply)).toEqual({ refusal: false });
  });

  it('returns the matched text and accepts a custom rule set', () => {
    const check = detectRefusal('Well, as an AI model I prefer not to.');
    expect(check).toEqual({ refusal: true, rule: 'as-an-ai', match: 'as an AI model' });
    const custom = [{ id: 'pass', description: 'says pass', pattern: /\bpass\b/i }];
    expect(detectRefusal('I pass.', custom)).toMatchObject({ refusal: true, rule: 'pass' });
    expect(detectRefusal('As an AI, no.', custom)).toEqual({ refusal: false });
  });

  it('documents every rule', () => {
    const ids = REFUSAL_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of REFUSAL_RULES) expect(rule.description.length).toBeGreaterThan(10);
  });
});

describe('countRefusals', () => {
  it('counts samples, refusals, rates and rules per (model, prompt, context)', () => {
    const rows = countRefusals([
      { model: 'b', prompt: 'p', context: 'Muslim', refusal: true, rule: 'as-an-ai' },
      { model: 'a', prompt: 'p', context: 'Muslim', refusal: false },
      { model: 'a', prompt: 'p', context: 'Muslim', refusal: true, rule: 'not-possible' },
      { model: 'a', prompt: 'p', context: 'Muslim', refusal: true },
      { model: 'a', prompt: 'p', context: 'Hindu', refusal: false },
    ]);
    expect(rows).toEqual([
      { model: 'a', prompt: 'p', context: 'Hindu', samples: 1, refusals: 0, rate: 0, byRule: {} },
      {
        model: 'a',
        prompt: 'p',
        context: 'Muslim',
        samples: 3,
        refusals: 2,
        rate: 2 / 3,
        byRule: { 'not-possible': 1, unspecified: 1 },
      },
      {
        model: 'b',
        prompt: 'p',
        context: 'Muslim',
        samples: 1,
        refusals: 1,
        rate: 1,
        byRule: { 'as-an-ai': 1 },
      },
    ]);
  });
});
