import { contentWords, matchTerms, normaliseQuestionText } from './question-text';
import { isNonSubstantiveOption } from './survey-options';
import type { WvsBankItem } from './wvs-bank';

export interface WvsMatch {
  id: string;
  /** 0…~1.2: how well text, item label and answer options agree; `EXACT_MATCH_SCORE` for identical text. */
  score: number;
  runnerUp: { id: string; score: number } | null;
}

/**
 * A match is accepted at `MIN_MATCH_SCORE` when the runner-up is `MIN_MATCH_MARGIN` behind, or at the
 * lower `CLEAR_WIN_SCORE` when the runner-up is far behind (`CLEAR_WIN_MARGIN`; GlobalOpinionQA reworded
 * the item but no other item comes close). Tuned on the GlobalOpinionQA sample: lower thresholds start to
 * accept items from country-specific modules that only share the stem and the agree/disagree scale with
 * a WVS-7 item.
 */
export const MIN_MATCH_SCORE = 0.65;
/** Above any similarity score, so an identical text always wins. */
export const EXACT_MATCH_SCORE = 1.5;
export const MIN_MATCH_MARGIN = 0.05;
const CLEAR_WIN_SCORE = 0.55;
const CLEAR_WIN_MARGIN = 0.25;

type Bag = ReadonlySet<string>;

interface Candidate {
  id: string;
  words: Bag;
  labelWords: Bag;
  options: Bag;
  exactTexts: readonly string[];
}

function optionKey(label: string): string {
  return contentWords(label).join(' ');
}

/**
 * Variants that are recodes of their base item (Q94R, Q33_3) or country-specific code lists (Q275A)
 * would tie with the base item and block every match; variants that name their own subject (Q82_EU,
 * the confidence items for regional organisations, and Q234A) are questions of their own.
 */
function isMatchCandidate(item: WvsBankItem): boolean {
  if (item.objective) return false;
  // A second choice repeats its first choice's question word for word; a single answer is the first.
  if (/\bsecond choice\b/i.test(item.label)) return false;
  if (!item.variant) return true;
  const suffix = item.id.slice(item.base.length);
  return !/^(R|_?\d+)$/.test(suffix);
}

/**
 * Ranks WVS-7 items for GlobalOpinionQA's wording of an item ("stem\n\nitem"): idf-weighted word overlap
 * with the bank's texts and label, plus agreement of the substantive answer options. GlobalOpinionQA
 * rewords the questionnaire (stems are shared by a whole battery, scales are spelled out), so exact
 * text matching finds only a handful of items.
 */
export function createWvsQuestionRanker(items: readonly WvsBankItem[]) {
  const candidates: Candidate[] = items.filter(isMatchCandidate).map((item) => ({
    id: item.id,
    words: new Set(matchTerms([item.label, item.text, item.promptText ?? ''].join(' '))),
    labelWords: new Set(matchTerms(item.label)),
    options: new Set(item.options.map((option) => optionKey(option.label))),
    exactTexts: [item.text, item.promptText ?? ''].filter((text) => text !== '').map(normaliseQuestionText),
  }));
  const documentFrequency = new Map<string, number>();
  for (const candidate of candidates)
    for (const word of candidate.words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  // Rare words (an organisation's name, "euthanasia") tell items of one battery apart; shared stems do not.
  const idf = (word: string) =>
    Math.log((candidates.length + 1) / ((documentFrequency.get(word) ?? 0) + 1)) + 1;
  const mass = (bag: Bag) => [...bag].reduce((sum, word) => sum + idf(word), 0);
  const sharedMass = (query: Bag, document: Bag) => {
    let shared = 0;
    for (const word of query) if (document.has(word)) shared += idf(word);
    return shared;
  };
  const similarity = (query: Bag, document: Bag) => {
    const norm = Math.sqrt(mass(query) * mass(document));
    return norm === 0 ? 0 : sharedMass(query, document) / norm;
  };
  /** Share of the query's weight found in the document, however long the document is. */
  const coverage = (query: Bag, document: Bag) => {
    const total = mass(query);
    return total === 0 ? 0 : sharedMass(query, document) / total;
  };

  return function rank(question: string, options: readonly string[]): { id: string; score: number }[] {
    const exact = normaliseQuestionText(question);
    const words = new Set(matchTerms(question));
    // GlobalOpinionQA writes battery items as "stem\n\nitem" or "stem: item"; the item part is what the
    // bank's label names.
    const tail = new Set(matchTerms(question.split(/\n\s*\n|\?\s*:?\s+(?=\S)/).pop() ?? question));
    const substantive = new Set(options.filter((option) => !isNonSubstantiveOption(option)).map(optionKey));
    return candidates
      .map((candidate) => {
        if (candidate.exactTexts.includes(exact)) return { id: candidate.id, score: EXACT_MATCH_SCORE };
        const union = new Set([...substantive, ...candidate.options]).size;
        const sharedOptions = [...substantive].filter((option) => candidate.options.has(option)).length;
        const optionScore = union === 0 ? 0 : sharedOptions / union;
        const score =
          0.4 * similarity(words, candidate.words) +
          0.2 * similarity(tail, candidate.labelWords) +
          0.2 * coverage(tail, candidate.words) +
          0.4 * optionScore;
        return { id: candidate.id, score };
      })
      .sort((a, b) => b.score - a.score);
  };
}

/** The WVS-7 item a GlobalOpinionQA question asks, or null when no item is clearly the best. */
export function createWvsQuestionMatcher(items: readonly WvsBankItem[]) {
  const rank = createWvsQuestionRanker(items);
  return function match(question: string, options: readonly string[]): WvsMatch | null {
    const [best, second] = rank(question, options);
    if (best === undefined) return null;
    const margin = best.score - (second?.score ?? 0);
    const accepted =
      (best.score >= MIN_MATCH_SCORE && margin >= MIN_MATCH_MARGIN) ||
      (best.score >= CLEAR_WIN_SCORE && margin >= CLEAR_WIN_MARGIN);
    if (!accepted) return null;
    return { id: best.id, score: best.score, runnerUp: second ?? null };
  };
}
