import { dayOf, partsOf } from './identifiers.ts';

/**
 * The weekly calendar of the synthetic world: week 0 starts on Monday 4 January 2021. Return and
 * border-crossing intensity per week = trend × annual season × holidays × shock, where
 *   trend(t)   = 1 + 0.25 t / W
 *   season(t)  = 1 + 0.3 cos(2π (dayOfYear − 100) / 365.25)   (peak in early April, before the New Year)
 *   holiday    = 1.8 in the week of Khmer / Thai / Lao / Burmese New Year (13 April) and 1.4 the week
 *                before, for migrants from KH, TH, LA, MM; 1.6 in the week of the Lunar New Year for VN,
 *                CN; 1.5 in the week of Pchum Ben for KH
 *   shock      = a mass deportation of Cambodians from Thailand: × 8 then × 5 in two weeks from
 *                week ⌊0.45 W⌋ (as in June 2014), for deportations on KH→TH routes only.
 */
export const WORLD_START_DAY = dayOf(2021, 1, 4);

export function weekStartDay(week: number): number {
  return WORLD_START_DAY + 7 * week;
}

const LUNAR_NEW_YEAR: Record<number, [number, number]> = {
  2021: [2, 12],
  2022: [2, 1],
  2023: [1, 22],
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
};
const PCHUM_BEN: Record<number, [number, number]> = {
  2021: [10, 6],
  2022: [9, 25],
  2023: [10, 14],
  2024: [10, 2],
  2025: [9, 22],
  2026: [10, 11],
  2027: [9, 30],
  2028: [9, 18],
  2029: [10, 7],
  2030: [9, 26],
};

export type HolidayGroup = 'theravada' | 'lunar' | 'khmer';

function weekOfDay(day: number): number {
  return Math.floor((day - WORLD_START_DAY) / 7);
}

/** Weeks (indices) of each holiday within W weeks. */
export function holidayWeeks(weeks: number): {
  newYear: number[];
  lunarNewYear: number[];
  pchumBen: number[];
} {
  const startYear = partsOf(WORLD_START_DAY).year;
  const endYear = partsOf(weekStartDay(weeks)).year;
  const inside = (week: number) => week >= 0 && week < weeks;
  const newYear: number[] = [];
  const lunarNewYear: number[] = [];
  const pchumBen: number[] = [];
  for (let year = startYear; year <= endYear; year++) {
    const ny = weekOfDay(dayOf(year, 4, 13));
    if (inside(ny)) newYear.push(ny);
    const lunar = LUNAR_NEW_YEAR[year] ?? [2, 1];
    const lny = weekOfDay(dayOf(year, lunar[0], lunar[1]));
    if (inside(lny)) lunarNewYear.push(lny);
    const pb = PCHUM_BEN[year] ?? [10, 1];
    const pbw = weekOfDay(dayOf(year, pb[0], pb[1]));
    if (inside(pbw)) pchumBen.push(pbw);
  }
  return { newYear, lunarNewYear, pchumBen };
}

export function shockWeeks(weeks: number): number[] {
  const first = Math.floor(0.45 * weeks);
  return weeks >= 4 ? [first, first + 1] : [];
}

const SHOCK_FACTORS = [8, 5];

/** Relative intensity of each week for one origin country, with or without the deportation shock. */
export function weeklyIntensity(weeks: number, origin: string, withShock: boolean): Float64Array {
  const holidays = holidayWeeks(weeks);
  const theravada = origin === 'KH' || origin === 'TH' || origin === 'LA' || origin === 'MM';
  const out = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    const day = weekStartDay(t) + 3;
    const yearStart = dayOf(partsOf(day).year, 1, 1);
    const dayOfYear = day - yearStart;
    out[t] = (1 + (0.25 * t) / weeks) * (1 + 0.3 * Math.cos((2 * Math.PI * (dayOfYear - 100)) / 365.25));
  }
  if (theravada)
    for (const w of holidays.newYear) {
      out[w] *= 1.8;
      if (w > 0) out[w - 1] *= 1.4;
    }
  if (origin === 'VN' || origin === 'CN') for (const w of holidays.lunarNewYear) out[w] *= 1.6;
  if (origin === 'KH') for (const w of holidays.pchumBen) out[w] *= 1.5;
  if (withShock)
    shockWeeks(weeks).forEach((w, i) => {
      out[w] *= SHOCK_FACTORS[i];
    });
  return out;
}

/** Cumulative distribution over weeks from intensities (last entry 1). */
export function cumulative(weights: Float64Array): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i];
    out[i] = total;
  }
  for (let i = 0; i < out.length; i++) out[i] /= total;
  return out;
}

/** Index drawn from a cumulative distribution by binary search. */
export function drawFromCumulative(cdf: Float64Array, u: number): number {
  let low = 0;
  let high = cdf.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cdf[mid] > u) high = mid;
    else low = mid + 1;
  }
  return low;
}
