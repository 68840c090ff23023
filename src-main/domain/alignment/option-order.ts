import { z } from 'zod';
import { AppError } from '../errors';
import { createRandom, shuffleInPlace } from '../stats/prng';

/**
 * How options are lettered. Small models favour some letter positions, so the robustness pass
 * re-asks with the options reversed or shuffled and maps the answers back to the original order.
 */
export const optionOrderPolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('identity') }).strict(),
  z.object({ kind: z.literal('reversed') }).strict(),
  z.object({ kind: z.literal('shuffled'), seed: z.number().int() }).strict(),
]);

export type OptionOrderPolicy = z.infer<typeof optionOrderPolicySchema>;

/**
 * The permutation for `count` options: `permutation[position] = original index`, i.e. the option
 * shown under letter `position` is original option `permutation[position]`.
 *
 * `shuffled` is a seeded Fisher–Yates (mulberry32), so the same seed always gives the same order;
 * derive a seed per item if items should not all share one order.
 */
export function optionPermutation(count: number, policy: OptionOrderPolicy): number[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new AppError('invalid_input', `The option count must be a whole number ≥ 0, got ${count}.`);
  }
  const identity = Array.from({ length: count }, (_, i) => i);
  switch (policy.kind) {
    case 'identity':
      return identity;
    case 'reversed':
      return identity.reverse();
    case 'shuffled':
      return shuffleInPlace(identity, createRandom(policy.seed));
  }
}

function checkPermutation(permutation: readonly number[]): void {
  const seen = new Set<number>();
  for (const index of permutation) {
    if (!Number.isInteger(index) || index < 0 || index >= permutation.length || seen.has(index)) {
      throw new AppError(
        'invalid_input',
        `Not a permutation of 0…${permutation.length - 1}: [${permutation.join(', ')}].`,
      );
    }
    seen.add(index);
  }
}

/** `inverse[original index] = position` where that option is shown. */
export function invertPermutation(permutation: readonly number[]): number[] {
  checkPermutation(permutation);
  const inverse = new Array<number>(permutation.length);
  permutation.forEach((original, position) => {
    inverse[original] = position;
  });
  return inverse;
}

/** The items in presentation order: `presented[position] = items[permutation[position]]`. */
export function applyPermutation<T>(items: readonly T[], permutation: readonly number[]): T[] {
  checkPermutation(permutation);
  if (items.length !== permutation.length) {
    throw new AppError('invalid_input', `${items.length} items for a permutation of ${permutation.length}.`);
  }
  return permutation.map((original) => items[original] as T);
}

/**
 * Values read per letter position (e.g. option probabilities) put back in the original option order,
 * so they can be compared with the human distribution.
 */
export function toOriginalOrder<T>(presented: readonly T[], permutation: readonly number[]): T[] {
  return applyPermutation(presented, invertPermutation(permutation));
}
