/** Option letters A … N: the study's items have at most 14 options. */
export const OPTION_LETTERS: readonly string[] = 'ABCDEFGHIJKLMN'.split('');

export const MAX_OPTIONS = OPTION_LETTERS.length;

/** The first `count` option letters; throws nothing, so callers check `count <= MAX_OPTIONS` first. */
export function optionLetters(count: number): string[] {
  return OPTION_LETTERS.slice(0, Math.max(0, count));
}
