import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone numbers to E.164 (+<country code><national number>) for the region's countries, using
 * libphonenumber-js (a port of Google's libphonenumber; https://gitlab.com/catamphetamine/libphonenumber-js).
 *
 * Convention: a number written with '+' or '00' is parsed as international. Otherwise the default
 * country is tried first, then each country of `countries` in order (Cambodia, Laos, Myanmar,
 * Thailand, Vietnam, China by default); the first under which the number is valid wins. A number valid
 * nowhere keeps its digits with leading zeros dropped (`valid: false`), so two writings of one
 * unparseable number still compare equal. Complexity: O(length × countries).
 */
export interface PhoneNormaliseOptions {
  defaultCountry?: CountryCode;
  countries?: readonly CountryCode[];
}

export interface NormalisedPhone {
  /** E.164 when valid, otherwise the digits with leading zeros removed. */
  value: string;
  valid: boolean;
  country: CountryCode | null;
  /** National significant number (no trunk prefix), for comparing the last digits. */
  national: string;
}

const DEFAULTS = { countries: ['KH', 'LA', 'MM', 'TH', 'VN', 'CN'] as readonly CountryCode[] };

/** Normalises one phone number, or returns null when it has fewer than 6 digits. */
export function normalisePhone(text: string, options: PhoneNormaliseOptions = {}): NormalisedPhone | null {
  const compact = text.normalize('NFKC').replace(/[^\d+]/g, '');
  const digits = compact.replace(/\D/g, '');
  if (digits.length < 6) return null;
  const international = compact.startsWith('+') || compact.startsWith('00');
  if (international) {
    const parsed = parsePhoneNumberFromString(`+${compact.replace(/^\+|^00/, '')}`);
    if (parsed?.isValid())
      return {
        value: parsed.number,
        valid: true,
        country: parsed.country ?? null,
        national: parsed.nationalNumber,
      };
  } else {
    const countries = options.defaultCountry
      ? [options.defaultCountry, ...(options.countries ?? DEFAULTS.countries)]
      : (options.countries ?? DEFAULTS.countries);
    for (const country of countries) {
      const parsed = parsePhoneNumberFromString(digits, country);
      if (parsed?.isValid())
        return {
          value: parsed.number,
          valid: true,
          country: parsed.country ?? country,
          national: parsed.nationalNumber,
        };
    }
  }
  const stripped = digits.replace(/^0+/, '');
  return { value: stripped, valid: false, country: null, national: stripped };
}
