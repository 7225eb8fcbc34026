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
 *
 * The same interviews also come as a KoBoToolbox-style export against SIREN's default instrument
 * (instruments/sentinel-interview): sentinel/kobo_submissions.csv, group paths joined by `/`,
 * select_multiple space-separated, `meta/instanceID`, `_uuid`, `_submission_time`, the selection
 * code `R<round>-A<arrival number>` on the round's list, brokers' names, phones and villages as
 * personal answers. sentinel/round_plans.ndjson gives each systematic round's plan (the period
 * `R<round>`, its dates and official count = the round's deportees, interval and random start), so
 * that the export can be imported into a round and weighted. Time–location rounds are in the export
 * too but have no stored plan form (their slots are the world's own, not SIREN's frame).
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

type KoboSource =
  | { answer: string }
  | { field: 'selection_code' | 'interview_date' | 'start' | 'end' | 'consent' | 'origin_province' }
  | { broker: 'name' | 'phone' | 'village' }
  | { blank: true };

/** Columns of the KoBo-style export: question path and where its value comes from. */
const KOBO_COLUMNS: readonly (readonly [string, KoboSource])[] = [
  ['start', { field: 'start' }],
  ['end', { field: 'end' }],
  ['today', { field: 'interview_date' }],
  ['selection/selection_code', { field: 'selection_code' }],
  ['selection/interview_date', { field: 'interview_date' }],
  ['selection/consent', { field: 'consent' }],
  ['person/sex', { answer: 'sex' }],
  ['person/age', { answer: 'ageAtInterview' }],
  ['person/age_at_recruitment', { answer: 'ageAtRecruitment' }],
  ['person/origin_province', { field: 'origin_province' }],
  ['person/dropped_out_of_school', { blank: true }],
  ['person/recruited_as_child', { blank: true }],
  ['journey/crossed_border', { answer: 'crossedBorder' }],
  ['journey/irregular_migration', { answer: 'irregularMigration' }],
  ['journey/destination_country', { answer: 'destinationCountry' }],
  ['journey/route_crossing', { blank: true }],
  ['journey/transported_by_others', { answer: 'transportedByOthers' }],
  ['broker/recruited_by', { answer: 'recruitedBy' }],
  ['broker/broker_fee_usd', { answer: 'brokerFeePaid' }],
  ['broker/recruited_by_force', { answer: 'recruitedByForce' }],
  ['broker/sold_or_transferred', { answer: 'soldOrTransferredForPayment' }],
  ['broker/broker_name', { broker: 'name' }],
  ['broker/broker_phone', { broker: 'phone' }],
  ['broker/broker_village', { broker: 'village' }],
  ['debts/debt_to_broker_or_employer', { answer: 'debtToBrokerOrEmployer' }],
  ['debts/debt_repaid_through_work', { answer: 'debtRepaidThroughWork' }],
  ['debts/debt_amount_usd', { blank: true }],
  ['deception/deceived_about', { answer: 'deceivedAbout' }],
  ['work/sector', { answer: 'sector' }],
  ['work/hours_per_day', { answer: 'hoursPerDay' }],
  ['work/days_per_week', { answer: 'daysPerWeek' }],
  ['work/forced_overtime', { answer: 'forcedOvertime' }],
  ['work/forced_tasks_or_clients', { answer: 'forcedTasksOrClients' }],
  ['work/forced_sexual_exploitation', { answer: 'forcedSexualExploitation' }],
  ['work/degrading_living_conditions', { answer: 'degradingLivingConditions' }],
  ['work/dependent_on_employer_for_housing_or_food', { answer: 'dependentOnEmployerForHousingOrFood' }],
  ['confinement/locked_in_or_guarded', { answer: 'lockedInOrGuarded' }],
  ['confinement/movement_restricted', { answer: 'movementRestricted' }],
  ['confinement/communication_restricted', { answer: 'communicationRestricted' }],
  ['confinement/documents_retained', { answer: 'documentsRetained' }],
  ['violence/physical_violence', { answer: 'physicalViolence' }],
  ['violence/sexual_violence', { answer: 'sexualViolence' }],
  ['violence/threats_against_self', { answer: 'threatsAgainstSelf' }],
  ['violence/threats_against_family', { answer: 'threatsAgainstFamily' }],
  ['violence/threat_of_denunciation', { answer: 'threatOfDenunciationToAuthorities' }],
  ['violence/fines_or_penalties', { answer: 'finesOrPenalties' }],
  ['wages/wages_withheld', { answer: 'wagesWithheld' }],
  ['wages/wages_below_promised', { answer: 'wagesBelowPromised' }],
  ['wages/months_unpaid', { answer: 'monthsUnpaid' }],
  ['wages/unable_to_leave_employer', { answer: 'unableToLeaveEmployer' }],
  ['wages/kept_working_to_repay_debt', { answer: 'keptWorkingToRepayDebt' }],
  ['wages/kept_working_for_wages_due', { answer: 'keptWorkingForWagesDue' }],
  ['family/sent_remittances', { blank: true }],
  ['family/remittances_total_usd', { blank: true }],
  ['family/family_welfare', { blank: true }],
  ['family/household_size', { blank: true }],
  ['return/return_mode', { answer: 'returnMode' }],
  ['return/identified_as_victim', { answer: 'identifiedAsVictimByOfficials' }],
];

/** A fixed-form UUID from the interview number (deterministic, no randomness drawn). */
function interviewUuid(number: number): string {
  return `5e471e01-0000-4000-8000-${String(number).padStart(12, '0')}`;
}

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
    id: 'sentinel:kobo',
    path: 'sentinel/kobo_submissions.csv',
    format: 'csv',
    columns: [
      ...KOBO_COLUMNS.map(([column]) => column),
      'meta/instanceID',
      '_id',
      '_uuid',
      '_submission_time',
      '_index',
    ],
  },
  {
    id: 'sentinel:plans',
    path: 'sentinel/round_plans.ndjson',
    format: 'ndjson',
    columns: [
      'round',
      'kind',
      'period',
      'periodStart',
      'periodEnd',
      'officialCount',
      'interval',
      'randomStart',
      'selected',
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
        const start = random.integer(interval);
        sink.row('sentinel:plans', [
          r + 1,
          'systematic',
          `R${r + 1}`,
          isoDate(weekStartDay(round.first)),
          isoDate(weekStartDay(round.end) - 1),
          arrivals.length,
          interval,
          start + 1,
          Math.ceil((arrivals.length - start) / interval),
        ]);
        for (let i = start; i < arrivals.length; i += interval)
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
        const brokerName = broker
          ? random.next() < 0.5
            ? broker.nickname
            : `${broker.givenName} ${broker.familyName}`.trim()
          : null;
        const brokerPhone = broker && random.next() < 0.5 ? broker.phone : null;
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
          brokerName,
          brokerPhone,
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
        const date = isoDate(day);
        const uuid = interviewUuid(interviews);
        const fields: Record<string, Cell> = {
          start: `${date}T09:00:00.000+07:00`,
          end: `${date}T09:40:00.000+07:00`,
          selection_code: `R${r + 1}-A${choice.number}`,
          interview_date: date,
          consent: 'OK',
          origin_province: observed.province,
        };
        const withBroker = answers.recruitedBy !== 'self' && broker !== null;
        const brokerFields: Record<string, Cell> = {
          name: withBroker ? brokerName : null,
          phone: withBroker ? brokerPhone : null,
          village: null,
        };
        sink.row('sentinel:kobo', [
          ...KOBO_COLUMNS.map(([, source]) =>
            'answer' in source
              ? answerCell(answers[source.answer])
              : 'field' in source
                ? fields[source.field]
                : 'broker' in source
                  ? brokerFields[source.broker]
                  : null,
          ),
          `uuid:${uuid}`,
          interviews,
          uuid,
          `${date}T12:00:00`,
          interviews,
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
