import type { Random } from '../analytics/common/random.ts';
import { drawAccount, drawPhone } from './identifiers.ts';
import { canonicalName, drawName } from './names.ts';
import type { Country } from './places.ts';
import { ROUTES, type Route } from './routes.ts';

/**
 * The true trafficking organisations: each works one route and has members in the roles of the
 * chain (organiser and financier at the top, recruiters in the villages, transporters, document
 * forgers, employers at destination, corrupt officials, and money mules who pass the proceeds on).
 * A few brokers belong to two organisations (the bridges that make the network one component).
 */
export const MEMBER_ROLES = [
  'organiser',
  'financier',
  'recruiter',
  'transporter',
  'document_forger',
  'employer',
  'corrupt_official',
  'money_mule',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface Member {
  id: string;
  organisationId: string;
  role: MemberRole;
  country: Country;
  sex: 'female' | 'male';
  givenName: string;
  familyName: string;
  nativeName: string;
  nickname: string;
  phone: string;
  account: string;
  /** A second organisation this member also works for (brokers between groups), or null. */
  alsoWorksFor: string | null;
}

export interface Organisation {
  id: string;
  name: string;
  routeId: string;
  members: Member[];
  /** Members by role, for fast choice. */
  byRole: Record<MemberRole, Member[]>;
}

export interface OrganisationWorld {
  organisations: Organisation[];
  members: Member[];
  /** Organisations serving each route id, with their size as the weight of being chosen. */
  byRoute: Map<string, Organisation[]>;
}

const ROLE_COUNTS: Record<MemberRole, [number, number]> = {
  organiser: [1, 1],
  financier: [1, 2],
  recruiter: [3, 9],
  transporter: [2, 4],
  document_forger: [0, 2],
  employer: [1, 4],
  corrupt_official: [0, 2],
  money_mule: [1, 3],
};

const NAME_WORDS = [
  'Golden',
  'Star',
  'Mekong',
  'Lucky',
  'Dragon',
  'Royal',
  'Asia',
  'Sunrise',
  'Happy',
  'Diamond',
  'Jade',
  'Phoenix',
];
const NAME_KINDS = [
  'Recruitment',
  'Manpower',
  'Trading',
  'Services',
  'Group',
  'Agency',
  'Travel',
  'Employment',
];

function memberCountry(role: MemberRole, route: Route, random: Random): Country {
  if (role === 'recruiter' || role === 'document_forger') return route.origin;
  if (role === 'employer') return route.destination;
  if (role === 'corrupt_official' || role === 'transporter')
    return random.bernoulli(0.5) ? route.origin : route.destination;
  return random.bernoulli(0.7) ? route.origin : route.destination;
}

/** Number of organisations for a world of `people` migrants. */
export function organisationCount(people: number): number {
  return Math.min(400, Math.max(8, Math.round(people / 2500)));
}

export function generateOrganisations(people: number, random: Random): OrganisationWorld {
  const count = organisationCount(people);
  const routeWeights = ROUTES.map((route) => route.share);
  const organisations: Organisation[] = [];
  const members: Member[] = [];
  for (let o = 0; o < count; o++) {
    // The first organisations cover the busiest routes so that even a small world has the main ones.
    const route = o < 4 ? ROUTES[[0, 5, 9, 13][o]] : ROUTES[random.categorical(routeWeights)];
    const id = `ORG${String(o + 1).padStart(4, '0')}`;
    const name = `${random.pick(NAME_WORDS)} ${random.pick(NAME_WORDS)} ${random.pick(NAME_KINDS)}`;
    const byRole = Object.fromEntries(MEMBER_ROLES.map((role) => [role, [] as Member[]])) as Record<
      MemberRole,
      Member[]
    >;
    const organisation: Organisation = { id, name, routeId: route.id, members: [], byRole };
    for (const role of MEMBER_ROLES) {
      const [low, high] = ROLE_COUNTS[role];
      const n = low + random.integer(high - low + 1);
      for (let k = 0; k < n; k++) {
        const country = memberCountry(role, route, random);
        const sex = random.bernoulli(role === 'recruiter' ? 0.45 : 0.25) ? 'female' : 'male';
        const trueName = drawName(country, sex, random);
        const canonical = canonicalName(country, trueName);
        const member: Member = {
          id: `M${String(members.length + 1).padStart(6, '0')}`,
          organisationId: id,
          role,
          country,
          sex,
          givenName: canonical.given,
          familyName: canonical.family,
          nativeName: canonical.native,
          nickname: trueName.nickname.roman[0],
          phone: drawPhone(country, random),
          account: drawAccount(country, random, random.bernoulli(0.5) ? 'bank' : 'wallet'),
          alsoWorksFor: null,
        };
        members.push(member);
        organisation.members.push(member);
        byRole[role].push(member);
      }
    }
    organisations.push(organisation);
  }
  // Bridging brokers: about one transporter or recruiter in ten also works for another organisation.
  for (const member of members) {
    if ((member.role === 'transporter' || member.role === 'recruiter') && random.bernoulli(0.1)) {
      const other = random.pick(organisations);
      if (other.id !== member.organisationId) {
        member.alsoWorksFor = other.id;
        other.byRole[member.role].push(member);
      }
    }
  }
  const byRoute = new Map<string, Organisation[]>();
  for (const organisation of organisations) {
    const list = byRoute.get(organisation.routeId) ?? [];
    list.push(organisation);
    byRoute.set(organisation.routeId, list);
  }
  return { organisations, members, byRoute };
}
