import { AppError } from '../errors';
import { OPTION_LETTERS } from './option-letters';

/*
 * After the lead-in "… (" a model can emit the option letter as several different tokens: "A", "▁A"
 * (SentencePiece word start), "ĠA" or " A" (byte-level BPE), "(A", a lower-case "a", or the byte-fallback
 * token "<0x41>". Scoring sums all of them; reading only one variant (e.g. what `encode("A")` returns)
 * silently loses most of the mass on Llama-style vocabularies.
 */

export interface OptionVariantOptions {
  /** Letters to look for; A … N by default. */
  letters?: readonly string[];
  /** Also count the lower-case letter (recorded in the run manifest). Off by default. */
  includeLowerCase?: boolean;
}

export interface LetterVariants {
  letter: string;
  /** Every token id that decodes to this letter, ascending. */
  tokenIds: number[];
  /** The byte-fallback token(s) among `tokenIds`, if the vocabulary has them. */
  byteFallbackIds: number[];
}

export interface OptionVariants {
  letters: LetterVariants[];
  includeLowerCase: boolean;
  /** Letters with no token at all: the model can never choose them. */
  missingLetters: string[];
}

// Word-start and space markers of SentencePiece (▁) and byte-level BPE (Ġ space, Ċ newline, ĉ tab).
const MARKERS = /^[\s\u2581\u0120\u010a\u0109]+|[\s\u2581\u0120\u010a\u0109]+$/gu;
const BYTE_TOKEN = /^<0x([0-9A-Fa-f]{2})>$/;

/** The token's text with surrounding whitespace and space markers removed, then one leading "(". */
export function bareTokenText(token: string): string {
  const stripped = token.replace(MARKERS, '');
  return stripped.startsWith('(') ? stripped.slice(1).replace(MARKERS, '') : stripped;
}

/** Builds the variant sets once per model from its vocabulary (token text by id). */
export function buildOptionVariants(
  vocabulary: readonly string[],
  options: OptionVariantOptions = {},
): OptionVariants {
  const letters = options.letters ?? OPTION_LETTERS;
  const includeLowerCase = options.includeLowerCase ?? false;
  const letterOf = new Map<string, number>();
  letters.forEach((letter, index) => {
    if (letter.length !== 1 || letter.toUpperCase() !== letter || letter.toLowerCase() === letter) {
      throw new AppError(
        'invalid_input',
        `Option letters must be single upper-case letters, got "${letter}".`,
      );
    }
    letterOf.set(letter, index);
    if (includeLowerCase) letterOf.set(letter.toLowerCase(), index);
  });

  const result: LetterVariants[] = letters.map((letter) => ({ letter, tokenIds: [], byteFallbackIds: [] }));
  vocabulary.forEach((token, id) => {
    const byte = BYTE_TOKEN.exec(token);
    const text = byte ? String.fromCharCode(parseInt(byte[1] as string, 16)) : bareTokenText(token);
    const index = letterOf.get(text);
    if (index === undefined) return;
    const entry = result[index] as LetterVariants;
    entry.tokenIds.push(id);
    if (byte) entry.byteFallbackIds.push(id);
  });

  return {
    letters: result,
    includeLowerCase,
    missingLetters: result.filter((entry) => entry.tokenIds.length === 0).map((entry) => entry.letter),
  };
}

export type TokenProbabilities = ReadonlyMap<number, number> | readonly { id: number; prob: number }[];

interface ScoreBase {
  /** Summed probability per letter before renormalising, in option order. */
  perLetterRaw: number[];
  /** Σ perLetterRaw: how much of the next-token mass fell on option letters. */
  coverage: number;
}

export type OptionScores =
  | (ScoreBase & {
      zeroMass: false;
      /** Renormalised over the options, in option order. */ probabilities: number[];
    })
  | (ScoreBase & { zeroMass: true; probabilities: null });

function toMap(probabilities: TokenProbabilities): ReadonlyMap<number, number> {
  if ('get' in probabilities) return probabilities;
  const map = new Map<number, number>();
  for (const { id, prob } of probabilities) {
    if (map.has(id)) throw new AppError('invalid_input', `Token ${id} appears twice in the probabilities.`);
    map.set(id, prob);
  }
  return map;
}

/**
 * Option probabilities from the next-token distribution: sums each letter's variants, reports the
 * coverage, and renormalises over the first `optionCount` letters (all variant letters by default).
 * With no mass on any option letter the result is flagged `zeroMass` and has no probabilities.
 */
export function scoreOptions(
  tokenProbabilities: TokenProbabilities,
  variants: OptionVariants,
  optionCount: number = variants.letters.length,
): OptionScores {
  if (!Number.isSafeInteger(optionCount) || optionCount < 1 || optionCount > variants.letters.length) {
    throw new AppError(
      'invalid_input',
      `Option count ${optionCount} is outside 1…${variants.letters.length}.`,
    );
  }
  const probabilities = toMap(tokenProbabilities);
  const perLetterRaw = variants.letters.slice(0, optionCount).map(({ tokenIds }) =>
    tokenIds.reduce((total, id) => {
      const p = probabilities.get(id) ?? 0;
      if (!Number.isFinite(p) || p < 0)
        throw new AppError('invalid_input', `Token ${id} has probability ${p}.`);
      return total + p;
    }, 0),
  );
  const coverage = perLetterRaw.reduce((total, p) => total + p, 0);
  if (coverage <= 0) return { perLetterRaw, coverage, zeroMass: true, probabilities: null };
  return { perLetterRaw, coverage, zeroMass: false, probabilities: perLetterRaw.map((p) => p / coverage) };
}
