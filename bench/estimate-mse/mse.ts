/**
 * Multiple systems estimation: speed, and agreement with the SparseMSE / Rcapture / LCMCR answers in
 * shared/data/mse/reference.json.
 *   1. SparseMSE stepwise + BCa bootstrap (1,000 replicates, stepwise repeated in each, jackknife) on UKdat
 *   2. AIC and BIC search over all 1,024 models of the 5-list data sets
 *   3. the same over all 32,768 models of the 6-list sets (UKdat, Ned), checked against the peer
 *   4. stepwise on 10 lists (a seeded synthetic population with dependent lists)
 *   5. LCMCR at the peer's settings (K = 10, 10,000 burn-in, 1,000 samples, thinning 100)
 * Run: npx tsx bench/estimate-mse/mse.ts [--skip-lcmcr]
 * R and SparseMSE are not installed here; the peer's own timing (recorded in reference.json on a 2-core
 * VM) is printed beside ours.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { createRandom } from '../../src/analytics/common/random.ts';
import {
  bootstrapInterval,
  chooseByInformationCriterion,
  createPatternTable,
  estimateLatentClass,
  type PatternTable,
  searchModels,
  selectModelStepwise,
  stepwiseEstimator,
} from '../../src/analytics/estimate/mse/index.ts';

const dataRoot = process.env.SIREN_REFERENCE_DATA ?? resolve(import.meta.dirname, '../../../shared/data');
const reference = JSON.parse(readFileSync(resolve(dataRoot, 'mse/reference.json'), 'utf8'));

function load(name: string): PatternTable {
  const lines = readFileSync(resolve(dataRoot, `mse/${name}.csv`), 'utf8')
    .trim()
    .split(/\r?\n/);
  const lists = lines[0].split(',').slice(0, -1);
  return createPatternTable(
    lists,
    lines.slice(1).map((line) => {
      const values = line.split(',').map(Number);
      return { pattern: values.slice(0, -1), count: values[values.length - 1] };
    }),
  );
}

/** Wall and CPU milliseconds of one call. */
function timed<T>(run: () => T): { result: T; wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { result, wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const pairKey = (pairs: readonly (readonly string[])[]) =>
  pairs
    .map((pair) => [...pair].sort().join(':'))
    .sort()
    .join(',');

console.log(
  `machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join('/')}, node ${process.version}`,
);
console.log('command: npx tsx bench/estimate-mse/mse.ts\n');

// 1. Stepwise + bootstrap on UKdat.
{
  const table = load('UKdat');
  const expected = reference.UKdat.stepwise.bootstrap;
  timed(() =>
    bootstrapInterval(table, stepwiseEstimator(table), { random: createRandom(99), replicates: 100 }),
  );
  for (const seed of [1, 2, 3]) {
    const { result, wall, cpu } = timed(() => {
      const fit = selectModelStepwise(table);
      const interval = bootstrapInterval(table, stepwiseEstimator(table), { random: createRandom(seed) });
      return { fit, interval };
    });
    const i = result.interval;
    console.log(
      `1. UKdat stepwise + BCa bootstrap (1000), seed ${seed}: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU; ` +
        `estimate ${result.fit.fit.estimate.toFixed(1)} (peer ${expected.estimate.toFixed(1)}), ` +
        `interval ${i.lower.toFixed(0)} – ${i.upper.toFixed(0)} (MC s.e. ${i.monteCarloStandardError.lower.toFixed(0)}, ${i.monteCarloStandardError.upper.toFixed(0)}); ` +
        `peer over 5 seeds ${expected.montecarlo.lower.mean.toFixed(0)} ± ${expected.montecarlo.lower.sd.toFixed(0)} – ${expected.montecarlo.upper.mean.toFixed(0)} ± ${expected.montecarlo.upper.sd.toFixed(0)}; ` +
        `â ${i.acceleration.toExponential(6)} (peer ${expected.ahat.toExponential(6)})`,
    );
  }
  console.log(
    `   peer: SparseMSE::estimatepopulation(UKdat, nboot = 1000) took ${reference._meta.timing.median_seconds} s (median of 3, reference machine)\n`,
  );
}

// 2./3. Exhaustive AIC/BIC searches.
for (const name of ['UKdat_5', 'Ned_5', 'NewOrl_5', 'Western', 'UKdat', 'Ned']) {
  const table = load(name);
  const { result: search, wall, cpu } = timed(() => searchModels(table, { exhaustiveUpTo: 6 }));
  const verdicts = (['aic', 'bic'] as const).map((criterion) => {
    const choice = chooseByInformationCriterion(table, search, criterion);
    const peer = reference[name]?.search?.[criterion.toUpperCase()];
    const same = peer
      ? pairKey(choice.fit.interactions) === pairKey(peer.interactions)
        ? 'same model as peer'
        : 'DIFFERENT model'
      : 'peer withheld';
    const relative = peer
      ? ` rel. diff ${(Math.abs(choice.fit.estimate - peer.estimate) / peer.estimate).toExponential(1)}`
      : '';
    return `${criterion.toUpperCase()} ${choice.fit.estimate.toFixed(1)} (${same}${relative})`;
  });
  console.log(
    `${table.lists.length === 5 ? '2' : '3'}. ${name}: all ${search.modelsConsidered} models (${search.modelsFitted} fitted) in ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU; ${verdicts.join('; ')}` +
      (reference[name]?.search?.seconds ? `; peer glm loop ${reference[name].search.seconds} s` : ''),
  );
}

// 4. Ten lists, stepwise.
{
  const random = createRandom(10);
  const lists = Array.from({ length: 10 }, (_, index) => `L${index + 1}`);
  const counts = new Map<number, number>();
  for (let person = 0; person < 20_000; person++) {
    const shy = random.next() < 0.5;
    let mask = 0;
    for (let list = 0; list < 10; list++) {
      const base = 0.04 + 0.01 * list;
      const linked = list % 2 === 1 && mask & (1 << (list - 1)) ? 3 : 1;
      if (random.next() < base * linked * (shy ? 0.5 : 1.5)) mask |= 1 << list;
    }
    if (mask) counts.set(mask, (counts.get(mask) ?? 0) + 1);
  }
  const table = createPatternTable(
    lists,
    [...counts.entries()].map(([mask, count]) => ({
      pattern: lists.map((_, list) => (mask >> list) & 1),
      count,
    })),
  );
  selectModelStepwise(table);
  const { result, wall, cpu } = timed(() => selectModelStepwise(table));
  console.log(
    `\n4. 10 lists (synthetic, N = 20000, ${table.observed} observed in ${counts.size} patterns): stepwise ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU, ${result.steps.length} interactions, estimate ${result.fit.estimate.toFixed(0)}`,
  );
}

// 5. LCMCR.
if (!process.argv.includes('--skip-lcmcr')) {
  console.log('');
  for (const name of ['Artificial_3', 'NewOrl']) {
    const table = load(name);
    const peer = reference[name].lcmcr;
    for (const seed of [1, 2]) {
      const { result, wall, cpu } = timed(() => estimateLatentClass(table, { random: createRandom(seed) }));
      console.log(
        `5. LCMCR ${name} seed ${seed}: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU; median ${result.median} [${result.lower.toFixed(0)}, ${result.upper.toFixed(0)}], ESS ${result.diagnostics.effectiveSampleSize.toFixed(0)}, Geweke z ${result.diagnostics.gewekeZ.toFixed(2)}, split R-hat ${result.diagnostics.splitRHat.toFixed(3)}; ` +
          `peer over 5 seeds median ${peer.median.mean.toFixed(1)} ± ${peer.median.sd.toFixed(1)} [${peer.lower.mean.toFixed(0)} ± ${peer.lower.sd.toFixed(0)}, ${peer.upper.mean.toFixed(0)} ± ${peer.upper.sd.toFixed(0)}], ${peer.runs[0].seconds.toFixed(1)} s per run`,
      );
    }
  }
}
