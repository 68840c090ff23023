import { DEFAULT_NON_SUBSTANTIVE_PATTERNS } from '../alignment/non-substantive';

export type ScaleType = 'ordinal' | 'categorical' | 'binary';

/**
 * Survey-file wordings of answers that take no position, on top of the general ones: the WVS/EVS
 * missing codes ("Missing; Not available", "Not asked", "Other missing; Multiple answers Mail (EVS)")
 * and Pew's "DK/Refused".
 */
const SURVEY_NON_SUBSTANTIVE_PATTERNS: readonly RegExp[] = [
  ...DEFAULT_NON_SUBSTANTIVE_PATTERNS,
  /\bmissing\b/i,
  /\bnot asked\b/i,
  /\bnot available\b/i,
  /\bmultiple answers\b/i,
  /^\s*dk\s*\/\s*refused\s*$/i,
];

/** True when an answer option records no position (Don't know, No answer, Missing, Not asked, …). */
export function isNonSubstantiveOption(label: string): boolean {
  return SURVEY_NON_SUBSTANTIVE_PATTERNS.some((pattern) => pattern.test(label));
}

/**
 * The scale of an item. Two substantive options make it binary whatever the codebook says (metrics
 * treat a two-point scale the same either way); otherwise the declared type wins, and without one the
 * item counts as `fallback`.
 */
export function inferScaleType(
  substantive: readonly boolean[],
  declared: 'ordinal' | 'non_ordinal' | 'categorical' | null | undefined,
  fallback: ScaleType,
): ScaleType {
  if (substantive.filter(Boolean).length === 2) return 'binary';
  if (declared === 'ordinal') return 'ordinal';
  if (declared === 'non_ordinal' || declared === 'categorical') return 'categorical';
  return fallback;
}
