import { basename } from './file-name';

/** The World Bank's four income groups; economies it does not classify get `UNCLASSIFIED`. */
export const WB_INCOME_GROUPS = [
  'Low income',
  'Lower middle income',
  'Upper middle income',
  'High income',
] as const;

export const UNCLASSIFIED = 'Unclassified';

/** The group as the World Bank spells it ("upper-middle income" → "Upper middle income"), or null. */
export function normaliseIncomeGroup(label: string): string | null {
  const key = label.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim();
  if (key === '' || key === 'unclassified' || key === 'not classified') return UNCLASSIFIED;
  return WB_INCOME_GROUPS.find((group) => group.toLowerCase() === key) ?? null;
}

/**
 * The fiscal year of a classification named in a file name or sheet text ("CLASS_FY2025.xlsx",
 * "FY25", "fiscal year 2025"), as `FY2025`; null when none is named.
 */
export function classificationYear(text: string): string | null {
  const name = basename(text);
  const match = /\bFY\s?(\d{4}|\d{2})\b|fiscal year (\d{4})/i.exec(name.replace(/_/g, ' '));
  const digits = match?.[1] ?? match?.[2];
  if (digits === undefined) return null;
  return `FY${digits.length === 2 ? `20${digits}` : digits}`;
}
