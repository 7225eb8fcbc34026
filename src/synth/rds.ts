import type { Random } from '../analytics/common/random.ts';
import type { TruePerson } from './population.ts';
import type { Scenario } from './scenarios.ts';
import type { TableSpec, WorldSink } from './tables.ts';

/**
 * Respondent-driven sampling from a hidden population: migrants still abroad (not returned), at most
 * 20,000 of them (the first in person order). Their true social network: each member wants
 * d ~ round(exp(N(ln 6, 0.6))) ≥ 1 ties and makes ⌈d/2⌉ of them; each tie goes to a member of the
 * same group (victim / not victim) with probability h (the scenario's homophily) and to the other group
 * otherwise, so that h is the share of ties within groups. The survey starts from the scenario's
 * seeds (random members, or victims only in strong-homophily), gives each respondent three coupons,
 * each redeemed with probability 0.65 by a random not-yet-sampled neighbour, wave by wave until
 * n = min(500, ⌊H/2⌋) respondents or no coupon is left. Reported degree = true degree × exp(N(0, 0.3)),
 * rounded, at least 1, and heaped to a multiple of 5 half the time when above 10.
 *
 * File: samples/rds.csv `id,recruiter_id,degree,trafficked,sex,nationality,sector,wave,seed`
 * (seeds have an empty recruiter_id). Truth: the hidden population and its edges.
 */
export const RDS_TABLES: TableSpec[] = [
  {
    id: 'samples:rds',
    path: 'samples/rds.csv',
    format: 'csv',
    columns: ['id', 'recruiter_id', 'degree', 'trafficked', 'sex', 'nationality', 'sector', 'wave', 'seed'],
  },
  {
    id: 'truth:rds_population',
    path: 'truth/rds_population.csv',
    format: 'csv',
    columns: ['node', 'person_id', 'trafficked', 'degree', 'respondent_id'],
  },
  { id: 'truth:rds_edges', path: 'truth/rds_edges.csv', format: 'csv', columns: ['from', 'to'] },
];

export const HIDDEN_POPULATION_CAP = 20_000;
const COUPONS = 3;
const REDEMPTION = 0.65;

interface HiddenMember {
  person: TruePerson;
}

export interface RdsSummary {
  hiddenPopulation: number;
  trueProportionTrafficked: number;
  edges: number;
  realisedHomophily: number;
  sampleSize: number;
  seeds: number;
  waves: number;
  sampleProportionTrafficked: number;
}

export class HiddenPopulation {
  private readonly members: HiddenMember[] = [];

  person(person: TruePerson): void {
    if (person.returnedHow === 'not_returned' && this.members.length < HIDDEN_POPULATION_CAP)
      this.members.push({ person });
  }

  write(sink: WorldSink, scenario: Scenario, random: Random): RdsSummary {
    const n = this.members.length;
    const group = Uint8Array.from(this.members, (member) => (member.person.victim ? 1 : 0));
    const byGroup: number[][] = [[], []];
    for (let i = 0; i < n; i++) byGroup[group[i]].push(i);
    const neighbours: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
    let edges = 0;
    let within = 0;
    for (let i = 0; i < n; i++) {
      const wanted = Math.max(1, Math.round(Math.exp(random.normal(Math.log(6), 0.6))));
      for (let k = 0; k < Math.ceil(wanted / 2); k++) {
        const same = random.next() < scenario.homophily;
        const pool = byGroup[same ? group[i] : 1 - group[i]];
        if (pool.length === 0) continue;
        const j = pool[random.integer(pool.length)];
        if (j === i || neighbours[i].has(j)) continue;
        neighbours[i].add(j);
        neighbours[j].add(i);
        edges++;
        if (group[i] === group[j]) within++;
        sink.row('truth:rds_edges', [`H${i + 1}`, `H${j + 1}`]);
      }
    }
    const target = Math.min(500, Math.floor(n / 2));
    const respondent = new Int32Array(n).fill(-1);
    const sample: { node: number; recruiter: number; wave: number; seed: number }[] = [];
    const candidates = scenario.rdsSeedsFromOneGroup ? byGroup[1].filter((i) => neighbours[i].size > 0) : [];
    const pool =
      candidates.length > 0
        ? candidates
        : Array.from({ length: n }, (_, i) => i).filter((i) => neighbours[i].size > 0);
    random.shuffle(pool);
    for (const node of pool.slice(0, Math.min(scenario.rdsSeeds, target))) {
      respondent[node] = sample.length;
      sample.push({ node, recruiter: -1, wave: 0, seed: node });
    }
    for (let at = 0; at < sample.length && sample.length < target; at++) {
      const current = sample[at];
      const open = [...neighbours[current.node]].filter((j) => respondent[j] < 0);
      random.shuffle(open);
      let coupon = 0;
      for (const j of open) {
        if (coupon >= COUPONS || sample.length >= target) break;
        coupon++;
        if (random.next() >= REDEMPTION) continue;
        respondent[j] = sample.length;
        sample.push({ node: j, recruiter: current.node, wave: current.wave + 1, seed: current.seed });
      }
    }
    const reported = (degree: number) => {
      let value = Math.max(1, Math.round(degree * Math.exp(random.normal(0, 0.3))));
      if (value > 10 && random.next() < 0.5) value = Math.max(5, Math.round(value / 5) * 5);
      return value;
    };
    const respondentId = (node: number) => `R${String(respondent[node] + 1).padStart(4, '0')}`;
    let waves = 0;
    let traffickedInSample = 0;
    for (const entry of sample) {
      const person = this.members[entry.node].person;
      waves = Math.max(waves, entry.wave);
      if (person.victim) traffickedInSample++;
      sink.row('samples:rds', [
        respondentId(entry.node),
        entry.recruiter < 0 ? null : respondentId(entry.recruiter),
        reported(neighbours[entry.node].size),
        person.victim ? 1 : 0,
        person.sex,
        person.nationality,
        person.sector,
        entry.wave,
        respondentId(entry.seed),
      ]);
    }
    for (let i = 0; i < n; i++)
      sink.row('truth:rds_population', [
        `H${i + 1}`,
        this.members[i].person.id,
        group[i],
        neighbours[i].size,
        respondent[i] < 0 ? null : respondentId(i),
      ]);
    return {
      hiddenPopulation: n,
      trueProportionTrafficked: n === 0 ? 0 : byGroup[1].length / n,
      edges,
      realisedHomophily: edges === 0 ? 0 : within / edges,
      sampleSize: sample.length,
      seeds: sample.filter((entry) => entry.wave === 0).length,
      waves,
      sampleProportionTrafficked: sample.length === 0 ? 0 : traffickedInSample / sample.length,
    };
  }
}
