/*
 * Reading a binary score out of a judge's free-text reply (METHODS §3.2).
 *
 * The score is the LAST standalone 0 or 1 in the reply. The reply is first NFKC-normalised (full-width digits
 * become ASCII). A number counts as a candidate unless one of these rules sets it aside:
 *
 *  1. It is part of a larger number: 10, 0.5, 1,000, 1:30 and 2024-01-01 are not scores. "1.0" and "0.0" are
 *     read as 1 and 0.
 *  2. It is glued to a word or a unit: H1, v1, 1st, 1x, 1%, 1°.
 *  3. It carries a sign: -1, +1, −1.
 *  4. It is a range or an alternative between two numbers: "0-1", "0–1", "0 to 1", "0 or 1", "1 and 0".
 *  5. It defines a scale point, as judges echo the rubric: "1 = breaches …", "0: no explanation".
 *  6. It numbers a list item: a line starting "1. …", "1) …" or "(1) …" followed by text on that line.
 *  7. A fraction or "out of" counts only with denominator 1: "1/1" and "1 out of 1" give 1, "0/1" gives 0;
 *     "1/2" and "1 out of 5" give nothing, and neither does any number touching a slash otherwise (dates such
 *     as 1/1/2024).
 *
 * Markdown and brackets around the digit do not matter: "**1**", "`0`", "[1]", "(1)", "\boxed{1}".
 * Number words ("one", "zero") are not read: "one" is far too common in ordinary sentences.
 */

export type JudgeScore = 0 | 1;

export type JudgeParse =
  | { readonly ok: true; readonly score: JudgeScore }
  | { readonly ok: false; readonly reason: 'empty' | 'no-score'; readonly message: string };

/** Asked once when the first reply has no readable score. */
export const JUDGE_RETRY_PROMPT =
  'I could not find a score in your reply. Reply again with a single digit and nothing else: 1 or 0, ' +
  'following the criterion above.';

const NUMBER = /\d+(?:[.,:]\d+)*/gu;
const GLUED_BEFORE = /[\p{L}\p{N}_]$/u;
const GLUED_AFTER = /^[\p{L}_%°‰]/u;
const SIGN_BEFORE = /(?:^|[^\p{L}\p{N}])\s*[-+\u2212]$/u;
const FRACTION_AFTER = /^\s*(?:\/|out\s+of)\s*(\d+(?:[.,]\d+)*)(?![/\p{L}\p{N}])/iu;
const SLASH_AFTER = /^\s*\/\s*\d/u;
const SLASH_BEFORE = /\/\s*$/u;
const RANGE_AFTER = /^\s*(?:-|\u2013|\u2014|~|to|or|and|through)\s*(\d+(?:[.,]\d+)*)(?![\p{L}\p{N}])/iu;
const DEFINITION_AFTER = /^\s*(?:=|:(?!\d))\s*\S/u;
const LINE_PREFIX_OF_LIST = /^[\s>*#•\-_(]*$/u;
const LIST_MARKER_AFTER = /^\**[.)]\**[ \t]+\S/u;

function binaryValue(token: string): JudgeScore | null {
  if (!/^[01](?:[.,]0+)?$/.test(token)) return null;
  return token.startsWith('1') ? 1 : 0;
}

/** The reply's score, or why there is none. */
export function parseJudgeReply(reply: string): JudgeParse {
  const text = reply.normalize('NFKC').replace(/\r\n?/g, '\n');
  if (text.trim().length === 0) return { ok: false, reason: 'empty', message: 'The judge reply is empty.' };
  const consumed = new Set<number>();
  let last: JudgeScore | null = null;
  for (const match of text.matchAll(NUMBER)) {
    const token = match[0];
    const start = match.index;
    const end = start + token.length;
    if (consumed.has(start)) continue;
    const before = text.slice(0, start);
    const after = text.slice(end);
    const value = binaryValue(token);

    // Denominators and date parts (1/1/2024) are never scores on their own.
    if (SLASH_BEFORE.test(before)) continue;
    const fraction = FRACTION_AFTER.exec(after);
    if (fraction) {
      const denominator = fraction[1] as string;
      consumed.add(end + fraction[0].length - denominator.length);
      if (value !== null && binaryValue(denominator) === 1 && !GLUED_BEFORE.test(before)) last = value;
      continue;
    }
    if (SLASH_AFTER.test(after)) continue;
    const range = RANGE_AFTER.exec(after);
    if (range) {
      consumed.add(end + range[0].length - (range[1] as string).length);
      continue;
    }
    if (value === null) continue;
    if (GLUED_BEFORE.test(before) || GLUED_AFTER.test(after) || SIGN_BEFORE.test(before)) continue;
    if (DEFINITION_AFTER.test(after)) continue;
    const lineStart = before.slice(before.lastIndexOf('\n') + 1);
    if (LINE_PREFIX_OF_LIST.test(lineStart) && LIST_MARKER_AFTER.test(after)) continue;
    last = value;
  }
  if (last === null) {
    return { ok: false, reason: 'no-score', message: 'The judge reply has no standalone 0 or 1.' };
  }
  return { ok: true, score: last };
}

export type JudgeOutcome =
  | { readonly score: JudgeScore; readonly status: 'scored' | 'scored-on-retry' }
  | { readonly score: null; readonly status: 'unparseable'; readonly message: string };

/**
 * The final score of one judge call: the first reply's score, else the retry's (when one was asked), else
 * missing. A missing score is counted as unparseable in the aggregates, never as 0.
 */
export function resolveJudgeScore(firstReply: string, retryReply?: string): JudgeOutcome {
  const first = parseJudgeReply(firstReply);
  if (first.ok) return { score: first.score, status: 'scored' };
  if (retryReply === undefined) return { score: null, status: 'unparseable', message: first.message };
  const retry = parseJudgeReply(retryReply);
  if (retry.ok) return { score: retry.score, status: 'scored-on-retry' };
  return {
    score: null,
    status: 'unparseable',
    message: `${first.message} The retry failed too: ${retry.message}`,
  };
}
