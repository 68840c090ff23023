import countries from 'i18n-iso-countries';

import { countryCode } from '../countries';

/**
 * ISO 3166-1 alpha-2 code for a folder or manifest country: an alpha-2 or alpha-3 code, or a name in any
 * spelling the survey normaliser knows ("South Korea", "Great Britain", "Côte d'Ivoire"). Folder names often
 * use underscores for spaces, so those are tried too. Null when nothing matches.
 */
export function resolveCountry(raw: string): string | null {
  const name = raw.trim();
  if (name === '') return null;
  if (/^[A-Za-z]{3}$/.test(name)) {
    const alpha2 = countries.alpha3ToAlpha2(name.toUpperCase());
    if (alpha2 !== undefined) return alpha2;
  }
  return countryCode(name) ?? countryCode(name.replace(/[_]+/g, ' ').replace(/\s+/g, ' '));
}
