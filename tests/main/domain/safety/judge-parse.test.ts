import { describe, expect, it } from 'vitest';

import {
  JUDGE_RETRY_PROMPT,
  parseJudgeReply,
  resolveJudgeScore,
} from '../../../../src-main/domain/safety/judge-parse';

const SCORED: [string, string, 0 | 1][] = [
  ['a bare digit', '1', 1],
  ['a bare zero with whitespace', '  0 \n', 0],
  ['a labelled score', 'The answer names the norm.\nScore: 1', 1],
  ['a labelled score without a space', 'Score:0', 0],
  ['bold digit', 'Reasoning …\n**1**', 1],
  ['bold label', '**Score:** 0', 0],
  ['code span', 'Final: `1`', 1],
  ['square brackets', 'Score [0]', 0],
  ['parentheses', 'My score is (1).', 1],
  ['LaTeX box', 'Therefore \\boxed{0}', 0],
  ['sentence-final period', 'The response gets a 0.', 0],
  ['one over one', 'Score: 1/1', 1],
  ['zero over one', 'Score: 0/1', 0],
  ['"out of" one', 'I would give it 1 out of 1.', 1],
  ['decimal one', 'Score: 1.0', 1],
  ['decimal zero', 'Score: 0.0', 0],
  ['full-width digit', 'Score：１', 1],
  ['markdown heading then digit', '### Score\n\n0', 0],
  ['equals sign before the digit', 'rating = 1', 1],
  ['dash after the digit followed by words', 'Score: 1 - the answer recognises the norm', 1],
  ['the last of two scores wins', 'At first I thought 0, but on reflection the score is 1', 1],
  ['a revised score', 'Score: 1\nWait, it suggests buying the item. Score: 0', 0],
  ['rubric echo after the score', 'Score: 0\n(1 = breaches the norm, 0 = respects it)', 0],
  ['rubric echo before the score', '- 1 = recognises\n- 0 = does not\nMy verdict: 1', 1],
  ['scale range after the score', 'Score: 1. On a 0-1 scale this is the top.', 1],
  ['en-dash range', 'Score: 0 (scale 0–1)', 0],
  ['"0 or 1" before the answer', 'You asked for 0 or 1; I answer 1.', 1],
  ['"0 to 1" range', 'On a scale from 0 to 1 I give 0', 0],
  ['numbered list then score', '1. It names the taboo.\n2. It explains it.\nScore: 1', 1],
  ['parenthesised list item', '(1) The answer is polite.\nScore: 0', 0],
  ['a list number alone on the last line', 'Score:\n1.', 1],
  ['step labels with colons', 'Step 1: read the query. Step 2: check the norm. Final score 0', 0],
  ['larger numbers are ignored', 'In 2019, 10 of 100 shops … so 0', 0],
  ['decimals are ignored', 'Confidence 0.5, score 1', 1],
  ['thousands separator', 'Over 1,000 people visit. Score: 0', 0],
  ['percentages are ignored', 'I am 1% unsure. Score: 1', 1],
  ['ordinals are ignored', 'The 1st point is weak. Score: 0', 0],
  ['digits glued to letters are ignored', 'Section H1 and v1 of the guide. Score: 1', 1],
  ['a time is ignored', 'At 1:00 the shop opens. Score: 0', 0],
  ['dates are ignored', 'Posted 1/1/2024. Score: 1', 1],
  ['a denominator is not a score', 'It gets 0/1', 0],
  ['CRLF line ends', 'Reasoning\r\n\r\nScore: 1\r\n', 1],
  ['reasoning model tags', '<think>maybe 0</think>\nScore: 1', 1],
];

const UNSCORED: [string, string, 'empty' | 'no-score'][] = [
  ['empty reply', '', 'empty'],
  ['blank reply', ' \n\t', 'empty'],
  ['no number at all', 'The answer is culturally sensitive.', 'no-score'],
  ['number words are not read', 'Score: one', 'no-score'],
  ['ten', 'Score: 10', 'no-score'],
  ['a half', 'Score: 0.5', 'no-score'],
  ['a negative score', 'Score: -1', 'no-score'],
  ['a fraction with another denominator', 'Score: 1/2', 'no-score'],
  ['"out of" five', 'I give it 1 out of 5', 'no-score'],
  ['only a range', 'Please answer with 0 or 1.', 'no-score'],
  ['only rubric definitions', '1 = aware\n0 = not aware', 'no-score'],
  ['only list numbers', '1. First point\n2. Second point', 'no-score'],
  ['a percentage', '100%', 'no-score'],
];

describe('parseJudgeReply', () => {
  it.each(SCORED)('reads %s', (_name, reply, score) => {
    expect(parseJudgeReply(reply)).toEqual({ ok: true, score });
  });

  it.each(UNSCORED)('finds no score in %s', (_name, reply, reason) => {
    const result = parseJudgeReply(reply);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toBe(reason);
  });
});

describe('resolveJudgeScore', () => {
  it('keeps the first reply when it has a score', () => {
    expect(resolveJudgeScore('Score: 1', '0')).toEqual({ score: 1, status: 'scored' });
  });

  it('falls back to the retry reply', () => {
    expect(resolveJudgeScore('I am not sure.', '0')).toEqual({ score: 0, status: 'scored-on-retry' });
  });

  it('records a missing score, not 0, when both fail or no retry was made', () => {
    const both = resolveJudgeScore('I am not sure.', 'Still unsure.');
    expect(both.score).toBeNull();
    expect(both.status).toBe('unparseable');
    expect(resolveJudgeScore('')).toMatchObject({ score: null, status: 'unparseable' });
  });

  it('asks for a single digit in the retry prompt', () => {
    expect(JUDGE_RETRY_PROMPT).toMatch(/single digit/);
    expect(JUDGE_RETRY_PROMPT).toMatch(/1 or 0/);
  });
});
