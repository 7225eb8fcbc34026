/**
 * Error of sampled betweenness for the top 100 nodes: exact Brandes vs Brandes-Pich pivot sampling on
 * a seeded synthetic graph (generate.ts), for several sample sizes; reports the mean and largest
 * relative error over the 100 nodes of highest exact betweenness, and how often the stated standard
 * error covers the truth (|estimate - exact| <= 2 SE).
 *
 *   npx tsx bench/network/betweenness-error.ts [--nodes 10000] [--edges 50000] [--seed 1]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../../src/analytics/common/index.ts';
import {
  betweennessCentrality,
  buildGraphFromIndices,
  louvainCommunities,
  sampledBetweennessCentrality,
} from '../../src/analytics/network/index.ts';
import { generateCommunityGraph } from './generate.ts';

const argument = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const nodes = argument('nodes', 10_000);
const edges = argument('edges', 50_000);
const seed = argument('seed', 1);
console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}`);
console.log(
  `command: npx tsx bench/network/betweenness-error.ts --nodes ${nodes} --edges ${edges} --seed ${seed}`,
);
const generated = generateCommunityGraph(nodes, edges, seed);
const graph = buildGraphFromIndices({
  nodeCount: generated.nodeCount,
  sources: generated.sources,
  targets: generated.targets,
  weights: generated.weights,
});
// Exact values are cached in the temporary folder (they take minutes); delete the file to recompute.
const cache = join(os.tmpdir(), `siren-betweenness-exact-${nodes}-${edges}-${seed}.json`);
let start = performance.now();
const cached = existsSync(cache);
const exact = cached
  ? Float64Array.from(JSON.parse(readFileSync(cache, 'utf8')) as number[])
  : betweennessCentrality(graph).values;
if (!cached) writeFileSync(cache, JSON.stringify([...exact]));
const exactSeconds = (performance.now() - start) / 1000;
console.log(
  `graph: ${graph.nodeCount} nodes, ${graph.edgeCount} ties; exact betweenness ${exactSeconds.toFixed(1)} s${cached ? ' (read from the cache)' : ''}`,
);
const top = Array.from({ length: graph.nodeCount }, (_, v) => v)
  .sort((a, b) => exact[b] - exact[a])
  .slice(0, 100);
console.log(
  '\ndesign        samples  share of n  seconds  mean rel. error  max rel. error  within 2 SE  mean stated rel. SE',
);
// Strata for the stratified design: one seeded Louvain run (its time is counted in each row).
start = performance.now();
const communities = louvainCommunities(graph, { random: createRandom(seed), restarts: 1 }).membership;
const louvainSeconds = (performance.now() - start) / 1000;
for (const scaling of ['linear+strata', 'linear', 'none'] as const)
  for (const samples of [250, 500, 1000, 2000]) {
    start = performance.now();
    const sampled = sampledBetweennessCentrality(graph, {
      samples,
      scaling: scaling === 'none' ? 'none' : 'linear',
      strata: scaling === 'linear+strata' ? communities : undefined,
      random: createRandom(seed),
    });
    const seconds = (performance.now() - start) / 1000 + (scaling === 'linear+strata' ? louvainSeconds : 0);
    let sum = 0;
    let worst = 0;
    let covered = 0;
    let stated = 0;
    for (const v of top) {
      const relative = Math.abs(sampled.values[v] - exact[v]) / exact[v];
      sum += relative;
      worst = Math.max(worst, relative);
      if (Math.abs(sampled.values[v] - exact[v]) <= 2 * sampled.standardErrors[v]) covered++;
      stated += sampled.standardErrors[v] / exact[v];
    }
    console.log(
      `${scaling.padEnd(13)} ${String(samples).padStart(7)}  ${(samples / graph.nodeCount).toFixed(3).padStart(10)}  ${seconds.toFixed(1).padStart(7)}  ${(sum / 100).toFixed(4).padStart(15)}  ${worst.toFixed(4).padStart(14)}  ${String(covered).padStart(8)}/100  ${(stated / 100).toFixed(4).padStart(19)}`,
    );
  }
