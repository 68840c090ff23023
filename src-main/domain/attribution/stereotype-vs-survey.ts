import { cleanValueKeyword } from './parse-values';

/*
 * "Stereotype vs survey reality" (METHODS §6, idea 8): do the values a model attributes to a person in a
 * national context point the way that country's survey answers do?
 *
 * Inputs: the values attributed per country (refusals already removed), a user-made mapping from value words
 * to WVS items with a direction (+1: naming the value implies a HIGHER item mean, as the item is coded;
 * −1: a lower one), and the survey mean per country and item.
 *
 * Method, chosen to be simple and checkable by hand:
 *  1. Each item is standardised across the countries that have it: z(c, i) = (mean(c, i) − μ_i) / σ_i, with
 *     μ_i and σ_i (population SD) over those countries. Items with fewer than two countries or σ_i = 0 are
 *     left out, since "higher than elsewhere" means nothing there. Standardising is what makes a stereotype
 *     claim testable: calling a person "religious" is a claim that they are more religious than others,
 *     not that a raw mean passes a fixed point on one item's scale.
 *  2. Each UNIQUE mapped term attributed in country c gives one vote d · z(c, i) for its item i (so a term
 *     repeated across samples is not weighted up). A term mapped to several items votes once per item.
 *  3. The country's `agreement` is the mean of its votes: > 0 when the attributed values lean where the
 *     country really stands relative to the others, < 0 when they lean the other way. `signAgreement` is the
 *     share of non-zero votes with a positive sign, a scale-free companion in [0, 1].
 * Coverage (unique terms, mapped terms, votes) is reported so that a score resting on one vote is visible.
 */

export interface ValueItemMapping {
  /** A value word or phrase, matched after cleaning ("Religious faith" = "religious faith"). */
  term: string;
  /** The survey item, e.g. "Q164". */
  item: string;
  direction: 1 | -1;
}

export interface SurveyMeans {
  /** country → item → mean, on the item's own coding. */
  readonly [country: string]: Readonly<Record<string, number>>;
}

export interface CountryAgreement {
  country: string;
  uniqueTerms: number;
  mappedTerms: number;
  votes: number;
  /** Mean of d · z over the votes; null without votes. */
  agreement: number | null;
  /** Share of non-zero votes that are positive; null without any. */
  signAgreement: number | null;
  /** Per item: the votes it received and their mean. */
  items: Record<string, { votes: number; mean: number; z: number }>;
}

function itemStatistics(survey: SurveyMeans): Map<string, { mu: number; sigma: number }> {
  const byItem = new Map<string, number[]>();
  for (const items of Object.values(survey)) {
    for (const [item, value] of Object.entries(items)) {
      if (!Number.isFinite(value)) continue;
      byItem.set(item, [...(byItem.get(item) ?? []), value]);
    }
  }
  const stats = new Map<string, { mu: number; sigma: number }>();
  for (const [item, values] of byItem) {
    if (values.length < 2) continue;
    const mu = values.reduce((sum, value) => sum + value, 0) / values.length;
    const sigma = Math.sqrt(values.reduce((sum, value) => sum + (value - mu) ** 2, 0) / values.length);
    if (sigma > 0) stats.set(item, { mu, sigma });
  }
  return stats;
}

/** Agreement per country, for the countries that have attributed values; sorted by country. */
export function stereotypeSurveyAgreement(
  attributed: ReadonlyMap<string, Iterable<string>>,
  mapping: readonly ValueItemMapping[],
  survey: SurveyMeans,
): CountryAgreement[] {
  const stats = itemStatistics(survey);
  const byTerm = new Map<string, ValueItemMapping[]>();
  for (const entry of mapping) {
    const term = cleanValueKeyword(entry.term);
    byTerm.set(term, [...(byTerm.get(term) ?? []), entry]);
  }
  const rows: CountryAgreement[] = [];
  for (const [country, values] of attributed) {
    const unique = new Set([...values].map(cleanValueKeyword).filter((term) => term !== ''));
    const votes: number[] = [];
    const items: Record<string, { votes: number; mean: number; z: number }> = {};
    let mappedTerms = 0;
    for (const term of unique) {
      const entries = byTerm.get(term);
      if (entries === undefined) continue;
      mappedTerms++;
      for (const entry of entries) {
        const stat = stats.get(entry.item);
        const value = survey[country]?.[entry.item];
        if (stat === undefined || value === undefined || !Number.isFinite(value)) continue;
        const z = (value - stat.mu) / stat.sigma;
        const vote = entry.direction * z;
        votes.push(vote);
        const cell = (items[entry.item] ??= { votes: 0, mean: 0, z });
        cell.mean = (cell.mean * cell.votes + vote) / (cell.votes + 1);
        cell.votes++;
      }
    }
    const nonZero = votes.filter((vote) => vote !== 0);
    rows.push({
      country,
      uniqueTerms: unique.size,
      mappedTerms,
      votes: votes.length,
      agreement: votes.length === 0 ? null : votes.reduce((sum, vote) => sum + vote, 0) / votes.length,
      signAgreement: nonZero.length === 0 ? null : nonZero.filter((vote) => vote > 0).length / nonZero.length,
      items,
    });
  }
  return rows.sort((a, b) => a.country.localeCompare(b.country));
}
