import { describe, expect, it } from 'vitest';
import {
  bareTokenText,
  buildOptionVariants,
  scoreOptions,
} from '../../../../src-main/domain/alignment/option-variants';

// A hand-made vocabulary mixing SentencePiece (▁, <0xNN>) and byte-level BPE (Ġ) conventions.
const VOCAB = [
  '<unk>', // 0
  '<s>', // 1
  '</s>', // 2
  '<0x41>', // 3  byte "A"
  '<0x42>', // 4  byte "B"
  '<0x61>', // 5  byte "a"
  '▁A', // 6
  'A', // 7
  '▁B', // 8
  'B', // 9
  '(', // 10
  '▁(', // 11
  '(A', // 12
  '▁a', // 13
  'a', // 14
  'C', // 15
  '▁the', // 16
  'AB', // 17
  'ĠD', // 18
  'Ġ(D', // 19
  ' E', // 20
  'D)', // 21
  '▁▁A', // 22
];

describe('bareTokenText', () => {
  it('strips space markers and one leading parenthesis', () => {
    expect(bareTokenText('▁(A')).toBe('A');
    expect(bareTokenText('Ġ(D')).toBe('D');
    expect(bareTokenText(' E ')).toBe('E');
    expect(bareTokenText('((A')).toBe('(A');
    expect(bareTokenText('D)')).toBe('D)');
  });
});

describe('buildOptionVariants', () => {
  it('finds every upper-case variant and the byte-fallback token', () => {
    const variants = buildOptionVariants(VOCAB);
    const byLetter = Object.fromEntries(variants.letters.map((l) => [l.letter, l]));
    expect(byLetter.A).toEqual({ letter: 'A', tokenIds: [3, 6, 7, 12, 22], byteFallbackIds: [3] });
    expect(byLetter.B).toEqual({ letter: 'B', tokenIds: [4, 8, 9], byteFallbackIds: [4] });
    expect(byLetter.C!.tokenIds).toEqual([15]);
    expect(byLetter.D!.tokenIds).toEqual([18, 19]);
    expect(byLetter.E!.tokenIds).toEqual([20]);
    expect(variants.missingLetters).toEqual(['F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N']);
    expect(variants.includeLowerCase).toBe(false);
  });

  it('adds lower-case variants only when asked', () => {
    const variants = buildOptionVariants(VOCAB, { letters: ['A', 'B'], includeLowerCase: true });
    expect(variants.letters[0]).toEqual({
      letter: 'A',
      tokenIds: [3, 5, 6, 7, 12, 13, 14, 22],
      byteFallbackIds: [3, 5],
    });
    expect(variants.missingLetters).toEqual([]);
  });
});

describe('scoreOptions', () => {
  const variants = buildOptionVariants(VOCAB);

  it('sums variants, reports coverage and renormalises over the first k letters', () => {
    const probs = new Map([
      [6, 0.3],
      [7, 0.2],
      [8, 0.1],
      [15, 0.05],
      [16, 0.3],
      [14, 0.05],
      [18, 0.1],
    ]);
    const scores = scoreOptions(probs, variants, 3);
    expect(scores.zeroMass).toBe(false);
    expect(scores.perLetterRaw).toEqual([0.5, 0.1, 0.05]);
    expect(scores.coverage).toBeCloseTo(0.65, 12);
    expect(scores.probabilities![0]).toBeCloseTo(0.5 / 0.65, 12);
    expect(scores.probabilities![1]).toBeCloseTo(0.1 / 0.65, 12);
    expect(scores.probabilities![2]).toBeCloseTo(0.05 / 0.65, 12);
  });

  it('accepts an array of {id, prob} and flags zero mass', () => {
    const scores = scoreOptions(
      [
        { id: 16, prob: 0.9 },
        { id: 1, prob: 0.1 },
      ],
      variants,
      2,
    );
    expect(scores).toEqual({ perLetterRaw: [0, 0], coverage: 0, zeroMass: true, probabilities: null });
  });

  it('rejects duplicate ids, negative probabilities and impossible option counts', () => {
    expect(() =>
      scoreOptions(
        [
          { id: 7, prob: 0.1 },
          { id: 7, prob: 0.1 },
        ],
        variants,
        2,
      ),
    ).toThrow(/twice/);
    expect(() => scoreOptions(new Map([[7, -0.1]]), variants, 2)).toThrow(/probability/);
    expect(() => scoreOptions(new Map(), variants, 15)).toThrow(/outside/);
  });
});
