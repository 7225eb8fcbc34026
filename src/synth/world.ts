import { createRandom, type Random } from '../analytics/common/random.ts';
import { BORDER_TABLES, BorderCounter, borderSource, seriesTables } from './border.ts';
import { holidayWeeks, shockWeeks, WORLD_START_DAY, weekStartDay } from './calendar.ts';
import { CALL_TABLES, generateCalls } from './calls.ts';
import { type Capture, captureVictim } from './capture.ts';
import { isoDate, partsOf } from './identifiers.ts';
import { type ListRecordContext, type ListSource, listSources } from './list-sources.ts';
import { MONEY_TABLES, MoneyWriter, moneySource } from './money.ts';
import { canonicalName, nativeFullName } from './names.ts';
import { NSUM_TABLES, type NsumSummary, writeNsum } from './nsum.ts';
import { generateOrganisations, organisationCount } from './organisations.ts';
import { generatePerson, planPopulation, type TruePerson } from './population.ts';
import { POST_TABLES, postSource, writePosts } from './posts.ts';
import { HiddenPopulation, RDS_TABLES, type RdsSummary } from './rds.ts';
import { observePerson } from './records.ts';
import { LIST_NAMES, SCENARIOS, type Scenario } from './scenarios.ts';
import { SENTINEL_TABLES, type SentinelRound, SentinelSite, sentinelSource } from './sentinel.ts';
import type { Cell, SourceSpec, TableSpec, WorldSink } from './tables.ts';
import { TRUTH_TABLES } from './truth-tables.ts';

/**
 * The synthetic Greater Mekong world: a seeded generator of the files a SIREN deployment receives
 * and of the truth behind them. Generation is pure and streamed: rows go to a {@link WorldSink} as
 * they are made (the file writer in write.ts, or memory in tests), people are generated one at a
 * time, and only bounded summaries (pattern counts, weekly counters, the sentinel and RDS frames)
 * are held.
 *
 * Randomness: one root generator seeded by `seed` forks one independent stream per component in a
 * fixed order (organisations, population, capture, records, …), so adding an output at the end of
 * the list never changes the bytes of the others.
 */
export interface WorldOptions {
  seed: number;
  people: number;
  scenario: string;
  weeks: number;
}

export const WORLD_DEFAULTS = { people: 2000, scenario: 'baseline', weeks: 156 } as const;

export const GENERATOR_VERSION = '1.0.0';

export interface WorldLayout {
  tables: TableSpec[];
  sources: SourceSpec[];
  listSources: ListSource[];
}

/** The files a world writes, known before any row is generated. */
export function worldLayout(): WorldLayout {
  const lists = listSources();
  const sources: SourceSpec[] = [...lists, moneySource(), borderSource(), sentinelSource(), postSource()];
  return {
    tables: [
      ...sources.map((s) => s.table),
      ...TRUTH_TABLES,
      ...MONEY_TABLES,
      ...CALL_TABLES,
      ...BORDER_TABLES,
      ...seriesTables(),
      ...SENTINEL_TABLES,
      ...RDS_TABLES,
      ...NSUM_TABLES,
      ...POST_TABLES,
    ],
    sources,
    listSources: lists,
  };
}

export interface WorldStreams {
  organisations: Random;
  population: Random;
  capture: Random;
  records: Random;
  money: Random;
  calls: Random;
  border: Random;
  sentinel: Random;
  rds: Random;
  nsum: Random;
  posts: Random;
}

/** Forks the component streams in a fixed order; new components are appended at the end. */
function forkStreams(seed: number): WorldStreams {
  const root = createRandom(seed);
  return {
    organisations: root.fork(),
    population: root.fork(),
    capture: root.fork(),
    records: root.fork(),
    money: root.fork(),
    calls: root.fork(),
    border: root.fork(),
    sentinel: root.fork(),
    rds: root.fork(),
    nsum: root.fork(),
    posts: root.fork(),
  };
}

export interface WorldSummary {
  seed: number;
  scenario: Scenario;
  people: number;
  weeks: number;
  firstWeek: string;
  victims: number;
  /** Victims on at least one list. */
  observedVictims: number;
  /** Persons on each list and records written per list (records include within-list duplicates). */
  lists: Record<string, { persons: number; records: number; expectedPersons: number }>;
  holidays: { newYear: string[]; lunarNewYear: string[]; pchumBen: string[] };
  shockWeeks: string[];
  organisations: number;
  members: number;
  transactions: number;
  calls: number;
  sentinel: SentinelRound[];
  rds: RdsSummary;
  nsum: NsumSummary;
  posts: { posts: number; deceptive: number; operations: number };
  /** Poipet deportees over the whole world and the share of victims among them. */
  poipetDeportees: { persons: number; victims: number; shareTrafficked: number };
}

interface PendingDuplicate {
  due: number;
  source: ListSource;
  person: TruePerson;
  identifiedDay: number;
}

function validateOptions(options: WorldOptions): Scenario {
  const scenario = SCENARIOS[options.scenario];
  if (!scenario) throw new Error(`synth/world: unknown scenario "${options.scenario}"`);
  if (!Number.isInteger(options.people) || options.people < 1)
    throw new Error('synth/world: people must be a positive integer');
  if (!Number.isInteger(options.weeks) || options.weeks < 8)
    throw new Error('synth/world: weeks must be an integer of at least 8');
  return scenario;
}

function identificationDay(source: ListSource, person: TruePerson, endDay: number, random: Random): number {
  if (person.returnDay !== null) {
    if (source.list === 'returns') return person.returnDay;
    return Math.min(endDay - 1, person.returnDay - 20 + random.integer(50));
  }
  const from = Math.max(person.migratedDay + 60, WORLD_START_DAY - 365);
  return Math.min(endDay - 1, from + random.integer(Math.max(1, endDay - from)));
}

function periodOf(person: TruePerson): string {
  return person.returnDay === null ? 'not_returned' : String(partsOf(person.returnDay).year);
}

/** Generates a whole world into the sink; returns its summary (the core of truth/summary.json). */
export function generateWorld(
  options: WorldOptions,
  sink: WorldSink,
  layout: WorldLayout = worldLayout(),
): WorldSummary {
  const scenario = validateOptions(options);
  const streams = forkStreams(options.seed);
  const organisationWorld = generateOrganisations(options.people, streams.organisations);
  const plan = planPopulation(options.weeks, organisationWorld);
  const endDay = weekStartDay(options.weeks);
  const lists = layout.listSources;
  const recordCounters = lists.map(() => 0);
  const personsOnList = lists.map(() => 0);
  const expectedOnList = lists.map(() => 0);
  const patterns = new Map<string, number>();
  const strata = new Map<string, number>();
  const pending: PendingDuplicate[] = [];
  let victims = 0;
  let observedVictims = 0;
  let returnedVictims = 0;
  let poipetDeportees = 0;
  let poipetVictims = 0;
  const money = new MoneyWriter(sink, streams.money, organisationWorld);
  const border = new BorderCounter(options.weeks);
  const sentinel = new SentinelSite(options.weeks, streams.sentinel);
  const hidden = new HiddenPopulation();

  const writeRecord = (
    source: ListSource,
    person: TruePerson,
    identifiedDay: number,
    referredBy: string | null,
    duplicate: boolean,
  ) => {
    const index = lists.indexOf(source);
    recordCounters[index]++;
    const recordId = `${source.recordPrefix}${String(recordCounters[index]).padStart(7, '0')}`;
    const observed = observePerson(person, identifiedDay, source.missing, streams.records);
    const context: ListRecordContext = {
      recordId,
      person,
      observed,
      identifiedDay,
      referredBy,
      random: streams.records,
    };
    sink.row(source.table.id, source.render(context));
    sink.row('truth:records', [
      source.name,
      recordId,
      person.id,
      duplicate ? 1 : 0,
      referredBy,
      observed.flags.join('|'),
    ]);
  };

  for (let index = 0; index < options.people; index++) {
    while (pending.length > 0 && pending[0].due <= index) {
      const due = pending.shift()!;
      writeRecord(due.source, due.person, due.identifiedDay, null, true);
    }
    const person = generatePerson(index, plan, streams.population);
    let capture: Capture | null = null;
    if (person.victim) {
      victims++;
      capture = captureVictim(person, scenario, streams.capture);
      let key = '';
      for (let l = 0; l < lists.length; l++) {
        key += capture.onList[l] ? '1' : '0';
        expectedOnList[l] += capture.probability[l];
        if (!capture.onList[l]) continue;
        personsOnList[l]++;
        const source = lists[l];
        const identifiedDay = identificationDay(source, person, endDay, streams.records);
        const referrer = capture.referredBy[l];
        const referredBy = referrer ? lists[LIST_NAMES.indexOf(referrer)].shortLabel : null;
        writeRecord(source, person, identifiedDay, referredBy, false);
        if (streams.records.next() < source.duplicateRate) {
          const later = Math.min(endDay - 1, identifiedDay + 7 + streams.records.integer(120));
          const due = index + 1 + streams.records.integer(2000);
          const at = pending.findIndex((entry) => entry.due > due);
          const entry = { due, source, person, identifiedDay: later };
          if (at < 0) pending.push(entry);
          else pending.splice(at, 0, entry);
        }
      }
      if (key.includes('1')) observedVictims++;
      patterns.set(key, (patterns.get(key) ?? 0) + 1);
      const stratum = `${person.route.id}\t${periodOf(person)}\t${key}`;
      strata.set(stratum, (strata.get(stratum) ?? 0) + 1);
    }
    sink.row('truth:persons', personTruthRow(person, capture));
    if (person.recruiter) sink.row('truth:ties', [person.id, person.recruiter.id, 'recruited']);
    if (person.transporter) sink.row('truth:ties', [person.id, person.transporter.id, 'transported']);
    if (person.employer) sink.row('truth:ties', [person.id, person.employer.id, 'employed']);
    if (person.victim && person.returnDay !== null) returnedVictims++;
    if (person.returnedHow === 'deported' && person.returnCrossing === 'KH-TH-01') {
      poipetDeportees++;
      if (person.victim) poipetVictims++;
    }
    money.person(person, endDay);
    border.person(person);
    sentinel.person(person);
    hidden.person(person);
  }
  for (const due of pending) writeRecord(due.source, due.person, due.identifiedDay, null, true);

  writePatterns(sink, patterns, strata);
  const organisationRows = organisationWorld.organisations;
  for (const organisation of organisationRows)
    sink.row('truth:organisations', [
      organisation.id,
      organisation.name,
      organisation.routeId,
      organisation.members.length,
    ]);
  for (const member of organisationWorld.members)
    sink.row('truth:members', [
      member.id,
      member.organisationId,
      member.role,
      member.country,
      member.sex,
      member.givenName,
      member.familyName,
      member.nativeName,
      member.nickname,
      member.phone,
      member.account,
      member.alsoWorksFor,
    ]);

  money.organisations(organisationWorld, options.weeks);
  const calls = generateCalls(organisationWorld, options.weeks, sink, streams.calls);
  border.write(sink, streams.border);
  const sentinelRounds = sentinel.write(sink);
  const rds = hidden.write(sink, scenario, streams.rds);
  const nsum = writeNsum(options.people, returnedVictims, sink, streams.nsum);
  const posts = writePosts(organisationWorld, options.people, options.weeks, sink, streams.posts);

  const holidays = holidayWeeks(options.weeks);
  const weekDate = (week: number) => isoDate(weekStartDay(week));
  return {
    seed: options.seed,
    scenario,
    people: options.people,
    weeks: options.weeks,
    firstWeek: isoDate(WORLD_START_DAY),
    victims,
    observedVictims,
    lists: Object.fromEntries(
      lists.map((source, l) => [
        source.name,
        {
          persons: personsOnList[l],
          records: recordCounters[l],
          expectedPersons: Math.round(expectedOnList[l] * 100) / 100,
        },
      ]),
    ),
    holidays: {
      newYear: holidays.newYear.map(weekDate),
      lunarNewYear: holidays.lunarNewYear.map(weekDate),
      pchumBen: holidays.pchumBen.map(weekDate),
    },
    shockWeeks: shockWeeks(options.weeks).map(weekDate),
    organisations: organisationCount(options.people),
    members: organisationWorld.members.length,
    transactions: money.written,
    calls,
    sentinel: sentinelRounds,
    rds,
    nsum,
    posts,
    poipetDeportees: {
      persons: poipetDeportees,
      victims: poipetVictims,
      shareTrafficked: poipetDeportees === 0 ? 0 : poipetVictims / poipetDeportees,
    },
  };
}

function writePatterns(sink: WorldSink, patterns: Map<string, number>, strata: Map<string, number>): void {
  const all = 1 << LIST_NAMES.length;
  for (let mask = all - 1; mask >= 0; mask--) {
    let key = '';
    for (let l = 0; l < LIST_NAMES.length; l++) key += mask & (1 << (LIST_NAMES.length - 1 - l)) ? '1' : '0';
    const count = patterns.get(key) ?? 0;
    sink.row('truth:patterns', [...key.split('').map(Number), count]);
    if (mask > 0 && count > 0) sink.row('samples:mse_patterns', [...key.split('').map(Number), count]);
  }
  for (const stratum of [...strata.keys()].sort()) {
    const [route, period, key] = stratum.split('\t');
    sink.row('truth:patterns_by_stratum', [
      route,
      period,
      ...key.split('').map(Number),
      strata.get(stratum)!,
    ]);
  }
}

function personTruthRow(person: TruePerson, capture: Capture | null): Cell[] {
  const name = canonicalName(person.nationality, person.name);
  return [
    person.id,
    person.nationality,
    person.sex,
    isoDate(person.birthDay),
    person.ageAtMigration,
    name.given,
    name.family,
    nativeFullName(person.nationality, person.name),
    person.phone,
    person.documentNumber,
    person.originProvince,
    person.originVillage,
    person.route.id,
    person.route.crossing,
    person.route.destination,
    person.destinationProvince,
    person.sector,
    person.brokerKind,
    person.recruiter?.id ?? null,
    person.transporter?.id ?? null,
    person.employer?.id ?? null,
    person.recruiter?.organisationId ?? null,
    isoDate(person.migratedDay),
    person.returnDay === null ? null : isoDate(person.returnDay),
    person.returnCrossing,
    person.returnedHow,
    person.victim ? 1 : 0,
    person.exploitation,
    periodOf(person),
    ...LIST_NAMES.map((_, l) => (capture?.onList[l] ? 1 : 0)),
    ...LIST_NAMES.map((_, l) => (capture ? Math.round(capture.probability[l] * 1e6) / 1e6 : null)),
  ];
}
