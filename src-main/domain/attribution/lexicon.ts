import { cleanValueKeyword } from './parse-values';

/*
 * Lexical profiles of attributed values (METHODS §4.3) from user-supplied lexicons. Every profile is taken over
 * the UNIQUE cleaned terms of a group (for example one (context, value kind, model)) and reports how many
 * terms the lexicon covered, since a share over three matched terms means little.
 *
 * - VAD (NRC-VAD v2.1, scores in [−1, 1]): a term is looked up as a whole phrase, else word by word. The
 *   shares follow the reference analysis: a term counts as, say, positive when ANY of its matched entries
 *   passes the threshold (so one term can count as both positive and negative). The means use one score per
 *   term, the mean of its matched entries, so a two-word phrase is not weighted twice.
 * - Warmth / competence (Nicolas, Bai & Fiske): words carry a direction (+1 / −1) per facet. A term's facet
 *   sign is the common sign of its matched words, 0 when they disagree. Warmth combines sociability and
 *   morality, competence combines ability and agency (a lexicon may also give warmth and competence
 *   directly); again disagreeing signs give 0. A term is matched when any facet, status included, matched.
 * - Moral foundations from a dictionary (MFD 2.0 / the classic MFD): words or prefixes ("compassion*") map
 *   to categories such as "care.virtue" or "HarmVice", which are folded into foundations (care, fairness,
 *   loyalty, authority, purity, liberty). A term maps to the union of its words' foundations.
 */

export interface VadScores {
  valence: number;
  arousal: number;
  dominance: number;
}

/** Keys are cleaned terms (see `cleanValueKeyword`). */
export type VadLexicon = ReadonlyMap<string, VadScores>;

export interface VadThresholds {
  positiveValence: number;
  negativeValence: number;
  highArousal: number;
  lowArousal: number;
  highDominance: number;
  lowDominance: number;
}

/** METHODS §4.3: valence ±0.5, arousal and dominance ±0.75, on NRC-VAD v2.1's [−1, 1] scale. */
export const VAD_THRESHOLDS: VadThresholds = {
  positiveValence: 0.5,
  negativeValence: -0.5,
  highArousal: 0.75,
  lowArousal: -0.75,
  highDominance: 0.75,
  lowDominance: -0.75,
};

export interface Coverage {
  /** Unique non-empty terms. */
  terms: number;
  matched: number;
  /** matched / terms; null without terms. */
  coverage: number | null;
}

export interface VadProfile extends Coverage {
  /** Mean over matched terms; null when none matched. */
  means: VadScores | null;
  /** Shares of matched terms past each threshold; null when none matched. */
  shares: Record<keyof VadThresholds, number> | null;
}

function uniqueTerms(terms: Iterable<string>): string[] {
  const unique = new Set<string>();
  for (const term of terms) {
    const clean = cleanValueKeyword(term);
    if (clean !== '') unique.add(clean);
  }
  return [...unique];
}

function coverage(terms: number, matched: number): Coverage {
  return { terms, matched, coverage: terms === 0 ? null : matched / terms };
}

/** The phrase's own entry, else the entries of its words. */
function lookup<T>(term: string, lexicon: ReadonlyMap<string, T>): T[] {
  const whole = lexicon.get(term);
  if (whole !== undefined) return [whole];
  return term
    .split(' ')
    .map((word) => lexicon.get(word))
    .filter((entry): entry is T => entry !== undefined);
}

function average(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

export function vadProfile(
  terms: Iterable<string>,
  lexicon: VadLexicon,
  thresholds: VadThresholds = VAD_THRESHOLDS,
): VadProfile {
  const unique = uniqueTerms(terms);
  const perTerm: VadScores[][] = unique
    .map((term) => lookup(term, lexicon))
    .filter((hits) => hits.length > 0);
  const base = coverage(unique.length, perTerm.length);
  if (perTerm.length === 0) return { ...base, means: null, shares: null };
  const share = (test: (scores: VadScores) => boolean) =>
    perTerm.filter((hits) => hits.some(test)).length / perTerm.length;
  const termMeans = perTerm.map((hits) => ({
    valence: average(hits.map((hit) => hit.valence)),
    arousal: average(hits.map((hit) => hit.arousal)),
    dominance: average(hits.map((hit) => hit.dominance)),
  }));
  return {
    ...base,
    means: {
      valence: average(termMeans.map((m) => m.valence)),
      arousal: average(termMeans.map((m) => m.arousal)),
      dominance: average(termMeans.map((m) => m.dominance)),
    },
    shares: {
      positiveValence: share((s) => s.valence > thresholds.positiveValence),
      negativeValence: share((s) => s.valence < thresholds.negativeValence),
      highArousal: share((s) => s.arousal > thresholds.highArousal),
      lowArousal: share((s) => s.arousal < thresholds.lowArousal),
      highDominance: share((s) => s.dominance > thresholds.highDominance),
      lowDominance: share((s) => s.dominance < thresholds.lowDominance),
    },
  };
}

export const SCM_FACETS = [
  'sociability',
  'morality',
  'ability',
  'agency',
  'status',
  'warmth',
  'competence',
] as const;
export type ScmFacet = (typeof SCM_FACETS)[number];
export type Direction = 1 | -1;
export type Sign = 1 | -1 | 0;

/** Word → direction per facet; a facet is absent when the word is not in its dictionary. */
export type WarmthCompetenceLexicon = ReadonlyMap<string, Partial<Record<ScmFacet, Direction>>>;

export interface WarmthCompetenceProfile extends Coverage {
  /** Shares of matched terms; null when none matched. */
  shares: { highWarmth: number; lowWarmth: number; highCompetence: number; lowCompetence: number } | null;
}

/** The combined sign of several signs: null when none, 0 when they disagree. */
export function combineSigns(signs: readonly (Sign | null)[]): Sign | null {
  const present = signs.filter((sign): sign is Sign => sign !== null);
  if (present.length === 0) return null;
  const nonZero = new Set(present.filter((sign) => sign !== 0));
  return nonZero.size === 1 ? ([...nonZero][0] as Sign) : 0;
}

/** A term's sign on each facet, from its words. */
export function facetSigns(term: string, lexicon: WarmthCompetenceLexicon): Record<ScmFacet, Sign | null> {
  const words = cleanValueKeyword(term)
    .split(' ')
    .filter((word) => word !== '');
  const entries = words.map((word) => lexicon.get(word)).filter((entry) => entry !== undefined);
  const result = {} as Record<ScmFacet, Sign | null>;
  for (const facet of SCM_FACETS) {
    const signs = new Set(entries.map((entry) => entry[facet]).filter((sign) => sign !== undefined));
    result[facet] = signs.size === 0 ? null : signs.size === 1 ? ([...signs][0] as Sign) : 0;
  }
  return result;
}

export function warmthCompetenceProfile(
  terms: Iterable<string>,
  lexicon: WarmthCompetenceLexicon,
): WarmthCompetenceProfile {
  const unique = uniqueTerms(terms);
  let matched = 0;
  const counts = { highWarmth: 0, lowWarmth: 0, highCompetence: 0, lowCompetence: 0 };
  for (const term of unique) {
    const signs = facetSigns(term, lexicon);
    if (SCM_FACETS.every((facet) => signs[facet] === null)) continue;
    matched++;
    const warmth = combineSigns([signs.sociability, signs.morality, signs.warmth]);
    const competence = combineSigns([signs.ability, signs.agency, signs.competence]);
    if (warmth === 1) counts.highWarmth++;
    if (warmth === -1) counts.lowWarmth++;
    if (competence === 1) counts.highCompetence++;
    if (competence === -1) counts.lowCompetence++;
  }
  const base = coverage(unique.length, matched);
  if (matched === 0) return { ...base, shares: null };
  return {
    ...base,
    shares: {
      highWarmth: counts.highWarmth / matched,
      lowWarmth: counts.lowWarmth / matched,
      highCompetence: counts.highCompetence / matched,
      lowCompetence: counts.lowCompetence / matched,
    },
  };
}

/** A moral-foundations dictionary: category ids and names, whole words and prefixes ("compassion*"). */
export interface MoralDictionary {
  /** Category id ("1", "01") → name ("care.virtue", "HarmVirtue"). */
  categories: ReadonlyMap<string, string>;
  /** Whole word → category ids. */
  words: ReadonlyMap<string, readonly string[]>;
  /** Prefix (without the "*") → category ids. */
  prefixes: ReadonlyMap<string, readonly string[]>;
}

const FOUNDATION_ALIASES: Readonly<Record<string, string>> = {
  care: 'care',
  harm: 'care',
  fairness: 'fairness',
  fair: 'fairness',
  loyalty: 'loyalty',
  ingroup: 'loyalty',
  authority: 'authority',
  purity: 'purity',
  sanctity: 'purity',
  liberty: 'liberty',
  moralitygeneral: 'general',
  morality: 'general',
  general: 'general',
};

/**
 * The foundation a dictionary category belongs to: "care.virtue" and "HarmVice" → care, "IngroupVirtue" →
 * loyalty, "sanctity.vice" → purity, "MoralityGeneral" → general. Unknown names keep their lower-cased
 * name without the virtue/vice part, so a dictionary with other categories still works.
 */
export function foundationOfCategory(name: string): string {
  const base = name
    .toLowerCase()
    .replace(/[\s._-]*(?:virtue|vice|positive|negative|pos|neg)$/u, '')
    .replace(/[\s._-]+/gu, '');
  return FOUNDATION_ALIASES[base] ?? base;
}

function categoriesOfWord(word: string, dictionary: MoralDictionary): readonly string[] {
  const exact = dictionary.words.get(word);
  if (exact !== undefined) return exact;
  // The longest matching prefix wins, as in dictionary tools that stop at the most specific pattern.
  let best: { length: number; categories: readonly string[] } | null = null;
  for (const [prefix, categories] of dictionary.prefixes) {
    if (word.startsWith(prefix) && (best === null || prefix.length > best.length))
      best = { length: prefix.length, categories };
  }
  return best?.categories ?? [];
}

/** The foundations a term maps to: the whole phrase when listed, else the union over its words. */
export function foundationsOfTerm(term: string, dictionary: MoralDictionary): Set<string> {
  const clean = cleanValueKeyword(term);
  const whole = dictionary.words.get(clean);
  const ids =
    whole ?? clean.split(' ').flatMap((word) => (word === '' ? [] : categoriesOfWord(word, dictionary)));
  const foundations = new Set<string>();
  for (const id of ids) {
    const name = dictionary.categories.get(id);
    if (name !== undefined) foundations.add(foundationOfCategory(name));
  }
  return foundations;
}

export interface FoundationDistribution extends Coverage {
  /** Matched terms per foundation (a term in two foundations counts in both). */
  counts: Record<string, number>;
  /** counts / their sum. */
  shares: Record<string, number>;
}

export interface ContextFoundations extends FoundationDistribution {
  context: string;
  /**
   * Per foundation: `ratio` = share in this context ÷ share over all contexts (1 = as often as overall;
   * null when the foundation never occurs overall), and `difference` = the two shares subtracted (METHODS'
   * definition). Both are given because the ratio reads well for rare foundations and the difference for
   * common ones.
   */
  overRepresentation: Record<string, { ratio: number | null; difference: number }>;
}

function distribution(terms: readonly string[], dictionary: MoralDictionary): FoundationDistribution {
  const counts: Record<string, number> = {};
  let matched = 0;
  for (const term of terms) {
    const foundations = foundationsOfTerm(term, dictionary);
    if (foundations.size === 0) continue;
    matched++;
    for (const foundation of foundations) counts[foundation] = (counts[foundation] ?? 0) + 1;
  }
  return { ...coverage(terms.length, matched), counts, shares: sharesOf(counts) };
}

function sharesOf(counts: Readonly<Record<string, number>>): Record<string, number> {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return Object.fromEntries(
    Object.entries(counts).map(([key, count]) => [key, total === 0 ? 0 : count / total]),
  );
}

/**
 * Foundation distributions per context and overall. Each context's terms are made unique first; the overall
 * distribution pools the contexts' counts, so it is the count-weighted mix of the contexts.
 */
export function moralFoundationProfiles(
  termsByContext: ReadonlyMap<string, Iterable<string>>,
  dictionary: MoralDictionary,
): { overall: FoundationDistribution; contexts: ContextFoundations[] } {
  const perContext = [...termsByContext].map(([context, terms]) => ({
    context,
    ...distribution(uniqueTerms(terms), dictionary),
  }));
  const overallCounts: Record<string, number> = {};
  let terms = 0;
  let matched = 0;
  for (const entry of perContext) {
    terms += entry.terms;
    matched += entry.matched;
    for (const [foundation, count] of Object.entries(entry.counts))
      overallCounts[foundation] = (overallCounts[foundation] ?? 0) + count;
  }
  const overall: FoundationDistribution = {
    ...coverage(terms, matched),
    counts: overallCounts,
    shares: sharesOf(overallCounts),
  };
  const contexts = perContext.map((entry) => {
    const overRepresentation: Record<string, { ratio: number | null; difference: number }> = {};
    for (const [foundation, overallShare] of Object.entries(overall.shares)) {
      const share = entry.shares[foundation] ?? 0;
      overRepresentation[foundation] = {
        ratio: overallShare === 0 ? null : share / overallShare,
        difference: share - overallShare,
      };
    }
    return { ...entry, overRepresentation };
  });
  return { overall, contexts };
}
