import type { Random } from '../analytics/common/random.ts';
import { weekStartDay } from './calendar.ts';
import { isoDate } from './identifiers.ts';
import type { Member, MemberRole, OrganisationWorld } from './organisations.ts';
import type { Cell, TableSpec, WorldSink } from './tables.ts';

/**
 * Phone calls between members of the trafficking organisations, as an edge list aggregated by
 * four-week period (`source,target,weight,time`: member ids, number of calls, first day of the
 * period). Within an organisation a pair of members is tied with a probability that depends on their
 * roles (organiser–financier always, recruiter–transporter often, employer–forger rarely); a tied
 * pair is active in a period with probability 0.5 and then makes 1 + Poisson(3) calls. Brokers who
 * also work for a second organisation call that organisation's organiser and transporters, which
 * bridges the groups. Node attributes (`id,country`) go to network/nodes.csv; organisations and
 * roles stay in the truth.
 */
export const CALL_TABLES: TableSpec[] = [
  {
    id: 'network:calls',
    path: 'network/calls.csv',
    format: 'csv',
    columns: ['source', 'target', 'weight', 'time'],
  },
  { id: 'network:nodes', path: 'network/nodes.csv', format: 'csv', columns: ['id', 'country'] },
];

const TIE: Partial<Record<`${MemberRole}-${MemberRole}`, number>> = {
  'organiser-financier': 1,
  'organiser-recruiter': 0.8,
  'organiser-transporter': 0.6,
  'organiser-employer': 0.5,
  'organiser-corrupt_official': 0.7,
  'organiser-document_forger': 0.5,
  'financier-money_mule': 0.9,
  'financier-corrupt_official': 0.4,
  'financier-employer': 0.3,
  'recruiter-transporter': 0.7,
  'recruiter-document_forger': 0.5,
  'recruiter-recruiter': 0.3,
  'transporter-employer': 0.6,
  'transporter-corrupt_official': 0.5,
  'transporter-transporter': 0.3,
  'money_mule-money_mule': 0.5,
};

function tieProbability(a: MemberRole, b: MemberRole): number {
  return TIE[`${a}-${b}`] ?? TIE[`${b}-${a}`] ?? 0.05;
}

export function generateCalls(
  world: OrganisationWorld,
  weeks: number,
  sink: WorldSink,
  random: Random,
): number {
  const pairs: [Member, Member][] = [];
  for (const organisation of world.organisations) {
    const members = organisation.members;
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++)
        if (random.next() < tieProbability(members[i].role, members[j].role))
          pairs.push([members[i], members[j]]);
  }
  const byId = new Map(world.organisations.map((organisation) => [organisation.id, organisation]));
  for (const member of world.members) {
    if (!member.alsoWorksFor) continue;
    const other = byId.get(member.alsoWorksFor)!;
    for (const contact of [...other.byRole.organiser, ...other.byRole.transporter])
      if (contact !== member && random.next() < 0.7) pairs.push([member, contact]);
  }
  let rows = 0;
  const periods = Math.ceil(weeks / 4);
  for (let period = 0; period < periods; period++) {
    const time = isoDate(weekStartDay(period * 4));
    for (const [a, b] of pairs) {
      if (random.next() >= 0.5) continue;
      const calls = 1 + random.poisson(3);
      const forward = random.next() < 0.5;
      const row: Cell[] = forward ? [a.id, b.id, calls, time] : [b.id, a.id, calls, time];
      sink.row('network:calls', row);
      rows++;
    }
  }
  for (const member of world.members) sink.row('network:nodes', [member.id, member.country]);
  return rows;
}
