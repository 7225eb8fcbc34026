/**
 * Dates for comparison: parses the common written forms into year, month and day and a day number
 * (days since 1970-01-01 in the proleptic Gregorian calendar), keeping an 8-digit key (YYYYMMDD) that
 * edit distance can compare even when the date itself is corrupt (FEBRL writes impossible dates such
 * as 19560931 on purpose).
 *
 * Accepted: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YYYY (day
 * first: the convention of every country in the region), optional time after a 'T' or space, and a
 * bare year. Day number: Howard Hinnant's days-from-civil algorithm,
 * https://howardhinnant.github.io/date_algorithms.html#days_from_civil. Complexity: O(length).
 */
export interface ParsedDate {
  year: number;
  /** 1–12, or 0 when only the year is known or the month is impossible. */
  month: number;
  /** 1–31, or 0 when unknown or impossible. */
  day: number;
  /** Days since 1970-01-01 when year, month and day form a real date; otherwise null. */
  dayNumber: number | null;
  /** YYYYMMDD digits as written (zeros for unknown parts), for edit-distance comparison. */
  key: string;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= days[month - 1];
}

const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/;
const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR_ONLY = /^(\d{4})$/;

/** Parses a written date, or returns null when the text is not a date in any accepted form. */
export function parseDate(text: string): ParsedDate | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;
  const yearFirst = YEAR_FIRST.exec(trimmed) ?? COMPACT.exec(trimmed);
  const dayFirst = yearFirst ? null : DAY_FIRST.exec(trimmed);
  const yearOnly = yearFirst || dayFirst ? null : YEAR_ONLY.exec(trimmed);
  let year: number;
  let month: number;
  let day: number;
  if (yearFirst) {
    year = Number(yearFirst[1]);
    month = Number(yearFirst[2]);
    day = Number(yearFirst[3]);
  } else if (dayFirst) {
    year = Number(dayFirst[3]);
    month = Number(dayFirst[2]);
    day = Number(dayFirst[1]);
  } else if (yearOnly) {
    year = Number(yearOnly[1]);
    month = 0;
    day = 0;
  } else return null;
  const key = `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  const real = isRealDate(year, month, day);
  return {
    year,
    month: month >= 1 && month <= 12 ? month : 0,
    day: day >= 1 && day <= 31 ? day : 0,
    dayNumber: real ? daysFromCivil(year, month, day) : null,
    key,
  };
}
