import type { Random } from '../analytics/common/random.ts';
import type { Country } from './places.ts';

/**
 * Phone numbers, document numbers, accounts and dates of the synthetic world, and the several ways
 * agencies write each of them.
 */

const CALLING_CODES: Record<Country, string> = {
  KH: '855',
  TH: '66',
  LA: '856',
  MM: '95',
  VN: '84',
  CN: '86',
};

const MOBILE_PREFIXES: Record<Country, { prefixes: readonly string[]; rest: number }> = {
  KH: { prefixes: ['12', '17', '77', '89', '92', '15', '16', '96', '97', '88'], rest: 6 },
  TH: {
    prefixes: [
      '61',
      '62',
      '63',
      '64',
      '65',
      '80',
      '81',
      '82',
      '83',
      '84',
      '86',
      '87',
      '89',
      '91',
      '92',
      '95',
    ],
    rest: 7,
  },
  LA: { prefixes: ['202', '205', '207', '209', '209', '207'], rest: 7 },
  MM: {
    prefixes: ['942', '943', '944', '945', '965', '969', '977', '978', '979', '997', '998', '925', '926'],
    rest: 7,
  },
  VN: {
    prefixes: [
      '32',
      '33',
      '34',
      '35',
      '36',
      '37',
      '38',
      '39',
      '70',
      '76',
      '77',
      '78',
      '79',
      '81',
      '83',
      '86',
      '88',
      '89',
      '90',
      '91',
      '93',
      '94',
      '96',
      '97',
      '98',
    ],
    rest: 7,
  },
  CN: {
    prefixes: [
      '130',
      '131',
      '132',
      '135',
      '136',
      '137',
      '138',
      '139',
      '150',
      '151',
      '158',
      '159',
      '186',
      '187',
      '188',
      '189',
    ],
    rest: 8,
  },
};

/** `count` (at most 15) random decimal digits. */
function digits(count: number, random: Random): string {
  return String(Math.floor(random.next() * 10 ** count)).padStart(count, '0');
}

/** A mobile number of the country in E.164 (`+855…`). */
export function drawPhone(country: Country, random: Random): string {
  const plan = MOBILE_PREFIXES[country];
  return `+${CALLING_CODES[country]}${random.pick(plan.prefixes)}${digits(plan.rest, random)}`;
}

export const PHONE_FORMATS = [
  'e164',
  'international_spaced',
  'local',
  'local_spaced',
  'double_zero',
  'local_dashed',
] as const;
export type PhoneFormat = (typeof PHONE_FORMATS)[number];

function splitCallingCode(e164: string): { code: string; national: string } {
  for (const code of ['855', '856', '66', '95', '84', '86']) {
    if (e164.startsWith(`+${code}`)) return { code, national: e164.slice(code.length + 1) };
  }
  return { code: '', national: e164.replace(/^\+/, '') };
}

function group(text: string, sizes: readonly number[], separator: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= text.length) break;
    parts.push(text.slice(at, at + size));
    at += size;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts.join(separator);
}

/** Writes an E.164 number the way a clerk might: international, local with trunk 0, spaced, dashed. */
export function formatPhone(e164: string, format: PhoneFormat): string {
  const { code, national } = splitCallingCode(e164);
  const trunk = code === '86' ? '' : '0';
  switch (format) {
    case 'e164':
      return e164;
    case 'international_spaced':
      return `+${code} ${group(national, [2, 3, 3], ' ')}`;
    case 'local':
      return trunk + national;
    case 'local_spaced':
      return group(trunk + national, [3, 3, 4], ' ');
    case 'double_zero':
      return `00${code}${national}`;
    case 'local_dashed':
      return group(trunk + national, [3, 3, 4], '-');
  }
}

const DOCUMENT_PREFIX: Record<Country, string> = { KH: 'N', TH: 'AA', LA: 'P', MM: 'MB', VN: 'C', CN: 'E' };

/** Passport-like document number. */
export function drawDocumentNumber(country: Country, random: Random): string {
  return DOCUMENT_PREFIX[country] + digits(country === 'VN' || country === 'CN' ? 8 : 7, random);
}

/** Bank or mobile-money account identifier. */
export function drawAccount(country: Country, random: Random, kind: 'bank' | 'wallet'): string {
  if (kind === 'wallet') return `${country}W${digits(9, random)}`;
  return `${country}${digits(2, random)}-${digits(4, random)}-${digits(6, random)}`;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a calendar date. */
export function dayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

// Calendar conversions are the hot path of a million-person world: memoised by day number.
const CACHE_FIRST_DAY = -11_000;
const CACHE_DAYS = 36_000;
const isoCache: (string | undefined)[] = new Array(CACHE_DAYS);
const partsCache: (DateParts | undefined)[] = new Array(CACHE_DAYS);

export function partsOf(day: number): DateParts {
  const slot = day - CACHE_FIRST_DAY;
  const cached = slot >= 0 && slot < CACHE_DAYS ? partsCache[slot] : undefined;
  if (cached) return cached;
  const date = new Date(day * MS_PER_DAY);
  const parts = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  if (slot >= 0 && slot < CACHE_DAYS) partsCache[slot] = parts;
  return parts;
}

export function isoDate(day: number): string {
  const slot = day - CACHE_FIRST_DAY;
  const cached = slot >= 0 && slot < CACHE_DAYS ? isoCache[slot] : undefined;
  if (cached) return cached;
  const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (slot >= 0 && slot < CACHE_DAYS) isoCache[slot] = text;
  return text;
}

/** ISO date-time with a +07:00 offset (Indochina time) for a day and minute of day. */
export function isoDateTime(day: number, minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${isoDate(day)}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00+07:00`;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/**
 * Formats date parts with the mapping-file tokens YYYY, YY, MM, M, DD, D (the platform's mapping
 * format), e.g. `DD/MM/YYYY`.
 */
export function formatDate(parts: DateParts, format: string): string {
  return format.replace(/YYYY|YY|MM|M|DD|D/g, (token) => {
    switch (token) {
      case 'YYYY':
        return String(parts.year);
      case 'YY':
        return pad2(parts.year % 100);
      case 'MM':
        return pad2(parts.month);
      case 'M':
        return String(parts.month);
      case 'DD':
        return pad2(parts.day);
      default:
        return String(parts.day);
    }
  });
}

/** Excel serial day number (1900 date system, 1899-12-30 = 0) of date parts. */
export function excelSerial(parts: DateParts): number {
  return dayOf(parts.year, parts.month, parts.day) + 25_569;
}
