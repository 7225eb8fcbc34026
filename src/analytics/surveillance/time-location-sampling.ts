/**
 * Time–location sampling (venue–day–time sampling): the frame is the list of time slots at the
 * site's locations (e.g. a border gate, 08:00–12:00 on each day of the week); in each stratum (site
 * × week) `slotsPerStratum` slots are drawn by simple random sampling without replacement, and in a
 * drawn slot the team counts every arrival and intercepts every k-th (k = `withinSlotInterval`,
 * default 1: everyone) from a random start.
 *
 * Selection probability of an arrival in slot j of stratum h: (s_h / S_h) × (1/k). The slot is the
 * primary sampling unit (a cluster) for variance estimation; the team's count of arrivals in the
 * slot enters the design weights (`design-weights.ts`).
 *
 * Reference: MacKellar, D. A. et al. (2007), "Surveillance of HIV risk and prevention behaviors of
 * men who have sex with men — a national application of venue-based, time-space sampling", Public
 * Health Reports 122(Suppl 1), 39–47, doi:10.1177/00333549071220S107; Karon, J. M. & Wejnert, C.
 * (2012), "Statistical methods for the analysis of time–location sampling data", J. Urban Health
 * 89(3), 565–586, doi:10.1007/s11524-012-9676-8.
 * Complexity: O(slots log slots).
 */
import { requireInput } from '../common/errors.ts';
import type { Random } from '../common/random.ts';
import { isoWeekOf, stratumId } from './allocate-sample.ts';

export interface TimeSlot {
  id: string;
  site: string;
  location: string;
  /** yyyy-mm-dd */
  day: string;
  /** "HH:MM" */
  start: string;
  end: string;
  /** Stratum id ("site|ISO week" by default). */
  stratum: string;
}

export interface TimeSlotFrameInput {
  site: string;
  locations: readonly string[];
  days: readonly string[];
  /** Slots of each day as [start, end] "HH:MM" pairs. */
  slotTimes: readonly (readonly [string, string])[];
}

export interface SelectedTimeSlot extends TimeSlot {
  slotSelectionProbability: number;
  withinSlotInterval: number;
  /** Intercept arrivals randomStart, randomStart + k, … counted from the slot's start. */
  randomStart: number;
}

export interface TimeLocationPlan {
  kind: 'time-location';
  seed: number | null;
  strata: { stratum: string; slotsInFrame: number; slotsSelected: number }[];
  /** The schedule for field teams, by day, start time and location. */
  schedule: SelectedTimeSlot[];
}

export interface TimeLocationPlanOptions {
  random: Random;
  seed?: number;
  /** Slots drawn per stratum: one number for all, or per stratum id. */
  slotsPerStratum: number | Readonly<Record<string, number>>;
  withinSlotInterval?: number;
}

const WHERE = 'surveillance/time-location-sampling';
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The frame of all slots: every location × day × slot time, stratified by site and ISO week. */
export function buildTimeSlotFrame(input: TimeSlotFrameInput): TimeSlot[] {
  requireInput(
    input.locations.length > 0 && input.days.length > 0,
    WHERE,
    'the frame needs locations and days',
  );
  for (const [start, end] of input.slotTimes)
    requireInput(
      TIME.test(start) && TIME.test(end) && start < end,
      WHERE,
      `slot time ${start}–${end} must be two HH:MM times, start before end`,
    );
  const slots: TimeSlot[] = [];
  for (const day of input.days)
    for (const location of input.locations)
      for (const [start, end] of input.slotTimes)
        slots.push({
          id: `${input.site}|${location}|${day}|${start}`,
          site: input.site,
          location,
          day,
          start,
          end,
          stratum: stratumId(input.site, isoWeekOf(day)),
        });
  return slots;
}

/** Draws the slots of a time–location sampling plan (see the file header). */
export function planTimeLocationSampling(
  slots: readonly TimeSlot[],
  options: TimeLocationPlanOptions,
): TimeLocationPlan {
  requireInput(
    options?.random !== undefined,
    WHERE,
    'a seeded random generator (options.random) is required',
  );
  const interval = options.withinSlotInterval ?? 1;
  requireInput(
    Number.isInteger(interval) && interval >= 1,
    WHERE,
    `withinSlotInterval must be an integer >= 1`,
  );
  const ids = new Set<string>();
  const byStratum = new Map<string, TimeSlot[]>();
  for (const slot of slots) {
    requireInput(!ids.has(slot.id), WHERE, `slot "${slot.id}" appears twice in the frame`);
    ids.add(slot.id);
    const list = byStratum.get(slot.stratum) ?? [];
    list.push(slot);
    byStratum.set(slot.stratum, list);
  }
  requireInput(byStratum.size > 0, WHERE, 'the frame has no slots');
  const strata: TimeLocationPlan['strata'] = [];
  const schedule: SelectedTimeSlot[] = [];
  for (const stratum of [...byStratum.keys()].sort()) {
    const frame = byStratum.get(stratum) as TimeSlot[];
    const wanted =
      typeof options.slotsPerStratum === 'number'
        ? options.slotsPerStratum
        : options.slotsPerStratum[stratum];
    requireInput(
      Number.isInteger(wanted) && wanted >= 1 && wanted <= frame.length,
      WHERE,
      `stratum "${stratum}": slots to draw must be an integer in 1..${frame.length}, got ${String(wanted)}`,
    );
    const chosen = options.random.shuffle([...frame]).slice(0, wanted);
    strata.push({ stratum, slotsInFrame: frame.length, slotsSelected: wanted });
    for (const slot of chosen)
      schedule.push({
        ...slot,
        slotSelectionProbability: wanted / frame.length,
        withinSlotInterval: interval,
        randomStart: 1 + options.random.integer(interval),
      });
  }
  schedule.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      a.start.localeCompare(b.start) ||
      a.location.localeCompare(b.location) ||
      a.site.localeCompare(b.site),
  );
  return { kind: 'time-location', seed: options.seed ?? null, strata, schedule };
}
