import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';

// The browser entry of i18n-iso-countries ships no names; register English once for labels and tooltips.
countries.registerLocale(english);

// The English locale's first names are official forms ("Russian Federation"); charts read better with common ones.
const SHORT_NAMES: Record<string, string> = {
  BN: 'Brunei',
  CD: 'DR Congo',
  CG: 'Congo',
  CN: 'China',
  CZ: 'Czechia',
  IR: 'Iran',
  LA: 'Laos',
  MD: 'Moldova',
  MK: 'North Macedonia',
  PS: 'Palestine',
  RU: 'Russia',
  SY: 'Syria',
  TW: 'Taiwan',
  TZ: 'Tanzania',
  US: 'United States',
  VA: 'Vatican City',
};

export type CountryCodeFormat = 'alpha2' | 'alpha3';

/**
 * ISO 3166-1 numeric code as a zero-padded 3-digit string ("840"), from an alpha-2, alpha-3 or numeric code.
 * world-atlas ids and our data are both normalised to this form before they are joined.
 */
export function toNumericCode(code: string | number): string | undefined {
  const text = String(code).trim().toUpperCase();
  if (/^\d{1,3}$/.test(text)) {
    const padded = text.padStart(3, '0');
    return countries.numericToAlpha2(padded) === undefined ? undefined : padded;
  }
  if (text.length === 2) return countries.alpha2ToNumeric(text);
  if (text.length === 3) return countries.alpha3ToNumeric(text);
  return undefined;
}

/** The alpha-2 or alpha-3 code for a numeric code. */
export function fromNumericCode(numeric: string, format: CountryCodeFormat): string | undefined {
  return format === 'alpha2' ? countries.numericToAlpha2(numeric) : countries.numericToAlpha3(numeric);
}

/** English common name of a country given any code form; the code itself when unknown. */
export function countryName(code: string): string {
  const numeric = toNumericCode(code);
  const alpha2 = numeric === undefined ? undefined : countries.numericToAlpha2(numeric);
  if (alpha2 === undefined) return code;
  return SHORT_NAMES[alpha2] ?? countries.getName(alpha2, 'en') ?? code;
}
