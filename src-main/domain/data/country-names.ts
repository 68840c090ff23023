/**
 * Survey spellings of countries and territories → ISO 3166. Written for this project from the spellings
 * that the WVS/EVS codebooks, GlobalOpinionQA (Pew and WVS rows), the World Bank and the Open Numbers
 * geo ids use. Names not listed here fall back to the ISO names lookup in `data/countries.ts`.
 */

/** Keys are `normaliseCountryName` forms; values are ISO 3166-1 alpha-2 codes. */
export const COUNTRY_SYNONYMS: Readonly<Record<string, string>> = {
  'great britain': 'GB',
  britain: 'GB',
  'united kingdom': 'GB',
  uk: 'GB',
  'taiwan roc': 'TW',
  taiwan: 'TW',
  'chinese taipei': 'TW',
  'hong kong sar': 'HK',
  'hong kong sar china': 'HK',
  'hong kong': 'HK',
  'macau sar': 'MO',
  'macao sar': 'MO',
  'macao sar china': 'MO',
  macau: 'MO',
  macao: 'MO',
  'south korea': 'KR',
  's korea': 'KR',
  korea: 'KR',
  'korea rep': 'KR',
  'korea republic of': 'KR',
  'republic of korea': 'KR',
  'north korea': 'KP',
  'korea dem peoples rep': 'KP',
  russia: 'RU',
  'russian federation': 'RU',
  iran: 'IR',
  'iran islamic rep': 'IR',
  vietnam: 'VN',
  'viet nam': 'VN',
  czechia: 'CZ',
  'czech republic': 'CZ',
  'czech rep': 'CZ',
  slovakia: 'SK',
  'slovak republic': 'SK',
  bolivia: 'BO',
  venezuela: 'VE',
  'venezuela rb': 'VE',
  tanzania: 'TZ',
  palestine: 'PS',
  'palest ter': 'PS',
  'palestinian territories': 'PS',
  'palestinian territory': 'PS',
  'west bank and gaza': 'PS',
  kosovo: 'XK',
  'bosnia herzegovina': 'BA',
  'bosnia and herzegovina': 'BA',
  bosnia: 'BA',
  'north macedonia': 'MK',
  macedonia: 'MK',
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  us: 'US',
  moldova: 'MD',
  'moldova rep of': 'MD',
  'montenegro rep of': 'ME',
  syria: 'SY',
  'syrian arab republic': 'SY',
  laos: 'LA',
  'lao pdr': 'LA',
  'ivory coast': 'CI',
  'cote divoire': 'CI',
  turkey: 'TR',
  turkiye: 'TR',
  'puerto rico': 'PR',
  'kyrgyz republic': 'KG',
  kyrgyzstan: 'KG',
  netherlands: 'NL',
  's africa': 'ZA',
  brunei: 'BN',
  burma: 'MM',
  swaziland: 'SZ',
  micronesia: 'FM',
  curacao: 'CW',
  'egypt arab rep': 'EG',
  'gambia the': 'GM',
  'bahamas the': 'BS',
  'yemen rep': 'YE',
  'congo dem rep': 'CD',
  'congo rep': 'CG',
  'east timor': 'TL',
};

/**
 * Survey units that are part of a country. They keep their own distributions (the WVS fields Northern
 * Ireland apart from Great Britain) under an ISO 3166-2 code, and point to the country they belong to.
 */
export const SUBNATIONAL_UNITS: Readonly<Record<string, { country: string; subdivision: string }>> = {
  'northern ireland': { country: 'GB', subdivision: 'GB-NIR' },
};

/** English names of the sub-national units, by their ISO 3166-2 code. */
export const SUBNATIONAL_NAMES: Readonly<Record<string, string>> = { 'GB-NIR': 'Northern Ireland' };

/** Pew marks samples that do not stand for the whole country; they are kept apart from national ones. */
export type SampleQualifier = 'non-national' | 'old-national';

const QUALIFIERS: readonly [RegExp, SampleQualifier | null][] = [
  [/\(\s*non-national sample\s*\)\s*$/i, 'non-national'],
  [/\(\s*old national sample\s*\)\s*$/i, 'old-national'],
  // The current national sample is the country's sample; the note only tells it apart from the old one.
  [/\(\s*current national sample\s*\)\s*$/i, null],
];

/** Splits a trailing Pew sample note off a country name: "India (Old national sample)". */
export function splitSampleQualifier(name: string): { name: string; sample: SampleQualifier | null } {
  for (const [pattern, sample] of QUALIFIERS) {
    if (pattern.test(name)) return { name: name.replace(pattern, '').trim(), sample };
  }
  return { name: name.trim(), sample: null };
}

/**
 * One comparable form of a country name: no accents, apostrophes or punctuation, lower case, '&' as
 * 'and', underscores (Open Numbers geo ids such as `taiwan_roc`) as spaces, and no leading 'the'.
 */
export function normaliseCountryName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`´]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

export interface KnownCountryName {
  /** ISO 3166-1 alpha-2 code of the country. */
  country: string;
  /** ISO 3166-2 code when the name is a part of the country (Northern Ireland → GB-NIR). */
  subdivision: string | null;
}

/** Looks a (normalised) name up in the project's tables only; the ISO names lookup is the caller's fallback. */
export function lookupCountrySynonym(normalised: string): KnownCountryName | null {
  const unit = SUBNATIONAL_UNITS[normalised];
  if (unit !== undefined) return { country: unit.country, subdivision: unit.subdivision };
  const code = COUNTRY_SYNONYMS[normalised];
  return code === undefined ? null : { country: code, subdivision: null };
}
