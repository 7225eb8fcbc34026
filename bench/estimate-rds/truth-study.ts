/**
 * Truth study: do RDS intervals cover the true prevalence at their nominal rate?
 *
 * A hidden population of N people, a share of them with the trait (e.g. trafficked), trait members
 * with a higher mean degree, and a network with homophily on the trait, all drawn with the seeded
 * generator. RDS is simulated on it: random seeds, three coupons each, each coupon passed to a
 * random not-yet-sampled contact with probability 0.8, waves in order until n respondents; new
 * random seeds when all chains die. Each estimator and interval is run on every sample and scored
 * against the true prevalence: bias, root mean squared error and 95% coverage.
 *
 * Scenarios: no homophily (the assumptions of RDS-II and SS hold up to without-replacement
 * effects), homophily with the trait at twice the degree (like the RDS package's fauxmadrona), and
 * the same with a large sample fraction (where SS should beat RDS-II).
 *
 * Run: npx tsx bench/estimate-rds/truth-study.ts [replications] [bootstrap replicates] [size-only]
 * (`size-only` skips the proportion estimators and runs SS-PSE on every population).
 */
import { cpus } from 'node:os';
import { createRandom, type Random } from '../../src/analytics/common/index.ts';
import {
  type EstimateRdsOptions,
  estimatePopulationSizeFromDegrees,
  estimateRdsPrepared,
  prepareRdsSample,
  type RdsRespondent,
} from '../../src/analytics/estimate/rds/index.ts';

interface Scenario {
  name: string;
  populationSize: number;
  sampleSize: number;
  prevalence: number;
  /** Homophily h: a tie's other end is in the same group with odds h times those of random mixing. */
  homophily: number;
  /** Mean degree of trait members relative to others. */
  degreeRatio: number;
}

interface Population {
  trait: Uint8Array;
  neighbours: number[][];
  prevalence: number;
}

function simulatePopulation(scenario: Scenario, random: Random): Population {
  const size = scenario.populationSize;
  const trait = new Uint8Array(size);
  for (let i = 0; i < size; i++) trait[i] = random.bernoulli(scenario.prevalence) ? 1 : 0;
  // Target degrees: gamma-distributed (shape 2), mean 7 for others and 7 × ratio for trait members.
  const target = Array.from({ length: size }, (_, i) =>
    Math.max(1, random.gamma(2, (7 * (trait[i] ? scenario.degreeRatio : 1)) / 2)),
  );
  const groups = [0, 1].map((g) => Array.from({ length: size }, (_, i) => i).filter((i) => trait[i] === g));
  const cumulative = (members: number[]) => {
    const sums: number[] = [];
    let running = 0;
    for (const member of members) {
      running += target[member];
      sums.push(running);
    }
    return sums;
  };
  const groupSums = groups.map(cumulative);
  const allMembers = Array.from({ length: size }, (_, i) => i);
  const allSums = cumulative(allMembers);
  const pick = (members: number[], sums: number[]) => {
    const value = random.next() * sums[sums.length - 1];
    let low = 0;
    let high = sums.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sums[middle] > value) high = middle;
      else low = middle + 1;
    }
    return members[low];
  };
  const edges = new Set<string>();
  const neighbours: number[][] = Array.from({ length: size }, () => []);
  const edgeCount = Math.round(allSums[allSums.length - 1] / 2);
  let attempts = 0;
  while (edges.size < edgeCount && attempts < edgeCount * 20) {
    attempts++;
    const from = pick(allMembers, allSums);
    // Homophily: the other end's group is chosen ∝ its degree mass, times h for the own group.
    const own = trait[from];
    const ownMass = scenario.homophily * groupSums[own][groupSums[own].length - 1];
    const otherSums = groupSums[1 - own];
    const otherMass = otherSums.length === 0 ? 0 : otherSums[otherSums.length - 1];
    const group = random.next() * (ownMass + otherMass) < ownMass ? own : 1 - own;
    if (groups[group].length === 0) continue;
    const to = pick(groups[group], groupSums[group]);
    if (from === to) continue;
    const key = from < to ? `${from}-${to}` : `${to}-${from}`;
    if (edges.has(key)) continue;
    edges.add(key);
    neighbours[from].push(to);
    neighbours[to].push(from);
  }
  let traitCount = 0;
  for (const value of trait) traitCount += value;
  return { trait, neighbours, prevalence: traitCount / size };
}

function simulateRds(population: Population, sampleSize: number, random: Random): RdsRespondent[] {
  const size = population.trait.length;
  const sampled = new Uint8Array(size);
  const respondents: RdsRespondent[] = [];
  const queue: number[] = [];
  const addSeed = () => {
    let node: number;
    do node = random.integer(size);
    while (sampled[node] || population.neighbours[node].length === 0);
    sampled[node] = 1;
    respondents.push({
      id: String(node),
      recruiterId: null,
      degree: population.neighbours[node].length,
      outcome: String(population.trait[node]),
    });
    queue.push(node);
  };
  for (let s = 0; s < 10; s++) addSeed();
  let head = 0;
  while (respondents.length < sampleSize) {
    if (head >= queue.length) {
      addSeed();
      continue;
    }
    const recruiter = queue[head++];
    for (let coupon = 0; coupon < 3 && respondents.length < sampleSize; coupon++) {
      if (!random.bernoulli(0.8)) continue;
      const available = population.neighbours[recruiter].filter((node) => !sampled[node]);
      if (available.length === 0) break;
      const recruit = random.pick(available);
      sampled[recruit] = 1;
      respondents.push({
        id: String(recruit),
        recruiterId: String(recruiter),
        degree: population.neighbours[recruit].length,
        outcome: String(population.trait[recruit]),
      });
      queue.push(recruit);
    }
  }
  return respondents;
}

const replications = Number(process.argv[2] ?? 100);
const bootstrapReplicates = Number(process.argv[3] ?? 200);
const sizeOnly = process.argv[4] === 'size-only';
const scenarios: Scenario[] = [
  {
    name: 'random mixing, trait degree x2, n/N = 0.2',
    populationSize: 2500,
    sampleSize: 500,
    prevalence: 0.2,
    homophily: 1,
    degreeRatio: 2,
  },
  {
    name: 'homophily h = 5, trait degree x2, n/N = 0.2',
    populationSize: 2500,
    sampleSize: 500,
    prevalence: 0.2,
    homophily: 5,
    degreeRatio: 2,
  },
  {
    name: 'homophily h = 5, trait degree x2, n/N = 0.5',
    populationSize: 1000,
    sampleSize: 500,
    prevalence: 0.2,
    homophily: 5,
    degreeRatio: 2,
  },
];
const methods: [string, EstimateRdsOptions][] = [
  ['RDS-II, EL (package default)', { estimator: 'rds2', interval: 'empirical-likelihood' }],
  ['RDS-II, Salganik bootstrap', { estimator: 'rds2', interval: 'salganik-bootstrap' }],
  ['RDS-II, tree bootstrap', { estimator: 'rds2', interval: 'tree-bootstrap' }],
  ['RDS-I, EL', { estimator: 'rds1', interval: 'empirical-likelihood' }],
  ["Gile's SS, EL", { estimator: 'ss', interval: 'empirical-likelihood' }],
  ["Gile's SS, SS bootstrap", { estimator: 'ss', interval: 'successive-sampling-bootstrap' }],
  ["Gile's SS, tree bootstrap", { estimator: 'ss', interval: 'tree-bootstrap' }],
];

console.log(`machine: ${cpus()[0].model}, ${cpus().length} cores; node ${process.version}`);
console.log(`command: npx tsx bench/estimate-rds/truth-study.ts ${process.argv.slice(2).join(' ')}\n`);
const started = performance.now();
for (const scenario of scenarios) {
  const random = createRandom(20261123);
  const errors = methods.map(() => [] as number[]);
  const covered = methods.map(() => 0);
  const widths = methods.map(() => [] as number[]);
  let sizeCovered = 0;
  const sizeMedians: number[] = [];
  for (let r = 0; r < replications; r++) {
    const population = simulatePopulation(scenario, random);
    const sample = prepareRdsSample(simulateRds(population, scenario.sampleSize, random));
    if (!sizeOnly)
      methods.forEach(([, options], m) => {
        const result = estimateRdsPrepared(sample, {
          ...options,
          populationSize: scenario.populationSize,
          replicates: bootstrapReplicates,
          random: random.fork(),
        });
        const level = result.levels['1'];
        errors[m].push(level.estimate - population.prevalence);
        widths[m].push(level.upper - level.lower);
        if (level.lower <= population.prevalence && population.prevalence <= level.upper) covered[m]++;
      });
    if (sizeOnly || r < Math.min(replications, 20)) {
      const size = estimatePopulationSizeFromDegrees(Array.from(sample.degree), {
        medianPriorSize: scenario.populationSize,
        warmup: 500,
        interval: 5,
        samples: 300,
        random: random.fork(),
      });
      sizeMedians.push(size.posteriorSampleMedian);
      if (size.interval.lower <= scenario.populationSize && scenario.populationSize <= size.interval.upper)
        sizeCovered++;
    }
  }
  console.log(
    `## ${scenario.name} (N = ${scenario.populationSize}, n = ${scenario.sampleSize}, ${replications} populations)`,
  );
  console.log('| method | bias | RMSE | mean 95% width | coverage |');
  console.log('|---|---|---|---|---|');
  if (!sizeOnly)
    methods.forEach(([name], m) => {
      const bias = errors[m].reduce((sum, value) => sum + value, 0) / replications;
      const rmse = Math.sqrt(errors[m].reduce((sum, value) => sum + value * value, 0) / replications);
      const width = widths[m].reduce((sum, value) => sum + value, 0) / replications;
      console.log(
        `| ${name} | ${bias.toFixed(4)} | ${rmse.toFixed(4)} | ${width.toFixed(4)} | ${(covered[m] / replications).toFixed(2)} |`,
      );
    });
  const sorted = [...sizeMedians].sort((a, b) => a - b);
  console.log(
    `SS-PSE (prior median = true N, ${sizeMedians.length} populations): median of posterior medians ${sorted[sorted.length >> 1]}, 95% interval covers N in ${sizeCovered}/${sizeMedians.length}\n`,
  );
}
console.log(`elapsed ${((performance.now() - started) / 1000).toFixed(0)} s`);
