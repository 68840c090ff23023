/*
 * The three context dimensions of the Cultural Counterfactuals sets (METHODS §1.7) and their context labels.
 *
 * Labels reach us in many spellings: the dataset's own file names ("Mosque", "low income"), the options of a
 * classification prompt ("Muslim mosque", "Medium socioeconomic status"), and free-text model replies
 * ("It's a mosque.", "the USA"). Every one of them is reduced to a canonical context through the aliases
 * below, matched as whole words on a normalised text, so "India" never matches "Indian Ocean"-like noise
 * inside another word and "us" only counts as a word of its own.
 */

export const ATTRIBUTION_DIMENSIONS = ['religion', 'nationality', 'socioeconomic'] as const;
export type AttributionDimension = (typeof ATTRIBUTION_DIMENSIONS)[number];

export function isAttributionDimension(value: string): value is AttributionDimension {
  return (ATTRIBUTION_DIMENSIONS as readonly string[]).includes(value);
}

interface ContextSpec {
  /** Canonical label, as stored and shown. */
  context: string;
  /** Whole-word phrases (already normalised) that name this context. */
  aliases: readonly string[];
  /** Phrases that name it only as the whole label: "us" is a country alone, a pronoun in a sentence. */
  whole?: readonly string[];
}

/** Canonical contexts per dimension, in the order of the classification options. */
const CONTEXTS: Readonly<Record<AttributionDimension, readonly ContextSpec[]>> = {
  religion: [
    { context: 'Christian', aliases: ['christian', 'christianity', 'church', 'cathedral', 'chapel'] },
    { context: 'Muslim', aliases: ['muslim', 'islam', 'islamic', 'mosque'] },
    { context: 'Jewish', aliases: ['jewish', 'judaism', 'synagogue'] },
    { context: 'Shinto', aliases: ['shinto', 'shintoism', 'shrine'] },
    { context: 'Hindu', aliases: ['hindu', 'hinduism', 'mandir'] },
    { context: 'Buddhist', aliases: ['buddhist', 'buddhism', 'pagoda'] },
  ],
  nationality: [
    { context: 'France', aliases: ['france', 'french'] },
    { context: 'Germany', aliases: ['germany', 'german'] },
    { context: 'Morocco', aliases: ['morocco', 'moroccan'] },
    { context: 'South Africa', aliases: ['south africa', 'south african'] },
    { context: 'Brazil', aliases: ['brazil', 'brazilian'] },
    {
      context: 'United States',
      aliases: ['united states', 'united states of america', 'usa', 'u s a', 'america', 'american'],
      whole: ['us', 'u s', 'the us'],
    },
    { context: 'China', aliases: ['china', 'chinese'] },
    { context: 'India', aliases: ['india', 'indian'] },
  ],
  socioeconomic: [
    { context: 'Low', aliases: ['low', 'lower', 'low income', 'poor', 'poverty'] },
    { context: 'Middle', aliases: ['middle', 'medium', 'moderate', 'middle income', 'middle class'] },
    { context: 'High', aliases: ['high', 'upper', 'high income', 'wealthy', 'affluent', 'rich'] },
  ],
};

/** Canonical context labels of a dimension, in option order. */
export function contextsOf(dimension: AttributionDimension): readonly string[] {
  return CONTEXTS[dimension].map((spec) => spec.context);
}

/**
 * Lower case, accents removed, every run of characters other than letters and digits turned into one
 * space, so "U.S.A.", "Côte" and "low-income" compare as words.
 */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function containsPhrase(haystack: string, phrase: string): boolean {
  return ` ${haystack} `.includes(` ${phrase} `);
}

/** The canonical contexts of `dimension` named anywhere in `text` (as whole words), in option order. */
export function contextsNamedIn(text: string, dimension: AttributionDimension): string[] {
  const normal = normaliseLabel(text);
  if (normal === '') return [];
  return CONTEXTS[dimension]
    .filter(
      (spec) =>
        spec.aliases.some((alias) => containsPhrase(normal, alias)) || (spec.whole ?? []).includes(normal),
    )
    .map((spec) => spec.context);
}

/**
 * The one canonical context a label names, or null when it names none or several. Used for labels that
 * are meant to name exactly one context: file-name suffixes, metadata cells, expected answers.
 */
export function resolveContext(label: string, dimension: AttributionDimension): string | null {
  const found = contextsNamedIn(label, dimension);
  return found.length === 1 ? (found[0] as string) : null;
}

/** The dimension whose contexts all of `labels` resolve to, when exactly one dimension fits. */
export function inferDimension(labels: readonly string[]): AttributionDimension | null {
  if (labels.length === 0) return null;
  const fitting = ATTRIBUTION_DIMENSIONS.filter((dimension) =>
    labels.every((label) => resolveContext(label, dimension) !== null),
  );
  return fitting.length === 1 ? (fitting[0] as AttributionDimension) : null;
}
