/**
 * A regular series of counts per period (usually weeks) as the aberration detectors read it, and the
 * checks every detector runs on it.
 *
 * Convention: a period with no report is `null` (missing), never 0. Missing periods are left out of
 * every baseline and shown as missing in the output; a reported 0 is a true zero. Periods are
 * consecutive: `t` labels (default 1..n) increase by one, and dates, when given, are ISO
 * `yyyy-mm-dd` days exactly 7 days apart (weekly data). A gap in the data is a row with a `null`
 * count, so that positions, reference weeks and windows keep their meaning.
 */
import { requireInput } from '../common/errors.ts';

export interface CountSeries {
  /** Count per period in time order; `null` = no report for that period. Counts are integers >= 0. */
  counts: readonly (number | null)[];
  /** Period labels (e.g. the `t` column), consecutive integers; default 1..n. */
  t?: readonly number[];
  /** Start date of each period (`yyyy-mm-dd`), 7 days apart; absent for index-only series. */
  dates?: readonly string[];
}

/** A checked series: labels and day numbers filled in. */
export interface CheckedCountSeries {
  counts: readonly (number | null)[];
  t: number[];
  /** Days since 1970-01-01 (UTC) of each period, or null for an index-only series. */
  days: number[] | null;
  dates: string[] | null;
}

/** An inclusive range of period labels `t` to evaluate. */
export interface PeriodRange {
  from: number;
  to: number;
}

/** One evaluated period in every detector's output. */
export interface AberrationPeriod {
  t: number;
  date: string | null;
  /** The count, or null when the period has no report. */
  observed: number | null;
  /** Alarm threshold: an alarm is raised when observed > upperbound. Null when it cannot be computed. */
  upperbound: number | null;
  /** True/false, or null when there is no report or no threshold. */
  alarm: boolean | null;
  /** True when the method alone would alarm but the count is below the required minimum. */
  belowMinimumCount: boolean;
  /** Why upperbound or alarm is null (empty when both are set). */
  note: string;
}

const MILLISECONDS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date, or NaN when it is not a real calendar date. */
export function isoDateToDay(text: string): number {
  const match = ISO_DATE.exec(text);
  if (!match) return Number.NaN;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return Number.NaN;
  return time / MILLISECONDS_PER_DAY;
}

/** ISO `yyyy-mm-dd` of a day number. */
export function dayToIsoDate(day: number): string {
  return new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

/** Checks the series and fills labels; throws an AnalyticsInputError naming `where` otherwise. */
export function checkCountSeries(series: CountSeries, where: string): CheckedCountSeries {
  requireInput(
    series !== null && typeof series === 'object' && Array.isArray(series.counts),
    where,
    'series.counts must be an array',
  );
  const n = series.counts.length;
  requireInput(n > 0, where, 'the series has no periods');
  series.counts.forEach((count, index) => {
    requireInput(
      count === null || (Number.isInteger(count) && count >= 0),
      where,
      `count at position ${index + 1} is ${String(count)}: counts must be integers >= 0 or null (missing)`,
    );
  });
  let t: number[];
  if (series.t === undefined) t = Array.from({ length: n }, (_, index) => index + 1);
  else {
    requireInput(series.t.length === n, where, `t has ${series.t.length} labels for ${n} counts`);
    t = [...series.t];
    t.forEach((label, index) => {
      requireInput(Number.isInteger(label), where, `t at position ${index + 1} is not an integer`);
      requireInput(
        index === 0 || label === t[index - 1] + 1,
        where,
        `t must be consecutive integers (t = ${t[index - 1]} is followed by ${label}; fill gaps with missing counts)`,
      );
    });
  }
  if (series.dates === undefined) return { counts: series.counts, t, days: null, dates: null };
  requireInput(series.dates.length === n, where, `dates has ${series.dates.length} entries for ${n} counts`);
  const days = series.dates.map((text, index) => {
    const day = isoDateToDay(text);
    requireInput(Number.isFinite(day), where, `date at t = ${t[index]} is "${text}", not a yyyy-mm-dd date`);
    return day;
  });
  days.forEach((day, index) => {
    requireInput(
      index === 0 || day - days[index - 1] === 7,
      where,
      `dates must be 7 days apart (t = ${t[index - 1]} is ${series.dates?.[index - 1]}, t = ${t[index]} is ${series.dates?.[index]})`,
    );
  });
  return { counts: series.counts, t, days, dates: [...series.dates] };
}

/** Positions (0-based) of the periods to evaluate: the given range of labels, or `defaultFrom`..end. */
export function rangePositions(
  series: CheckedCountSeries,
  range: PeriodRange | undefined,
  defaultFromPosition: number,
  where: string,
): number[] {
  const n = series.counts.length;
  const first = series.t[0];
  let fromPosition = defaultFromPosition;
  let toPosition = n - 1;
  if (range !== undefined) {
    requireInput(
      Number.isInteger(range.from) && Number.isInteger(range.to) && range.from <= range.to,
      where,
      `range ${range.from}:${range.to} must be two integers with from <= to`,
    );
    requireInput(
      range.from >= first && range.to <= series.t[n - 1],
      where,
      `range ${range.from}:${range.to} is outside the series (t = ${first}..${series.t[n - 1]})`,
    );
    fromPosition = range.from - first;
    toPosition = range.to - first;
  }
  const positions: number[] = [];
  for (let position = Math.max(0, fromPosition); position <= toPosition; position++) positions.push(position);
  return positions;
}

/** Applies the minimum-count rule to a raw alarm: returns the final alarm and whether it was held back. */
export function applyMinimumCount(
  alarm: boolean | null,
  observed: number | null,
  minimumCount: number,
): { alarm: boolean | null; belowMinimumCount: boolean } {
  if (alarm === true && observed !== null && observed < minimumCount)
    return { alarm: false, belowMinimumCount: true };
  return { alarm, belowMinimumCount: false };
}
