/**
 * Survey spellings of countries and territories (WVS codebook, GlobalOpinionQA, Pew) → ISO 3166-1
 * alpha-2. Written for this project; names not listed fall back to the ISO names lookup.
 */
export const COUNTRY_SYNONYMS: Readonly<Record<string, string>> = {
  'great britain': 'GB',
  britain: 'GB',
  'united kingdom': 'GB',
  uk: 'GB',
  'northern ireland': 'GB',
  'taiwan roc': 'TW',
  taiwan: 'TW',
  'hong kong sar': 'HK',
  'hong kong': 'HK',
  'macau sar': 'MO',
  'macao sar': 'MO',
  macau: 'MO',
  macao: 'MO',
  'south korea': 'KR',
  korea: 'KR',
  'republic of korea': 'KR',
  'north korea': 'KP',
  russia: 'RU',
  'russian federation': 'RU',
  iran: 'IR',
  vietnam: 'VN',
  'viet nam': 'VN',
  czechia: 'CZ',
  'czech republic': 'CZ',
  slovakia: 'SK',
  bolivia: 'BO',
  venezuela: 'VE',
  tanzania: 'TZ',
  palestine: 'PS',
  'palestinian territories': 'PS',
  kosovo: 'XK',
  'bosnia herzegovina': 'BA',
  'bosnia and herzegovina': 'BA',
  'north macedonia': 'MK',
  macedonia: 'MK',
  'united states': 'US',
  'united states of america': 'US',
  usa: 'US',
  us: 'US',
  moldova: 'MD',
  syria: 'SY',
  laos: 'LA',
  'ivory coast': 'CI',
  "cote d'ivoire": 'CI',
  turkey: 'TR',
  turkiye: 'TR',
  'puerto rico': 'PR',
  'kyrgyz republic': 'KG',
  kyrgyzstan: 'KG',
  'the netherlands': 'NL',
  netherlands: 'NL',
};

/** Sub-national survey units, kept apart in the data but mapped to their country's code. */
export const SUBNATIONAL: Readonly<Record<string, string>> = { 'northern ireland': 'GB-NIR' };

export function normaliseCountryName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
