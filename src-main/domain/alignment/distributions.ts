import { type Outcome, failure, success } from '../stats/outcome';

/**
 * Distributions over answer options, in option order. Inputs may be percentages or fractions; every
 * metric normalises first, so the two scales never have to agree.
 */
export type DistributionFailure = 'zero-mass' | 'invalid-value' | 'length-mismatch' | 'empty';

export type DistributionOutcome = Outcome<number[], DistributionFailure>;

/** Returns a failure when any entry is negative, NaN or infinite, otherwise null. */
export function findInvalidValue(values: readonly number[]): DistributionOutcome | null {
  const index = values.findIndex((v) => !Number.isFinite(v) || v < 0);
  if (index < 0) return null;
  return failure(
    'invalid-value',
    `Entry ${index} is ${values[index]}; probabilities must be finite and non-negative.`,
  );
}

export function totalMass(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

/** True when nothing can be normalised: no entries, or all entries zero. */
export function isZeroMass(values: readonly number[]): boolean {
  return totalMass(values) <= 0;
}

/** Scales to sum 1. Zero total mass is a flagged failure, never a row of NaN. */
export function normalise(values: readonly number[]): DistributionOutcome {
  if (values.length === 0) return failure('empty', 'The distribution has no options.');
  const invalid = findInvalidValue(values);
  if (invalid) return invalid;
  const mass = totalMass(values);
  if (mass <= 0)
    return failure('zero-mass', 'All options have zero probability, so it cannot be normalised.');
  return success(values.map((v) => v / mass));
}

/**
 * Keeps the entries whose mask is true (e.g. the substantive options, dropping "Don't know") and
 * normalises them. The result is shorter than the input: it has one entry per kept option, in order.
 */
export function renormaliseOver(values: readonly number[], keep: readonly boolean[]): DistributionOutcome {
  if (keep.length !== values.length) {
    return failure(
      'length-mismatch',
      `The mask has ${keep.length} entries but the distribution has ${values.length}.`,
    );
  }
  return normalise(selectByMask(values, keep));
}

/** Entries whose mask is true, in order (also used to cut scale values to the kept options). */
export function selectByMask<T>(values: readonly T[], keep: readonly boolean[]): T[] {
  return values.filter((_, i) => keep[i] === true);
}
