import { optionLetters } from './option-letters';

export interface PositionBiasEntry {
  letter: string;
  /** Mean probability the model gave the option at this letter position, over items that have it. */
  meanProbability: number;
  /** What a model without position preference would give: the mean of 1/k over the same items. */
  uniformExpectation: number;
  /** Items with at least this many options. */
  nItems: number;
}

/**
 * Position-bias summary: the mean probability per letter position across items, in presentation
 * (letter) order, not original option order. A model that ignores content gives ≈ uniformExpectation
 * everywhere; a strong "A" preference shows as a large first entry. Each item's probabilities should
 * already be renormalised over its options.
 */
export function positionBias(items: readonly (readonly number[])[]): PositionBiasEntry[] {
  const longest = items.reduce((max, item) => Math.max(max, item.length), 0);
  return optionLetters(longest).map((letter, position) => {
    const having = items.filter((item) => item.length > position);
    const n = having.length;
    return {
      letter,
      meanProbability: having.reduce((total, item) => total + (item[position] as number), 0) / n,
      uniformExpectation: having.reduce((total, item) => total + 1 / item.length, 0) / n,
      nItems: n,
    };
  });
}
