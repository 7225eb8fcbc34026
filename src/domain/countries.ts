import { getCountries } from 'libphonenumber-js';

/** ISO 3166-1 alpha-2 codes (from libphonenumber's metadata, which covers every assigned code in use). */
const ALPHA2 = new Set<string>(getCountries());

/** Alpha-3 codes and English names of the countries that SIREN's records name most. */
const ALIASES: Readonly<Record<string, string>> = {
  KHM: 'KH',
  CAMBODIA: 'KH',
  KAMPUCHEA: 'KH',
  LAO: 'LA',
  LAOS: 'LA',
  'LAO PDR': 'LA',
  "LAO PEOPLE'S DEMOCRATIC REPUBLIC": 'LA',
  MMR: 'MM',
  MYANMAR: 'MM',
  BURMA: 'MM',
  THA: 'TH',
  THAILAND: 'TH',
  VNM: 'VN',
  VIETNAM: 'VN',
  'VIET NAM': 'VN',
  CHN: 'CN',
  CHINA: 'CN',
  MYS: 'MY',
  MALAYSIA: 'MY',
  IDN: 'ID',
  INDONESIA: 'ID',
  SGP: 'SG',
  SINGAPORE: 'SG',
  PHL: 'PH',
  PHILIPPINES: 'PH',
  KOR: 'KR',
  'SOUTH KOREA': 'KR',
  KOREA: 'KR',
  JPN: 'JP',
  JAPAN: 'JP',
  TWN: 'TW',
  TAIWAN: 'TW',
  BGD: 'BD',
  BANGLADESH: 'BD',
  IND: 'IN',
  INDIA: 'IN',
  USA: 'US',
  'UNITED STATES': 'US',
  GBR: 'GB',
  'UNITED KINGDOM': 'GB',
  ARE: 'AE',
  'UNITED ARAB EMIRATES': 'AE',
  SAU: 'SA',
  'SAUDI ARABIA': 'SA',
};

/** The ISO 3166-1 alpha-2 code of a country written as a code, an alpha-3 code or a common English name. */
export function countryCode(text: string): string | undefined {
  const upper = text.trim().toUpperCase();
  if (ALPHA2.has(upper)) return upper;
  return ALIASES[upper];
}
