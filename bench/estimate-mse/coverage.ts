/**
 * MSE truth study: how often the multiple systems intervals cover the true number of victims, over
 * many small synthetic worlds per scenario (src/synth, built in process). For each world the pattern
 * table is built from the list records using the TRUE person ids (perfect linkage; within-list
 * duplicates collapse onto their person), on the first five victim lists (police, ngo_shelter,
 * hotline, returns, labour_inspection: five lists keep the AIC/BIC search exhaustive over 1,024
 * models), and estimated by the independence model (main effects), SparseMSE stepwise, and the
 * AIC- and BIC-best models, all with profile-likelihood 95% intervals; LCMCR (posterior median and
 * 95% credible interval, shortened chain) on the first seeds of each scenario.
 *
 * Scenarios (src/synth/scenarios.ts): independent-lists keeps every assumption of the independence
 * model; heterogeneous-capture breaks homogeneity (covariates ×1.5, latent visibility sd 1.2);
 * referral-dependence breaks list independence (positive referrals between lists); baseline is the
 * realistic mixture of both.
 *
 * Run: npx tsx bench/estimate-mse/coverage.ts [seeds per scenario = 100] [LCMCR seeds = 20] [people = 6000]
 */
import os from 'node:os';
import { createRandom } from '../../src/analytics/common/random.ts';
import {
  estimatePopulation,
  type MultipleSystemsMethod,
  type PatternTable,
  patternTableFromRecords,
} from '../../src/analytics/estimate/mse/index.ts';
import { generateWorld, worldLayout } from '../../src/synth/index.ts';

const seeds = Number(process.argv[2] ?? 100);
const lcmcrSeeds = Number(process.argv[3] ?? 20);
const people = Number(process.argv[4] ?? 6000);
const SCENARIOS = ['independent-lists', 'heterogeneous-capture', 'referral-dependence', 'baseline'];
const METHODS: MultipleSystemsMethod[] = ['main', 'stepwise', 'aic', 'bic', 'lcmcr'];
const LISTS = worldLayout()
  .listSources.slice(0, 5)
  .map((source) => source.name);
const LCMCR_SETTINGS = { burnIn: 2_000, samples: 500, thinning: 10 };

interface Outcome {
  covered: boolean;
  relativeError: number;
  relativeWidth: number;
}

/** A world's victims and the pattern table of its first five lists by true person id. */
function world(scenario: string, seed: number): { truth: number; table: PatternTable } {
  const records: { entity: string; list: string }[] = [];
  const listSet = new Set(LISTS);
  const summary = generateWorld(
    { seed, people, scenario, weeks: 156 },
    {
      row: (table, cells) => {
        if (table !== 'truth:records') return;
        const list = String(cells[0]);
        if (listSet.has(list)) records.push({ entity: String(cells[2]), list });
      },
    },
  );
  return { truth: summary.victims, table: patternTableFromRecords(records, { lists: LISTS }) };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const started = performance.now();
const cpuStart = process.cpuUsage();
const results = new Map<string, { outcomes: Outcome[]; failures: number; messages: Set<string> }>();
const observed: Record<string, number[]> = {};
const truths: Record<string, number[]> = {};
for (const scenario of SCENARIOS) {
  observed[scenario] = [];
  truths[scenario] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const { truth, table } = world(scenario, seed);
    observed[scenario].push(table.observed);
    truths[scenario].push(truth);
    for (const method of METHODS) {
      if (method === 'lcmcr' && seed > lcmcrSeeds) continue;
      const key = `${scenario}\u0000${method}`;
      if (!results.has(key)) results.set(key, { outcomes: [], failures: 0, messages: new Set() });
      const entry = results.get(key)!;
      try {
        const result = estimatePopulation(table, {
          method,
          interval: 'profile',
          random: createRandom(seed),
          latentClass: LCMCR_SETTINGS,
        });
        const upper = result.ci.upper ?? Number.POSITIVE_INFINITY;
        entry.outcomes.push({
          covered: result.ci.lower <= truth && truth <= upper,
          relativeError: (result.estimate - truth) / truth,
          relativeWidth: (upper - result.ci.lower) / truth,
        });
      } catch (error) {
        entry.failures++;
        entry.messages.add((error as Error).message.slice(0, 120));
      }
    }
  }
  process.stderr.write(
    `${scenario}: ${seeds} worlds done (${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
  );
}
const cpu = process.cpuUsage(cpuStart);

console.log(
  `MSE truth study: ${seeds} worlds of ${people} people per scenario (LCMCR on the first ${lcmcrSeeds}: K 10, burn-in ${LCMCR_SETTINGS.burnIn}, ${LCMCR_SETTINGS.samples} samples × thinning ${LCMCR_SETTINGS.thinning}); lists ${LISTS.join(', ')}; 95% profile-likelihood intervals (LCMCR: credible)`,
);
console.log(
  `wall ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}, node ${process.version}\n`,
);
console.log(
  '| scenario | true victims (median) | observed (median) | method | runs | coverage | median relative error | median abs. relative error | median interval width / truth | failures |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const scenario of SCENARIOS)
  for (const method of METHODS) {
    const entry = results.get(`${scenario}\u0000${method}`);
    if (!entry) continue;
    const runs = entry.outcomes.length;
    const coverage =
      runs === 0 ? Number.NaN : entry.outcomes.filter((outcome) => outcome.covered).length / runs;
    const format = (value: number, digits = 3) =>
      Number.isFinite(value) ? value.toFixed(digits) : String(value);
    console.log(
      `| ${scenario} | ${median(truths[scenario])} | ${median(observed[scenario])} | ${method} | ${runs} | ${format(coverage, 2)} | ${format(median(entry.outcomes.map((o) => o.relativeError)))} | ${format(median(entry.outcomes.map((o) => Math.abs(o.relativeError))))} | ${format(median(entry.outcomes.map((o) => o.relativeWidth)), 2)} | ${entry.failures}${entry.failures ? ` (${[...entry.messages].join('; ')})` : ''} |`,
    );
  }
