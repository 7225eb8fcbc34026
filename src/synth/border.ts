import type { Random } from '../analytics/common/random.ts';
import { weeklyIntensity, weekStartDay } from './calendar.ts';
import { isoDate } from './identifiers.ts';
import { CROSSING_INDEX, CROSSINGS } from './places.ts';
import type { TruePerson } from './population.ts';
import { type SourceSpec, sourceSpec, type TableSpec, type WorldSink } from './tables.ts';

/**
 * Weekly border events per crossing (border_event source) and per-crossing weekly series files.
 *
 * Deportations are counted from the true population (every deported migrant passes a crossing in
 * their return week), by sex, so they carry the population's seasonality, holidays, trend and the
 * mass-deportation shock, and they are consistent with the sentinel site's frame. Ordinary crossings
 * are Poisson with mean weeklyVolume × intensity(t) of the crossing's first country (see calendar.ts);
 * interceptions Poisson with mean 0.002 × that. The border-police file misses about 2% of
 * crossing-weeks (no report: not a zero); the truth lists them and the series files are complete.
 */
export const MISSING_REPORT_RATE = 0.02;

export const BORDER_TABLES: TableSpec[] = [
  {
    id: 'truth:missing_border_reports',
    path: 'truth/missing_border_reports.csv',
    format: 'csv',
    columns: ['crossing', 'week_start'],
  },
];

export function seriesTables(): TableSpec[] {
  const tables: TableSpec[] = [];
  for (const crossing of CROSSINGS)
    for (const event of ['deportation', 'crossing'])
      tables.push({
        id: `series:${crossing.id}:${event}`,
        path: `series/${crossing.id}-${event}s.csv`,
        format: 'csv',
        columns: ['t', 'date', 'count'],
      });
  return tables;
}

export function borderSource(): SourceSpec {
  const table: TableSpec = {
    id: 'source:border_events',
    path: 'sources/border_events/weekly_checkpoint_reports.csv',
    format: 'csv',
    delimiter: '|',
    encoding: 'utf-8',
    columns: ['report_no', 'checkpoint', 'week_beginning', 'event', 'from', 'to', 'sex', 'persons'],
  };
  return sourceSpec('border_events', 'border_event', 'Border police weekly checkpoint reports', table, {
    event_id: 'report_no',
    crossing: 'checkpoint',
    week_start: { column: 'week_beginning', format: 'DD/MM/YYYY' },
    event_type: {
      column: 'event',
      codes: { Deported: 'deportation', Intercepted: 'interception', Crossed: 'crossing' },
    },
    from_country: 'from',
    to_country: 'to',
    sex: { column: 'sex', codes: { F: 'female', M: 'male' } },
    count: 'persons',
  });
}

/** Counts deportations per crossing, week and sex while the population streams by. */
export class BorderCounter {
  /** [crossing][week][sex: 0 female, 1 male]. */
  readonly deported: Int32Array;

  constructor(private readonly weeks: number) {
    this.deported = new Int32Array(CROSSINGS.length * weeks * 2);
  }

  person(person: TruePerson): void {
    if (person.returnedHow !== 'deported' || person.returnCrossing === null || person.returnWeek < 0) return;
    const crossing = CROSSING_INDEX.get(person.returnCrossing);
    if (crossing === undefined) return;
    this.deported[(crossing * this.weeks + person.returnWeek) * 2 + (person.sex === 'female' ? 0 : 1)]++;
  }

  deportations(crossingId: string, week: number): number {
    const crossing = CROSSING_INDEX.get(crossingId)!;
    const at = (crossing * this.weeks + week) * 2;
    return this.deported[at] + this.deported[at + 1];
  }

  /** Writes the border-police file, the series files and the truth of missing reports. */
  write(sink: WorldSink, random: Random): void {
    const weeks = this.weeks;
    let report = 0;
    const dmy = (day: number) => {
      const [y, m, d] = isoDate(day).split('-');
      return `${d}/${m}/${y}`;
    };
    for (let c = 0; c < CROSSINGS.length; c++) {
      const crossing = CROSSINGS[c];
      const intensity = weeklyIntensity(weeks, crossing.countryA, false);
      // Deportees go back to the country of origin: across a KH–TH crossing from TH to KH, etc.
      const deportedTo = crossing.countryA === 'TH' ? crossing.countryB : crossing.countryA;
      const deportedFrom = deportedTo === crossing.countryA ? crossing.countryB : crossing.countryA;
      for (let week = 0; week < weeks; week++) {
        const weekStart = weekStartDay(week);
        const date = isoDate(weekStart);
        const female = this.deported[(c * weeks + week) * 2];
        const male = this.deported[(c * weeks + week) * 2 + 1];
        const crossings = random.poisson(crossing.weeklyVolume * intensity[week]);
        const interceptions = random.poisson(0.002 * crossing.weeklyVolume * intensity[week]);
        sink.row(`series:${crossing.id}:deportation`, [week + 1, date, female + male]);
        sink.row(`series:${crossing.id}:crossing`, [week + 1, date, crossings]);
        if (random.next() < MISSING_REPORT_RATE) {
          sink.row('truth:missing_border_reports', [crossing.id, date]);
          continue;
        }
        const id = () => `BP-${String(++report).padStart(7, '0')}`;
        sink.row('source:border_events', [
          id(),
          crossing.id,
          dmy(weekStart),
          'Deported',
          deportedFrom,
          deportedTo,
          'F',
          female,
        ]);
        sink.row('source:border_events', [
          id(),
          crossing.id,
          dmy(weekStart),
          'Deported',
          deportedFrom,
          deportedTo,
          'M',
          male,
        ]);
        sink.row('source:border_events', [
          id(),
          crossing.id,
          dmy(weekStart),
          'Intercepted',
          deportedTo,
          deportedFrom,
          null,
          interceptions,
        ]);
        sink.row('source:border_events', [
          id(),
          crossing.id,
          dmy(weekStart),
          'Crossed',
          null,
          null,
          null,
          crossings,
        ]);
      }
    }
  }
}
