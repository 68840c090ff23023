import { describe, expect, it } from 'vitest';

import { parseWvsBankEntry, type WvsBankItem } from '../../../../src-main/domain/data/wvs-bank';
import {
  createWvsQuestionMatcher,
  EXACT_MATCH_SCORE,
} from '../../../../src-main/domain/data/wvs-question-matcher';

const CONFIDENCE = ['A great deal', 'Quite a lot', 'Not very much', 'None at all'];
const AGREE = ['Strongly agree', 'Agree', 'Disagree', 'Strongly disagree'];
const codes = (labels: string[]) => labels.map((label, index) => ({ code: index + 1, label }));

function item(entry: Record<string, unknown>): WvsBankItem {
  const parsed = parseWvsBankEntry(entry);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

const BANK = [
  item({
    id: 'Q57',
    short_label: 'Most people can be trusted',
    question_text_natural:
      'Generally speaking, would you say that most people can be trusted or that you need to be very careful in dealing with people?',
    options: codes(['Most people can be trusted', 'Need to be very careful']),
  }),
  item({
    id: 'Q76',
    short_label: 'Confidence: Election',
    question_text_natural: 'How much confidence do you have in elections?',
    options: codes(CONFIDENCE),
  }),
  item({ id: 'Q78', short_label: 'Confidence: Banks', options: codes(CONFIDENCE) }),
  item({ id: 'Q87', short_label: 'Confidence: The World Bank (WB)', options: codes(CONFIDENCE) }),
  item({ id: 'Q82_EU', short_label: 'Confidence: The European Union (EU)', options: codes(CONFIDENCE) }),
  item({
    id: 'Q94',
    short_label: 'Active/Inactive membership: church or religious organization',
    options: codes(['Not a member', 'Inactive member', 'Active member']),
  }),
  item({
    id: 'Q94R',
    short_label: 'Membership: church or religious organization',
    options: codes(['Not a member', 'Member']),
  }),
  item({
    id: 'Q152',
    short_label: 'Aims of country: first choice',
    options: codes(['A high level of economic growth', 'Strong defence forces']),
  }),
  item({
    id: 'Q153',
    short_label: 'Aims of country: second choice',
    options: codes(['A high level of economic growth', 'Strong defence forces']),
  }),
  item({
    id: 'Q169',
    short_label: 'Whenever science and religion conflict, religion is always right',
    options: codes(AGREE),
  }),
  item({ id: 'Q170', short_label: 'The only acceptable religion is my religion', options: codes(AGREE) }),
  item({ id: 'Q262', short_label: 'Age', codebook_type: 'objective', options: [] }),
];

const STEM =
  'I am going to name a number of organizations. For each one, could you tell me how much confidence you have in them: is it a great deal of confidence, quite a lot of confidence, not very much confidence or none at all?';

describe('createWvsQuestionMatcher', () => {
  const match = createWvsQuestionMatcher(BANK);
  const withNonAnswers = (options: string[]) => [...options, "Don't know", 'No answer'];

  it('matches the same wording exactly, whatever the spacing and quotes', () => {
    expect(
      match(
        'Generally  speaking, would you say that most people can be trusted or that you need to be very careful in dealing with people?',
        ['Most people can be trusted', 'Can´t be too careful'],
      ),
    ).toMatchObject({ id: 'Q57', score: EXACT_MATCH_SCORE });
  });

  it('tells the items of a battery apart by the item part after the shared stem', () => {
    expect(match(`${STEM}\n\nElections`, withNonAnswers(CONFIDENCE))?.id).toBe('Q76');
    expect(match(`${STEM}\n\nBanks`, withNonAnswers(CONFIDENCE))?.id).toBe('Q78');
    expect(match(`${STEM}\n\nThe World Bank`, withNonAnswers(CONFIDENCE))?.id).toBe('Q87');
    // Variants that name their own subject are items of their own.
    expect(match(`${STEM}\n\nThe European Union`, withNonAnswers(CONFIDENCE))?.id).toBe('Q82_EU');
  });

  it('matches a base item rather than its recode, and a first choice rather than the second', () => {
    expect(
      match(
        'Now I am going to read out a list of voluntary organizations; for each one, could you tell me whether you are a member, an active member, an inactive member or not a member?\n\nChurch or religious organization',
        withNonAnswers(['Not a member', 'Inactive member', 'Active member']),
      )?.id,
    ).toBe('Q94');
    expect(
      match(
        'People sometimes talk about what the aims of this country should be for the next ten years. Which one of these do you consider the most important? Aims of country',
        withNonAnswers(['A high level of economic growth', 'Strong defence forces']),
      )?.id,
    ).toBe('Q152');
  });

  it('leaves out questions that only share the stem and scale with a bank item', () => {
    expect(
      match(
        'Please tell us if you strongly agree, agree, disagree, or strongly disagree with the following statements: A man should always have the final say about decisions in his marriage',
        withNonAnswers(AGREE),
      ),
    ).toBeNull();
    expect(match('How often do you use a tram?', ['Daily', 'Never'])).toBeNull();
  });
});
