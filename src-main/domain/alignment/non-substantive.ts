/**
 * Options that do not express a position on the question. Survey files rarely flag them, so they are
 * recognised by wording; the list is deliberately conservative and a caller may pass its own.
 */
export const DEFAULT_NON_SUBSTANTIVE_PATTERNS: readonly RegExp[] = [
  /\bdon'?t know\b/i,
  /\bdo not know\b/i,
  /\bnot sure\b/i,
  /\bno answer\b/i,
  /\brefused?\b/i,
  /\bdeclined? to answer\b/i,
  /\bprefer not to (say|answer)\b/i,
  /\bnot applicable\b/i,
  /^\s*(dk|na|n\/a|dk\/na|dk\/refused)\s*$/i,
];

/** Mask over options: true for substantive options, false for the ones matched by `patterns`. */
export function substantiveMask(
  optionTexts: readonly string[],
  patterns: readonly RegExp[] = DEFAULT_NON_SUBSTANTIVE_PATTERNS,
): boolean[] {
  return optionTexts.map((text) => !patterns.some((pattern) => pattern.test(text)));
}
