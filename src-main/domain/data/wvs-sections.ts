/**
 * The 14 thematic sections of the WVS wave 7 master questionnaire, by item number. They are the
 * default topic map: an item matched to a WVS Q-id gets its section as topic.
 */
export interface WvsSection {
  id: string;
  name: string;
  first: number;
  last: number;
}

export const WVS7_SECTIONS: readonly WvsSection[] = [
  { id: 'social_values', name: 'Social values, attitudes and stereotypes', first: 1, last: 45 },
  { id: 'happiness_wellbeing', name: 'Happiness and well-being', first: 46, last: 56 },
  {
    id: 'social_capital_trust',
    name: 'Social capital, trust and organisational membership',
    first: 57,
    last: 105,
  },
  { id: 'economic_values', name: 'Economic values', first: 106, last: 111 },
  { id: 'corruption', name: 'Corruption', first: 112, last: 120 },
  { id: 'migration', name: 'Migration', first: 121, last: 130 },
  { id: 'security', name: 'Security', first: 131, last: 151 },
  { id: 'postmaterialism', name: 'Postmaterialist index', first: 152, last: 157 },
  { id: 'science_technology', name: 'Science and technology', first: 158, last: 163 },
  { id: 'religious_values', name: 'Religious values', first: 164, last: 175 },
  { id: 'ethical_values', name: 'Ethical values and norms', first: 176, last: 198 },
  {
    id: 'political_interest_participation',
    name: 'Political interest and political participation',
    first: 199,
    last: 234,
  },
  { id: 'political_culture_regimes', name: 'Political culture and political regimes', first: 235, last: 259 },
  { id: 'demographics', name: 'Demography', first: 260, last: 290 },
];

/** `Q57` → 57, `Q82_EU` → 82, `Q94R` → 94; null for anything that is not a WVS-7 Q-id. */
export function wvsItemNumber(id: string): number | null {
  const match = /^Q(\d{1,3})(?![0-9])/.exec(id.trim());
  if (match === null) return null;
  const number = Number(match[1]);
  return number >= 1 && number <= 290 ? number : null;
}

/** The section an item (or its variant) belongs to, or null. */
export function wvsSectionOf(id: string): WvsSection | null {
  const number = wvsItemNumber(id);
  if (number === null) return null;
  return WVS7_SECTIONS.find((section) => number >= section.first && number <= section.last) ?? null;
}
