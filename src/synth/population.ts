import type { Random } from '../analytics/common/random.ts';
import type { EXPLOITATION_CODES, RETURN_CODES } from '../domain/fields.ts';
import {
  cumulative,
  drawFromCumulative,
  WORLD_START_DAY,
  weeklyIntensity,
  weekStartDay,
} from './calendar.ts';
import { drawDocumentNumber, drawPhone } from './identifiers.ts';
import { drawName, type TrueName } from './names.ts';
import type { Member, OrganisationWorld } from './organisations.ts';
import type { Country } from './places.ts';
import {
  ORIGIN_PROVINCES,
  ORIGIN_SHARES,
  ROUTES,
  ROUTES_BY_ORIGIN,
  type Route,
  type Sector,
} from './routes.ts';
import { villageName } from './villages.ts';

export type ReturnCode = (typeof RETURN_CODES)[number];
export type ExploitationCode = (typeof EXPLOITATION_CODES)[number];
export type BrokerKind = 'organisation' | 'informal' | 'none';

/**
 * One true migrant of the synthetic world. Victimisation (Bernoulli with log-odds)
 *   −2.65 + sector + route + 0.7·[age < 18] + 0.2·[female] + broker
 * with sector effects {fishing 1.1, entertainment_sex_work 1.4, domestic_work 0.6, begging 1.5,
 * construction 0.1, agriculture −0.3, factory −0.2, other 0.8}, broker effects {organisation 1.9,
 * informal 0.2, none −1.2} and the route's effect (e.g. scam-compound routes +1); this puts about a
 * quarter of deportees arriving at Poipet among victims, as the region's sentinel rounds found.
 */
export interface TruePerson {
  index: number;
  id: string;
  nationality: Country;
  sex: 'female' | 'male';
  birthDay: number;
  ageAtMigration: number;
  name: TrueName;
  phone: string;
  documentNumber: string | null;
  originProvince: string;
  originVillage: string;
  route: Route;
  destinationProvince: string;
  sector: Sector;
  brokerKind: BrokerKind;
  recruiter: Member | null;
  transporter: Member | null;
  employer: Member | null;
  migratedDay: number;
  /** Week of return (index into the world's weeks), or -1 when not returned. */
  returnWeek: number;
  returnDay: number | null;
  /** Crossing passed on the way back (null: by air or not returned). */
  returnCrossing: string | null;
  returnedHow: ReturnCode;
  victim: boolean;
  exploitation: ExploitationCode | null;
}

const SECTOR_WEIGHTS: Record<'female' | 'male', Record<Sector, number>> = {
  female: {
    fishing: 0.02,
    construction: 0.08,
    agriculture: 0.2,
    factory: 0.25,
    domestic_work: 0.2,
    entertainment_sex_work: 0.15,
    begging: 0.03,
    other: 0.07,
  },
  male: {
    fishing: 0.25,
    construction: 0.3,
    agriculture: 0.25,
    factory: 0.12,
    domestic_work: 0.01,
    entertainment_sex_work: 0.01,
    begging: 0.02,
    other: 0.06,
  },
};
const SECTORS = Object.keys(SECTOR_WEIGHTS.female) as Sector[];

const SECTOR_EFFECT: Record<Sector, number> = {
  fishing: 1.1,
  construction: 0.1,
  agriculture: -0.3,
  factory: -0.2,
  domestic_work: 0.6,
  entertainment_sex_work: 1.4,
  begging: 1.5,
  other: 0.8,
};
const BROKER_EFFECT: Record<BrokerKind, number> = { organisation: 1.9, informal: 0.2, none: -1.2 };
const VICTIM_INTERCEPT = -2.65;

const RETURN_VICTIM: Record<ReturnCode, number> = {
  deported: 0.42,
  rescued: 0.14,
  escaped: 0.1,
  returned_self: 0.12,
  not_returned: 0.22,
};
const RETURN_NON_VICTIM: Record<ReturnCode, number> = {
  deported: 0.32,
  rescued: 0,
  escaped: 0,
  returned_self: 0.43,
  not_returned: 0.25,
};
const RETURN_CODES_ORDER = Object.keys(RETURN_VICTIM) as ReturnCode[];

const COUNTRIES = Object.keys(ORIGIN_SHARES) as Country[];
const COUNTRY_WEIGHTS = COUNTRIES.map((country) => ORIGIN_SHARES[country]);
const ROUTE_WEIGHTS = new Map(
  COUNTRIES.map((country) => [country, ROUTES_BY_ORIGIN.get(country)!.map((route) => route.share)]),
);
const SECTOR_WEIGHTS_BY_ROUTE = new Map(
  ROUTES.map((route) => [
    route,
    {
      female: SECTORS.map((sector) => SECTOR_WEIGHTS.female[sector] * (route.sectorBoost[sector] ?? 1)),
      male: SECTORS.map((sector) => SECTOR_WEIGHTS.male[sector] * (route.sectorBoost[sector] ?? 1)),
    },
  ]),
);
const RETURN_WEIGHTS_VICTIM = RETURN_CODES_ORDER.map((code) => RETURN_VICTIM[code]);
const RETURN_WEIGHTS_NON_VICTIM = RETURN_CODES_ORDER.map((code) => RETURN_NON_VICTIM[code]);

/** Precomputed tables of one world: return-week distributions per route. */
export interface PopulationPlan {
  weeks: number;
  organisations: OrganisationWorld;
  returnWeeks: Float64Array[];
  deportationWeeksWithShock: Float64Array[];
  /** Sizes of the organisations serving each route, the weights of a broker's organisation. */
  organisationWeights: Map<string, number[]>;
}

export function planPopulation(weeks: number, organisations: OrganisationWorld): PopulationPlan {
  return {
    weeks,
    organisations,
    organisationWeights: new Map(
      [...organisations.byRoute].map(([routeId, list]) => [
        routeId,
        list.map((organisation) => organisation.members.length),
      ]),
    ),
    returnWeeks: ROUTES.map((route) => cumulative(weeklyIntensity(weeks, route.origin, false))),
    deportationWeeksWithShock: ROUTES.map((route) =>
      cumulative(weeklyIntensity(weeks, route.origin, route.origin === 'KH' && route.destination === 'TH')),
    ),
  };
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function exploitationOf(
  sector: Sector,
  sex: 'female' | 'male',
  route: Route,
  random: Random,
): ExploitationCode {
  if (sector === 'entertainment_sex_work') return 'sexual_exploitation';
  if (sector === 'domestic_work') return 'domestic_servitude';
  if (sector === 'begging') return 'forced_begging';
  if (sector === 'other' && sex === 'female' && route.destination === 'CN' && random.bernoulli(0.7))
    return 'forced_marriage';
  return 'forced_labour';
}

/** Draws true migrant number `index`. */
export function generatePerson(index: number, plan: PopulationPlan, random: Random): TruePerson {
  const nationality = COUNTRIES[random.categorical(COUNTRY_WEIGHTS)];
  const routes = ROUTES_BY_ORIGIN.get(nationality)!;
  const route = routes[random.categorical(ROUTE_WEIGHTS.get(nationality)!)];
  const routeIndex = ROUTES.indexOf(route);
  const sex = random.bernoulli(0.45) ? 'female' : 'male';
  const sector = SECTORS[random.categorical(SECTOR_WEIGHTS_BY_ROUTE.get(route)![sex])];
  const ageAtMigration = Math.min(55, 14 + Math.floor(random.gamma(2.5, 4)));
  const originProvince = random.pick(ORIGIN_PROVINCES[nationality]);
  const originVillage = villageName(originProvince, nationality, random.integer(40));
  const name = drawName(nationality, sex, random);
  const phone = drawPhone(nationality, random);
  const documentNumber = random.bernoulli(0.5) ? drawDocumentNumber(nationality, random) : null;

  let brokerKind: BrokerKind = 'none';
  const brokerDraw = random.next();
  const organisations = plan.organisations.byRoute.get(route.id);
  if (brokerDraw < 0.3 && organisations) brokerKind = 'organisation';
  else if (brokerDraw < 0.65) brokerKind = 'informal';
  let recruiter: Member | null = null;
  let transporter: Member | null = null;
  let employer: Member | null = null;
  if (brokerKind === 'organisation' && organisations) {
    const organisation = organisations[random.categorical(plan.organisationWeights.get(route.id)!)];
    recruiter = random.pick(organisation.byRole.recruiter);
    transporter = random.pick(organisation.byRole.transporter);
    employer = random.pick(organisation.byRole.employer);
  }

  const logOdds =
    VICTIM_INTERCEPT +
    SECTOR_EFFECT[sector] +
    route.victimEffect +
    (ageAtMigration < 18 ? 0.7 : 0) +
    (sex === 'female' ? 0.2 : 0) +
    BROKER_EFFECT[brokerKind];
  const victim = random.next() < logistic(logOdds);
  const returnedHow =
    RETURN_CODES_ORDER[random.categorical(victim ? RETURN_WEIGHTS_VICTIM : RETURN_WEIGHTS_NON_VICTIM)];
  const endDay = weekStartDay(plan.weeks);
  let returnWeek = -1;
  let returnDay: number | null = null;
  let migratedDay: number;
  if (returnedHow === 'not_returned') {
    migratedDay = WORLD_START_DAY - 365 + random.integer(endDay - WORLD_START_DAY + 365);
  } else {
    const cdf =
      returnedHow === 'deported' ? plan.deportationWeeksWithShock[routeIndex] : plan.returnWeeks[routeIndex];
    returnWeek = drawFromCumulative(cdf, random.next());
    returnDay = weekStartDay(returnWeek) + random.integer(7);
    migratedDay = returnDay - 30 - Math.floor(random.gamma(2, 150));
  }
  let returnCrossing: string | null = null;
  if (returnDay !== null && route.crossing) {
    // Thai immigration deports most Cambodians through Poipet whatever crossing they used.
    returnCrossing =
      returnedHow === 'deported' &&
      route.origin === 'KH' &&
      route.destination === 'TH' &&
      random.bernoulli(0.5)
        ? 'KH-TH-01'
        : route.crossing;
  }
  const birthDay = migratedDay - Math.floor(ageAtMigration * 365.25) - random.integer(365);
  return {
    index,
    id: `P${String(index + 1).padStart(7, '0')}`,
    nationality,
    sex,
    birthDay,
    ageAtMigration,
    name,
    phone,
    documentNumber,
    originProvince,
    originVillage,
    route,
    destinationProvince: random.pick(route.destinationProvinces),
    sector,
    brokerKind,
    recruiter,
    transporter,
    employer,
    migratedDay,
    returnWeek,
    returnDay,
    returnCrossing,
    returnedHow,
    victim,
    exploitation: victim ? exploitationOf(sector, sex, route, random) : null,
  };
}
