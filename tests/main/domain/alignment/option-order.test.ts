import { describe, expect, it } from 'vitest';
import {
  applyPermutation,
  invertPermutation,
  optionOrderPolicySchema,
  optionPermutation,
  toOriginalOrder,
} from '../../../../src-main/domain/alignment/option-order';

describe('option order', () => {
  it('builds identity, reversed and seeded shuffled permutations', () => {
    expect(optionPermutation(4, { kind: 'identity' })).toEqual([0, 1, 2, 3]);
    expect(optionPermutation(4, { kind: 'reversed' })).toEqual([3, 2, 1, 0]);
    const shuffled = optionPermutation(10, { kind: 'shuffled', seed: 12 });
    expect(optionPermutation(10, { kind: 'shuffled', seed: 12 })).toEqual(shuffled);
    expect([...shuffled].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shuffled).not.toEqual(optionPermutation(10, { kind: 'identity' }));
  });

  it('maps presented values back to the original order (round trip)', () => {
    const options = ['agree', 'neutral', 'disagree', "don't know", 'no answer'];
    for (const seed of [1, 2, 3, 4, 5]) {
      const permutation = optionPermutation(options.length, { kind: 'shuffled', seed });
      const presented = applyPermutation(options, permutation);
      expect(toOriginalOrder(presented, permutation)).toEqual(options);
      const inverse = invertPermutation(permutation);
      options.forEach((option, original) => expect(presented[inverse[original]!]).toBe(option));
    }
  });

  it('puts probabilities read per letter back under their options', () => {
    // Reversed: letter A shows option 2. The model's 0.7 on A belongs to option 2.
    expect(toOriginalOrder([0.7, 0.2, 0.1], [2, 1, 0])).toEqual([0.1, 0.2, 0.7]);
    expect(invertPermutation([2, 0, 1])).toEqual([1, 2, 0]);
  });

  it('rejects a non-permutation and validates policies', () => {
    expect(() => invertPermutation([0, 0, 1])).toThrow(/Not a permutation/);
    expect(optionOrderPolicySchema.safeParse({ kind: 'shuffled' }).success).toBe(false);
    expect(optionOrderPolicySchema.parse({ kind: 'shuffled', seed: 3 })).toEqual({
      kind: 'shuffled',
      seed: 3,
    });
  });
});
