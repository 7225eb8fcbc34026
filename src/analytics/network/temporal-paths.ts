/**
 * Time-respecting paths: journeys whose successive contacts happen in time order (a payment after a
 * call after a recruitment). Earliest-arrival ("foremost") journeys from one source over a list of
 * timed contacts, by the one-pass algorithm of Wu, Cheng, Huang, Ke, Lu & Xu (2014), "Path problems
 * in temporal graphs", Proc. VLDB Endowment 7(9):721-732, doi:10.14778/2732939.2732945: contacts sorted
 * by time; a contact u -> v at time t extends a journey when u was reached at or before t (strictly
 * before with `strict`), and improves v's arrival when t is earlier. Holme & Saramäki (2012),
 * "Temporal networks", Physics Reports 519(3):97-125, doi:10.1016/j.physrep.2012.03.001.
 * Contacts are directed unless `directed: false`. Complexity O(c log c) for c contacts.
 */
import { requireInput } from '../common/index.ts';

export interface TimedContact {
  source: string;
  target: string;
  time: number;
  weight?: number;
}

export interface TemporalPathOptions {
  directed?: boolean;
  /** Journeys start at or after this time (default: the earliest contact). */
  startTime?: number;
  /** Require strictly increasing times along a journey. */
  strict?: boolean;
  /** Longest journey considered, in contacts (default unlimited). */
  maxHops?: number;
  /** Only contacts at most this long after the previous one on the journey (e.g. 7 days). */
  maxWait?: number;
}

export interface Arrival {
  node: string;
  time: number;
  hops: number;
  /** The contacts of the journey, in time order. */
  journey: TimedContact[];
}

export function earliestArrivals(
  contacts: readonly TimedContact[],
  source: string,
  options: TemporalPathOptions = {},
): Map<string, Arrival> {
  const where = 'network/temporal-paths';
  for (const [i, c] of contacts.entries())
    requireInput(
      Number.isFinite(c.time),
      where,
      `contact ${i + 1} (${c.source} -> ${c.target}) has no valid time`,
    );
  const directed = options.directed ?? true;
  const events: { from: string; to: string; contact: TimedContact }[] = [];
  for (const contact of contacts) {
    events.push({ from: contact.source, to: contact.target, contact });
    if (!directed) events.push({ from: contact.target, to: contact.source, contact });
  }
  events.sort((a, b) => a.contact.time - b.contact.time);
  const start = options.startTime ?? Number.NEGATIVE_INFINITY;
  const maxHops = options.maxHops ?? Number.POSITIVE_INFINITY;
  const maxWait = options.maxWait ?? Number.POSITIVE_INFINITY;
  const arrival = new Map<
    string,
    { time: number; hops: number; via: TimedContact | null; from: string | null }
  >();
  arrival.set(source, { time: start, hops: 0, via: null, from: null });
  // Equal-time contacts may chain when not strict: repeat a time block until nothing changes.
  let i = 0;
  while (i < events.length) {
    let j = i;
    while (j < events.length && events[j].contact.time === events[i].contact.time) j++;
    let changed = true;
    let rounds = 0;
    while (changed && rounds < (options.strict ? 1 : j - i)) {
      changed = false;
      rounds++;
      for (let e = i; e < j; e++) {
        const { from, to, contact } = events[e];
        const reached = arrival.get(from);
        if (reached === undefined || reached.hops >= maxHops) continue;
        if (contact.time < start) continue;
        const ready = options.strict ? reached.time < contact.time : reached.time <= contact.time;
        if (!ready) continue;
        if (reached.via !== null && contact.time - reached.time > maxWait) continue;
        if (to === source) continue;
        const current = arrival.get(to);
        if (
          current === undefined ||
          contact.time < current.time ||
          (contact.time === current.time && reached.hops + 1 < current.hops)
        ) {
          arrival.set(to, { time: contact.time, hops: reached.hops + 1, via: contact, from });
          changed = true;
        }
      }
    }
    i = j;
  }
  const result = new Map<string, Arrival>();
  for (const [node, state] of arrival) {
    if (node === source) continue;
    const journey: TimedContact[] = [];
    let cursor: string | null = node;
    while (cursor !== null && cursor !== source) {
      const step = arrival.get(cursor);
      if (step === undefined || step.via === null) break;
      journey.push(step.via);
      cursor = step.from;
    }
    journey.reverse();
    result.set(node, { node, time: state.time, hops: state.hops, journey });
  }
  return result;
}

/** The earliest-arriving time-respecting journey from `source` to `target`, or null. */
export function timeRespectingPath(
  contacts: readonly TimedContact[],
  source: string,
  target: string,
  options: TemporalPathOptions = {},
): Arrival | null {
  return earliestArrivals(contacts, source, options).get(target) ?? null;
}
