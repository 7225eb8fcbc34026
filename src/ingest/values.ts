import { countryCode } from '../domain/countries.ts';
import type { FieldDefinition } from '../domain/fields.ts';
import { resolveCrossing, resolveProvince } from '../domain/places/index.ts';

/** A typed value ready to store, or the reason the text is not one. */
export type Parsed =
  | { ok: true; value: string | number | boolean | null; unresolvedPlace?: boolean }
  | { ok: false; reason: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days && year >= 1850 && year <= 2200;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Parses a date written in a stated format: tokens `YYYY`, `YY` (00–49 → 20xx), `MM`/`M`, `DD`/`D`,
 * any other characters literal; `excel` for spreadsheet serial numbers (days since 1899-12-30).
 * Without a format, ISO 8601 `YYYY-MM-DD`.
 */
export function parseDate(text: string, format?: string): Parsed {
  const expected = format ?? 'YYYY-MM-DD';
  if (format === 'excel') {
    const serial = Number(text);
    if (!Number.isFinite(serial) || serial < 1)
      return { ok: false, reason: 'is not a spreadsheet date serial number' };
    const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
    return { ok: true, value: date.toISOString().slice(0, 10) };
  }
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  if (!format) {
    const match = ISO_DATE.exec(text);
    if (match) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    let pattern = '^';
    const order: string[] = [];
    for (let i = 0; i < format.length; ) {
      const token = ['YYYY', 'YY', 'MM', 'DD', 'M', 'D'].find((candidate) => format.startsWith(candidate, i));
      if (token) {
        order.push(token);
        pattern += token === 'YYYY' ? '(\\d{4})' : token.length === 2 ? '(\\d{2})' : '(\\d{1,2})';
        i += token.length;
      } else {
        pattern += format[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        i++;
      }
    }
    const match = new RegExp(`${pattern}$`).exec(text);
    if (match)
      order.forEach((token, index) => {
        const value = Number(match[index + 1]);
        if (token === 'YYYY') year = value;
        else if (token === 'YY') year = value < 50 ? 2000 + value : 1900 + value;
        else if (token.startsWith('M')) month = value;
        else day = value;
      });
  }
  if (year === undefined || month === undefined || day === undefined || !isRealDate(year, month, day))
    return { ok: false, reason: `is not a date (expected ${expected})` };
  return { ok: true, value: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f']);
const SEX_SYNONYMS: Readonly<Record<string, string>> = {
  f: 'female',
  m: 'male',
  woman: 'female',
  man: 'male',
};

/** Turns a cell's text into the field's typed value, or says why it cannot. Empty text is null. */
export function parseValue(
  field: FieldDefinition,
  rawText: string,
  options: { format?: string; codes?: Readonly<Record<string, string>>; country?: string } = {},
): Parsed {
  let text = rawText.trim();
  if (options.codes && text in options.codes) text = options.codes[text];
  else if (options.codes && text !== '' && '*' in options.codes) text = options.codes['*'];
  if (text === '') return { ok: true, value: null };
  switch (field.type) {
    case 'text':
    case 'phone':
      return { ok: true, value: text };
    case 'integer': {
      const value = Number(text);
      return Number.isInteger(value) ? { ok: true, value } : { ok: false, reason: 'is not a whole number' };
    }
    case 'number': {
      const value = Number(text.replace(/,(?=\d{3}(\D|$))/g, ''));
      return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'is not a number' };
    }
    case 'date':
      return parseDate(text, options.format);
    case 'datetime': {
      if (options.format) return parseDate(text, options.format);
      const time = Date.parse(text);
      return /^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(time)
        ? { ok: true, value: new Date(time).toISOString() }
        : { ok: false, reason: 'is not a date and time (expected ISO 8601, e.g. 2024-03-01T14:30:00Z)' };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE_WORDS.has(lower)) return { ok: true, value: true };
      if (FALSE_WORDS.has(lower)) return { ok: true, value: false };
      return { ok: false, reason: 'is not yes/no (expected 1/0, true/false or yes/no)' };
    }
    case 'code': {
      const lower = text.toLowerCase().replace(/[\s-]+/g, '_');
      const value = field.name === 'sex' ? (SEX_SYNONYMS[lower] ?? lower) : lower;
      return field.codes?.includes(value)
        ? { ok: true, value }
        : {
            ok: false,
            reason: `is not one of ${field.codes?.join(', ')} (map other codes in the mapping file)`,
          };
    }
    case 'country': {
      const value = countryCode(text);
      return value
        ? { ok: true, value }
        : { ok: false, reason: 'is not a country (expected an ISO 3166-1 code)' };
    }
    case 'currency':
      return /^[A-Za-z]{3}$/.test(text)
        ? { ok: true, value: text.toUpperCase() }
        : { ok: false, reason: 'is not a currency (expected an ISO 4217 code such as THB)' };
    case 'place': {
      const resolution = resolveProvince(text, { country: options.country });
      return resolution.status === 'resolved'
        ? { ok: true, value: resolution.province.code }
        : { ok: true, value: null, unresolvedPlace: true };
    }
    case 'crossing': {
      const crossing = resolveCrossing(text);
      return crossing
        ? { ok: true, value: crossing.id }
        : { ok: false, reason: 'is not a known border crossing' };
    }
  }
}
