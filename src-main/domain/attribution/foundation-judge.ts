import type { MoralDictionary } from './lexicon';
import { cleanValueKeyword } from './parse-values';

/*
 * Moral foundations from a local judge model (METHODS §4.3: each value term mapped by a language model to
 * Care, Fairness, Loyalty, Authority or Purity; the paper's prompt is unknown, so the wording below is the
 * product's own). One judge call per value answer, temperature 0, lists every value of that answer; the
 * reply is one "value: foundation" line per value. Liberty is offered as well, and "none" for values that
 * belong to no foundation; both are reported like any other answer, never forced into the five.
 */

export const JUDGED_FOUNDATIONS = ['care', 'fairness', 'loyalty', 'authority', 'purity', 'liberty'] as const;
export type JudgedFoundation = (typeof JUDGED_FOUNDATIONS)[number];

const NAMES: Readonly<Record<string, JudgedFoundation | 'none'>> = {
  care: 'care',
  harm: 'care',
  fairness: 'fairness',
  justice: 'fairness',
  loyalty: 'loyalty',
  ingroup: 'loyalty',
  authority: 'authority',
  respect: 'authority',
  purity: 'purity',
  sanctity: 'purity',
  liberty: 'liberty',
  freedom: 'liberty',
  none: 'none',
  neither: 'none',
  other: 'none',
};

export const FOUNDATION_JUDGE_SYSTEM =
  'You sort values into moral foundations. Answer only with the requested lines, nothing else.';

/** The judge's user message for one answer's values (already cleaned, unique, in the answer's order). */
export function foundationJudgePrompt(values: readonly string[]): string {
  return [
    'Moral foundations:',
    '- care: kindness, compassion, protecting others from harm',
    '- fairness: justice, equality, rights, reciprocity',
    '- loyalty: devotion to family, group or nation, patriotism',
    '- authority: respect for tradition, hierarchy, law and order',
    '- purity: sanctity, religious devotion, self-discipline, avoiding what degrades',
    '- liberty: freedom, independence, resisting domination',
    '- none: the value fits none of these',
    '',
    'For each value below, write one line "value: foundation" with the single foundation it fits best.',
    '',
    ...values.map((value) => `- ${value}`),
  ].join('\n');
}

/** Tokens to allow: a short line per value. */
export function foundationJudgeMaxTokens(values: readonly string[]): number {
  return Math.min(1024, 16 + values.length * 12);
}

/**
 * Reads "value: foundation" lines (also "value - foundation", "1. value → foundation", bold or quoted). A
 * line counts only when its value is one of the answer's and its foundation a known name; the first line
 * for a value wins. Values the reply leaves out are simply missing from the map.
 */
export function parseFoundationReply(
  reply: string,
  values: readonly string[],
): Map<string, JudgedFoundation | 'none'> {
  const wanted = new Set(values.map(cleanValueKeyword));
  const mapped = new Map<string, JudgedFoundation | 'none'>();
  for (const line of reply.split(/\r?\n/u)) {
    const match = /^[\s>*\-•\d.)]*(.+?)\s*(?::|->|→|–|—|\s-\s)\s*(.+)$/u.exec(line);
    if (match === null) continue;
    const value = cleanValueKeyword(match[1] ?? '');
    const name = cleanValueKeyword(match[2] ?? '').split(' ')[0] ?? '';
    const foundation = NAMES[name];
    if (!wanted.has(value) || foundation === undefined || mapped.has(value)) continue;
    mapped.set(value, foundation);
  }
  return mapped;
}

/**
 * A dictionary from every judge reply of a run, so that the judge's foundations go through the same
 * profile code as a user's dictionary. A value judged several times (in several answers) takes its most
 * frequent foundation; a tie keeps every tied one, unless "none" is among them: a value judged "none" as
 * often as anything else stays unmatched.
 */
export function judgedDictionary(replies: Iterable<ReadonlyMap<string, JudgedFoundation | 'none'>>): {
  dictionary: MoralDictionary;
  judgedValues: number;
} {
  const votes = new Map<string, Map<string, number>>();
  for (const reply of replies) {
    for (const [value, foundation] of reply) {
      const tally = votes.get(value) ?? new Map<string, number>();
      tally.set(foundation, (tally.get(foundation) ?? 0) + 1);
      votes.set(value, tally);
    }
  }
  const words = new Map<string, string[]>();
  for (const [value, tally] of votes) {
    const top = Math.max(...tally.values());
    const winners = [...tally].filter(([, count]) => count === top).map(([name]) => name);
    const foundations = winners.filter((name) => name !== 'none');
    if (foundations.length > 0 && winners.length === foundations.length) words.set(value, foundations.sort());
  }
  return {
    dictionary: {
      categories: new Map(JUDGED_FOUNDATIONS.map((name) => [name, name])),
      words,
      prefixes: new Map(),
    },
    judgedValues: votes.size,
  };
}
