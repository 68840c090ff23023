import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';

import {
  lookupCountrySynonym,
  normaliseCountryName,
  splitSampleQualifier,
  SUBNATIONAL_NAMES,
  SUBNATIONAL_UNITS,
  type SampleQualifier,
} from '../domain/data/country-names';

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
  XK: 'Kosovo',
  PS: 'Palestine',
  ...SUBNATIONAL_NAMES,
};

/** Every English ISO name and alias, normalised, so "Cote d'Ivoire" and "Côte d’Ivoire" both resolve. */
const ISO_NAME_INDEX: ReadonlyMap<string, string> = (() => {
  const index = new Map<string, string>();
  for (const [code, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
    for (const name of names) index.set(normaliseCountryName(name), code);
  }
  return index;
})();

export interface ResolvedCountry {
  /** The key distributions are stored under: the alpha-2 code, or the ISO 3166-2 code of a sub-national unit. */
  code: string;
  /** ISO 3166-1 alpha-2 code of the country (the parent of a sub-national unit). */
  country: string;
  subnational: boolean;
  /** A Pew sample that does not stand for the whole country; null for a national sample. */
  sample: SampleQualifier | null;
}

/**
 * Resolves a survey's country name (or alpha-2/alpha-3 code) to ISO codes: the project's synonym table
 * first, then the ISO English names and aliases. Null when nothing matches.
 */
export function resolveCountryName(raw: string): ResolvedCountry | null {
  const { name, sample } = splitSampleQualifier(raw);
  const key = normaliseCountryName(name);
  if (key === '') return null;
  const known = lookupCountrySynonym(key);
  if (known !== null) {
    return {
      code: known.subdivision ?? known.country,
      country: known.country,
      subnational: known.subdivision !== null,
      sample,
    };
  }
  const upper = name.trim().toUpperCase();
  const byCode =
    (/^[A-Z]{2}$/.test(upper) && countries.isValid(upper) ? upper : undefined) ??
    (/^[A-Z]{3}$/.test(upper) ? countries.alpha3ToAlpha2(upper) : undefined);
  const code = byCode ?? ISO_NAME_INDEX.get(key);
  return code === undefined ? null : { code, country: code, subnational: false, sample };
}

/** Storage key for a survey name, or null; sample qualifiers are dropped (callers that care use resolveCountryName). */
export function countryCode(name: string): string | null {
  return resolveCountryName(name)?.code ?? null;
}

/** The WVS codes its data files use where ISO has none. */
const WVS_NUMERIC_CODES: Readonly<Record<string, string>> = { '909': 'GB-NIR' };
const WVS_ALPHA3_CODES: Readonly<Record<string, string>> = { NIR: 'GB-NIR', XKX: 'XK', KSV: 'XK' };

/** Storage key for an ISO 3166-1 numeric code as the WVS writes it (`B_COUNTRY`), or null. */
export function countryFromNumeric(value: string): string | null {
  const digits = value.trim().replace(/^0+(?=\d)/, '');
  if (!/^\d{1,3}$/.test(digits)) return null;
  return WVS_NUMERIC_CODES[digits] ?? countries.numericToAlpha2(digits.padStart(3, '0')) ?? null;
}

/** Storage key for an alpha-3 code (`B_COUNTRY_ALPHA`, the World Bank's `Code`), or null. */
export function countryFromAlpha3(value: string): string | null {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return null;
  return WVS_ALPHA3_CODES[code] ?? countries.alpha3ToAlpha2(code) ?? null;
}

export function countryDisplayName(code: string): string {
  return SHORT_NAMES[code] ?? countries.getName(code, 'en', { select: 'official' }) ?? code;
}

export interface IsoCountry {
  code: string;
  alpha3: string | null;
  numeric: string | null;
  name: string;
  /** The country a sub-national unit belongs to; null for countries. */
  parent: string | null;
}

/** ISO 3166-1 countries plus the sub-national survey units, sorted by code. */
export function listIsoCountries(): IsoCountry[] {
  const list: IsoCountry[] = Object.keys(countries.getAlpha2Codes()).map((code) => ({
    code,
    alpha3: countries.alpha2ToAlpha3(code) ?? null,
    numeric: countries.alpha2ToNumeric(code) ?? null,
    name: countryDisplayName(code),
    parent: null,
  }));
  for (const unit of Object.values(SUBNATIONAL_UNITS)) {
    list.push({
      code: unit.subdivision,
      alpha3: null,
      numeric: null,
      name: countryDisplayName(unit.subdivision),
      parent: unit.country,
    });
  }
  return list.sort((a, b) => a.code.localeCompare(b.code));
}

export function allCountryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes());
}
