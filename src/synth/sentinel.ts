import type { Random } from '../analytics/common/random.ts';
import { weekStartDay } from './calendar.ts';
import { isoDate, isoDateTime } from './identifiers.ts';
import type { TruePerson } from './population.ts';
import { observePerson } from './records.ts';
import { type Cell, type SourceSpec, sourceSpec, type TableSpec, type WorldSink } from './tables.ts';

/**
 * Sentinel-site interviews at Poipet: the site's population is every migrant deported through
 * KH-TH-01 in a round's 13 weeks (rounds every 26 weeks, the last ending with the world; up to four).
 * Odd rounds select by systematic sampling of arrivals (sorted by arrival time, every k-th from a
 * random start, k = ⌊N / 400⌋ ≥ 1, selection probability 1/k); even rounds by time–location sampling
 * (each day one of four three-hour slots at random; in the chosen slot up to m = ⌈400 / 91⌉ arrivals
 * at random, probability ¼ · min(1, m / M_slot)). Selected people refuse with probability 0.15
 * (victims) or 0.08 (others), which the selection log records. Answers use the canonical keys of
 * src/analytics/surveillance/answers.ts and follow each person's true history: victims mostly report
 * deception, debts, confinement, retained documents, threats and withheld wages; others rarely.
 * Each answer is missing ("don't know") with probability 0.01. Non-victims report single abuses
 * now and then (each at 0.2–6%), rarely both an involuntariness and a penalty indicator.
 *
 * CSV answers: booleans yes/no, empty when not known; `deceivedAbout` space-separated topics, `none`
 * when asked and not deceived. samples/sentinel_answers.ndjson holds the same answers as canonical
 * JSON objects (one per interview, `interviewId` first).
 */
export const SITE = 'Poipet';
export const SITE_CROSSING = 'KH-TH-01';
export const ROUND_WEEKS = 13;
export const TARGET_SAMPLE = 400;
const SLOTS_PER_DAY = 4;
export const MISSING_ANSWER_RATE = 0.01;

const ANSWER_COLUMNS = [
  'ageAtInterview',
  'ageAtRecruitment',
  'crossedBorder',
  'irregularMigration',
  'destinationCountry',
  'transportedByOthers',
  'recruitedBy',
  'brokerFeePaid',
  'recruitedByForce',
  'soldOrTransferredForPayment',
  'debtToBrokerOrEmployer',
  'debtRepaidThroughWork',
  'deceivedAbout',
  'hoursPerDay',
  'daysPerWeek',
  'forcedOvertime',
  'forcedTasksOrClients',
  'forcedSexualExploitation',
  'degradingLivingConditions',
  'dependentOnEmployerForHousingOrFood',
  'lockedInOrGuarded',
  'movementRestricted',
  'communicationRestricted',
  'documentsRetained',
  'physicalViolence',
  'sexualViolence',
  'threatsAgainstSelf',
  'threatsAgainstFamily',
  'threatOfDenunciationToAuthorities',
  'finesOrPenalties',
  'wagesWithheld',
  'wagesBelowPromised',
  'monthsUnpaid',
  'unableToLeaveEmployer',
  'keptWorkingToRepayDebt',
  'keptWorkingForWagesDue',
  'returnMode',
  'identifiedAsVictimByOfficials',
] as const;

const FIELD_COLUMNS = [
  'interview_id',
  'interviewed_on',
  'site',
  'round',
  'full_name',
  'name_native',
  'sex',
  'age',
  'nationality',
  'phone',
  'origin_village',
  'origin_province',
  'destination_country',
  'sector',
  'returned_how',
  'broker_name',
  'broker_phone',
  'selection_probability',
] as const;

export function sentinelSource(): SourceSpec {
  const table: TableSpec = {
    id: 'source:sentinel',
    path: 'sources/sentinel_poipet/interviews.csv',
    format: 'csv',
    delimiter: ',',
    encoding: 'utf-8',
    columns: [...FIELD_COLUMNS, ...ANSWER_COLUMNS],
  };
  return sourceSpec(
    'sentinel_poipet',
    'interview',
    'Sentinel surveillance team, Poipet transit centre',
    table,
    Object.fromEntries(FIELD_COLUMNS.map((column) => [column, column])),
  );
}

export const SENTINEL_TABLES: TableSpec[] = [
  {
    id: 'samples:sentinel_answers',
    path: 'samples/sentinel_answers.ndjson',
    format: 'ndjson',
    columns: ['interviewId', 'sex', 'sector', ...ANSWER_COLUMNS],
  },
  {
    id: 'samples:sentinel_selection',
    path: 'samples/sentinel_selection.csv',
    format: 'csv',
    columns: [
      'round',
      'plan',
      'arrival_number',
      'arrived_at',
      'slot',
      'selection_probability',
      'outcome',
      'interview_id',
    ],
  },
  {
    id: 'truth:interviews',
    path: 'truth/interviews.csv',
    format: 'csv',
    columns: ['interview_id', 'round', 'person_id', 'victim', 'selection_probability'],
  },
];

export interface SentinelRound {
  round: number;
  plan: 'systematic' | 'time_location';
  firstWeek: number;
  weeks: number;
  /** Deportees through the site in the round (the site's official count). */
  population: number;
  trueVictims: number;
  trueShareTrafficked: number;
  selected: number;
  refused: number;
  interviewed: number;
  /** Systematic plans: the interval k. */
  interval?: number;
}

interface Arrival {
  person: TruePerson;
  day: number;
  minute: number;
}

const ANSWER_SECTOR: Record<string, string> = {
  fishing: 'fishing',
  construction: 'construction',
  agriculture: 'agriculture',
  factory: 'manufacturing',
  domestic_work: 'domestic_work',
  entertainment_sex_work: 'hospitality',
  begging: 'begging',
  other: 'other',
};

type AnswerValue = boolean | number | string | string[] | null;

/** The canonical answers of one interviewee, from the true history. */
export function answersOf(
  person: TruePerson,
  interviewDay: number,
  random: Random,
): Record<string, AnswerValue> {
  const victim = person.victim;
  const chance = (p: number) => random.next() < p;
  const withBroker = person.brokerKind !== 'none';
  const sexual = person.exploitation === 'sexual_exploitation';
  const debt = chance(victim ? 0.55 : 0.04);
  const withheld = chance(victim ? 0.65 : 0.03);
  const topics: string[] = [];
  const deception: [string, number, number][] = [
    ['nature_of_work', 0.35, 0.005],
    ['wages', 0.6, 0.04],
    ['working_conditions', 0.5, 0.03],
    ['living_conditions', 0.3, 0.01],
    ['employer_or_location', 0.2, 0.01],
    ['legal_status_or_documents', 0.25, 0.01],
    ['marriage', person.exploitation === 'forced_marriage' ? 0.9 : 0, 0],
  ];
  for (const [topic, ifVictim, otherwise] of deception)
    if (chance(victim ? ifVictim : otherwise)) topics.push(topic);
  const recruitedBy =
    person.brokerKind === 'organisation'
      ? 'broker'
      : person.brokerKind === 'informal'
        ? random.pick(['broker', 'broker', 'relative', 'friend'])
        : random.pick(['self', 'friend', 'relative']);
  const answers: Record<string, AnswerValue> = {
    sex: person.sex,
    ageAtInterview: Math.floor((interviewDay - person.birthDay) / 365.25),
    ageAtRecruitment: person.ageAtMigration,
    crossedBorder: true,
    irregularMigration: chance(0.85),
    destinationCountry: person.route.destination,
    transportedByOthers: chance(withBroker ? 0.9 : 0.2),
    recruitedBy,
    brokerFeePaid: recruitedBy === 'broker' ? Math.round(100 + random.gamma(2, 200)) : 0,
    recruitedByForce: chance(victim ? 0.05 : 0),
    soldOrTransferredForPayment: chance(victim ? (person.sector === 'fishing' ? 0.3 : 0.1) : 0),
    debtToBrokerOrEmployer: debt,
    debtRepaidThroughWork: debt ? chance(victim ? 0.8 : 0.5) : false,
    deceivedAbout: topics,
    sector:
      ANSWER_SECTOR[person.sector] === 'hospitality' && sexual ? 'sex_work' : ANSWER_SECTOR[person.sector],
    hoursPerDay: Math.max(4, Math.min(20, Math.round(victim ? random.normal(13, 2) : random.normal(9, 1.2)))),
    daysPerWeek: victim ? (chance(0.6) ? 7 : 6) : chance(0.6) ? 6 : chance(0.9) ? 5 : 7,
    forcedOvertime: chance(victim ? 0.5 : 0.02),
    forcedTasksOrClients: chance(victim ? 0.3 : 0.005),
    forcedSexualExploitation: victim && sexual ? chance(0.8) : false,
    degradingLivingConditions: chance(victim ? 0.5 : 0.04),
    dependentOnEmployerForHousingOrFood: chance(victim ? 0.7 : 0.15),
    lockedInOrGuarded: chance(victim ? (person.sector === 'fishing' ? 0.7 : 0.4) : 0.01),
    movementRestricted: chance(victim ? 0.6 : 0.01),
    communicationRestricted: chance(victim ? 0.4 : 0.005),
    documentsRetained: chance(victim ? 0.55 : 0.03),
    physicalViolence: chance(victim ? 0.3 : 0.005),
    sexualViolence: chance(victim && person.sex === 'female' ? 0.15 : 0.005),
    threatsAgainstSelf: chance(victim ? 0.45 : 0.01),
    threatsAgainstFamily: chance(victim ? 0.2 : 0.002),
    threatOfDenunciationToAuthorities: chance(victim ? 0.5 : 0.02),
    finesOrPenalties: chance(victim ? 0.3 : 0.01),
    wagesWithheld: withheld,
    wagesBelowPromised: chance(victim ? 0.7 : 0.06),
    monthsUnpaid: withheld ? 1 + random.integer(6) : 0,
    unableToLeaveEmployer: chance(victim ? 0.75 : 0.01),
    keptWorkingToRepayDebt: debt ? chance(victim ? 0.7 : 0.05) : false,
    keptWorkingForWagesDue: chance(victim ? 0.4 : 0.01),
    returnMode: 'deported',
    identifiedAsVictimByOfficials: false,
  };
  for (const key of ANSWER_COLUMNS) if (random.next() < MISSING_ANSWER_RATE) answers[key] = null;
  return answers;
}

function answerCell(value: AnswerValue): Cell {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(' ');
  return value;
}

/** Collects the site's arrivals as the population streams by, then samples and interviews them. */
export class SentinelSite {
  private readonly rounds: { first: number; end: number; arrivals: Arrival[] }[] = [];

  constructor(
    weeks: number,
    private readonly random: Random,
  ) {
    const count = Math.max(1, Math.min(4, Math.floor(weeks / 26)));
    for (let r = 0; r < count; r++) {
      const end = weeks - 26 * (count - 1 - r);
      this.rounds.push({ first: Math.max(0, end - ROUND_WEEKS), end, arrivals: [] });
    }
  }

  person(person: TruePerson): void {
    if (
      person.returnedHow !== 'deported' ||
      person.returnCrossing !== SITE_CROSSING ||
      person.returnDay === null
    )
      return;
    for (const round of this.rounds)
      if (person.returnWeek >= round.first && person.returnWeek < round.end)
        round.arrivals.push({ person, day: person.returnDay, minute: 360 + this.random.integer(720) });
  }

  write(sink: WorldSink): SentinelRound[] {
    const random = this.random;
    const results: SentinelRound[] = [];
    let interviews = 0;
    this.rounds.forEach((round, r) => {
      const arrivals = round.arrivals.sort(
        (a, b) => a.day - b.day || a.minute - b.minute || a.person.index - b.person.index,
      );
      const plan = r % 2 === 0 ? 'systematic' : 'time_location';
      const selected: { arrival: Arrival; number: number; probability: number; slot: number | null }[] = [];
      let interval: number | undefined;
      if (plan === 'systematic') {
        interval = Math.max(1, Math.floor(arrivals.length / TARGET_SAMPLE));
        for (let i = random.integer(interval); i < arrivals.length; i += interval)
          selected.push({ arrival: arrivals[i], number: i + 1, probability: 1 / interval, slot: null });
      } else {
        const days = (round.end - round.first) * 7;
        const perSlot = Math.max(1, Math.ceil(TARGET_SAMPLE / days));
        const firstDay = weekStartDay(round.first);
        const bySlot = new Map<number, { arrival: Arrival; number: number }[]>();
        arrivals.forEach((arrival, i) => {
          const key =
            (arrival.day - firstDay) * SLOTS_PER_DAY +
            Math.min(SLOTS_PER_DAY - 1, Math.floor((arrival.minute - 360) / 180));
          const list = bySlot.get(key) ?? [];
          list.push({ arrival, number: i + 1 });
          bySlot.set(key, list);
        });
        for (let day = 0; day < days; day++) {
          const slot = random.integer(SLOTS_PER_DAY);
          const present = bySlot.get(day * SLOTS_PER_DAY + slot) ?? [];
          const take = random.shuffle([...present]).slice(0, perSlot);
          const probability = (1 / SLOTS_PER_DAY) * Math.min(1, perSlot / Math.max(1, present.length));
          for (const chosen of take.sort((a, b) => a.number - b.number))
            selected.push({ arrival: chosen.arrival, number: chosen.number, probability, slot });
        }
      }
      let refused = 0;
      for (const choice of selected) {
        const person = choice.arrival.person;
        const arrivedAt = isoDateTime(choice.arrival.day, choice.arrival.minute);
        if (random.next() < (person.victim ? 0.15 : 0.08)) {
          refused++;
          sink.row('samples:sentinel_selection', [
            r + 1,
            plan,
            choice.number,
            arrivedAt,
            choice.slot,
            choice.probability,
            'refused',
            null,
          ]);
          continue;
        }
        interviews++;
        const id = `SEN-${String(interviews).padStart(6, '0')}`;
        const day = choice.arrival.day;
        const observed = observePerson(person, day, { phone: 0.6, nameNative: 0.2, village: 0.1 }, random);
        const answers = answersOf(person, day, random);
        const broker = person.recruiter && random.next() < 0.6 ? person.recruiter : null;
        sink.row('source:sentinel', [
          id,
          isoDate(day),
          SITE,
          `R${r + 1}`,
          observed.fullName,
          observed.nameNative,
          person.sex,
          observed.age,
          person.nationality,
          observed.phone,
          observed.village,
          observed.province,
          person.route.destination,
          person.sector,
          person.returnedHow,
          broker
            ? random.next() < 0.5
              ? broker.nickname
              : `${broker.givenName} ${broker.familyName}`.trim()
            : null,
          broker && random.next() < 0.5 ? broker.phone : null,
          choice.probability,
          ...ANSWER_COLUMNS.map((key) => answerCell(answers[key])),
        ]);
        sink.row('samples:sentinel_answers', [
          id,
          answers.sex as string,
          answers.sector as string,
          ...ANSWER_COLUMNS.map((key) => answers[key]),
        ]);
        sink.row('samples:sentinel_selection', [
          r + 1,
          plan,
          choice.number,
          arrivedAt,
          choice.slot,
          choice.probability,
          'completed',
          id,
        ]);
        sink.row('truth:interviews', [id, r + 1, person.id, person.victim ? 1 : 0, choice.probability]);
      }
      const victims = arrivals.filter((arrival) => arrival.person.victim).length;
      results.push({
        round: r + 1,
        plan,
        firstWeek: round.first,
        weeks: round.end - round.first,
        population: arrivals.length,
        trueVictims: victims,
        trueShareTrafficked: arrivals.length === 0 ? 0 : victims / arrivals.length,
        selected: selected.length,
        refused,
        interviewed: selected.length - refused,
        ...(interval === undefined ? {} : { interval }),
      });
      round.arrivals = [];
    });
    return results;
  }
}
