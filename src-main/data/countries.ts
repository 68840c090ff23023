import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';

import { COUNTRY_SYNONYMS, normaliseCountryName, SUBNATIONAL } from '../domain/data/country-names';

countries.registerLocale(english);

/** Short, familiar names where the ISO name is formal ("Russia", not "Russian Federation"). */
const SHORT_NAMES: Record<string, string> = {
  RU: 'Russia',
  KR: 'South Korea',
  KP: 'North Korea',
  IR: 'Iran',
  VN: 'Vietnam',
  TW: 'Taiwan',
  GB: 'United Kingdom',
  US: 'United States',
  BO: 'Bolivia',
  VE: 'Venezuela',
  TZ: 'Tanzania',
  SY: 'Syria',
  LA: 'Laos',
  MD: 'Moldova',
  'GB-NIR': 'Northern Ireland',
  XK: 'Kosovo',
};

/** ISO 3166-1 alpha-2 code for a survey's country name, or null when it cannot be resolved. */
export function countryCode(name: string): string | null {
  const key = normaliseCountryName(name);
  const sub = SUBNATIONAL[key];
  if (sub !== undefined) return sub;
  const synonym = COUNTRY_SYNONYMS[key];
  if (synonym !== undefined) return synonym;
  if (/^[a-z]{2}$/.test(key) && countries.isValid(key.toUpperCase())) return key.toUpperCase();
  return countries.getAlpha2Code(name.trim(), 'en') ?? countries.getAlpha2Code(key, 'en') ?? null;
}

export function countryDisplayName(code: string): string {
  return SHORT_NAMES[code] ?? countries.getName(code, 'en', { select: 'official' }) ?? code;
}

export function allCountryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes());
}
