/**
 * Leiden community detection: Louvain's local moving followed by a refinement phase that splits each
 * community into well-connected sub-communities before aggregation, so that every community found is
 * connected (Louvain can return disconnected ones) and modularity keeps improving across levels.
 * Traag, Waltman & van Eck (2019), "From Louvain to Leiden: guaranteeing well-connected communities",
 * Scientific Reports 9:5233, doi:10.1038/s41598-019-41695-z.
 *
 * Refinement here is the greedy limit of the paper's randomised merge (theta -> 0): each singleton
 * node that is well connected to its community (w(v, C - v) >= gamma k_v (K_C - k_v) / 2m) joins the
 * well-connected sub-community of C with the largest non-negative gain. The aggregate graph is built
 * from the refined partition and starts from the unrefined one. Restarts as in Louvain.
 * Complexity about O(m) per level.
 */
import type { Random } from '../common/index.ts';
import {
  aggregate,
  createScratch,
  type LevelGraph,
  levelModularity,
  moveNodes,
  renumber,
  shuffledOrder,
} from './community-core.ts';
import type { Graph } from './graph.ts';
import { bestOfRuns, type CommunityOptions, type CommunityResult } from './louvain.ts';

function refine(
  level: LevelGraph,
  community: Int32Array,
  resolution: number,
  random: Random,
  order: Int32Array,
): Int32Array {
  const n = level.nodeCount;
  const { offsets, targets, weights, strength } = level;
  const m2 = level.totalStrength;
  const scale = resolution / m2;
  const totalOfCommunity = new Float64Array(n);
  for (let v = 0; v < n; v++) totalOfCommunity[community[v]] += strength[v];
  const refined = Int32Array.from({ length: n }, (_, i) => i);
  const refinedTotal = Float64Array.from(strength);
  const refinedSize = new Int32Array(n).fill(1);
  // External weight of each refined community towards the rest of its community.
  const external = new Float64Array(n);
  for (let v = 0; v < n; v++)
    for (let p = offsets[v]; p < offsets[v + 1]; p++)
      if (community[targets[p]] === community[v]) external[v] += weights[p];
  const neighbourWeight = new Float64Array(n);
  const touched = new Int32Array(n);
  shuffledOrder(n, random, order);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    if (refinedSize[refined[v]] !== 1) continue;
    const c = community[v];
    const kv = strength[v];
    if (external[v] < kv * (totalOfCommunity[c] - kv) * scale) continue;
    let count = 0;
    for (let p = offsets[v]; p < offsets[v + 1]; p++) {
      const u = targets[p];
      if (community[u] !== c) continue;
      const r = refined[u];
      if (neighbourWeight[r] === 0) touched[count++] = r;
      neighbourWeight[r] += weights[p];
    }
    let best = refined[v];
    let bestGain = 0;
    for (let t = 0; t < count; t++) {
      const r = touched[t];
      if (r === refined[v]) continue;
      const wellConnected = external[r] >= refinedTotal[r] * (totalOfCommunity[c] - refinedTotal[r]) * scale;
      if (!wellConnected) continue;
      const gain = neighbourWeight[r] - kv * refinedTotal[r] * scale;
      if (gain > bestGain) {
        bestGain = gain;
        best = r;
      }
    }
    if (best !== refined[v]) {
      const own = refined[v];
      external[best] += external[own] - 2 * neighbourWeight[best];
      refinedTotal[best] += kv;
      refinedSize[best]++;
      refinedTotal[own] = 0;
      refinedSize[own] = 0;
      refined[v] = best;
    }
    for (let t = 0; t < count; t++) neighbourWeight[touched[t]] = 0;
  }
  return refined;
}

/** One pass of the Leiden levels from an initial partition of the base graph. */
function leidenPass(
  base: LevelGraph,
  initial: Int32Array,
  random: Random,
  resolution: number,
  maxLevels: number,
  scratch: ReturnType<typeof createScratch>,
): { levels: Int32Array[]; modularity: number[] } {
  const n0 = base.nodeCount;
  const nodeTo = Int32Array.from({ length: n0 }, (_, i) => i);
  const levels: Int32Array[] = [];
  const modularity: number[] = [];
  let level = base;
  let community = initial.slice();
  for (let depth = 0; depth < maxLevels; depth++) {
    moveNodes(level, community, resolution, random, scratch);
    const count = renumber(community);
    const membership = new Int32Array(n0);
    for (let v = 0; v < n0; v++) membership[v] = community[nodeTo[v]];
    const q = levelModularity(level, community, resolution);
    const improved = modularity.length === 0 || q > modularity[modularity.length - 1] + 1e-12;
    if (improved) {
      levels.push(membership);
      modularity.push(q);
    }
    if (count === level.nodeCount || !improved) break;
    const refined = refine(level, community, resolution, random, scratch.order);
    const refinedCount = renumber(refined);
    const next = aggregate(level, refined, refinedCount);
    const nextCommunity = new Int32Array(refinedCount);
    for (let v = 0; v < level.nodeCount; v++) nextCommunity[refined[v]] = community[v];
    for (let v = 0; v < n0; v++) nodeTo[v] = refined[nodeTo[v]];
    level = next;
    community = nextCommunity;
  }
  return { levels, modularity };
}

/**
 * Leiden passes repeated from the previous pass's partition until modularity stops improving or
 * `iterations` passes are done (leidenalg's `n_iterations`; default 20, in practice "until stable"); the levels of the first pass are the hierarchy, the final partition
 * is appended as the last level when a later pass improved it.
 */
function leidenRun(
  base: LevelGraph,
  random: Random,
  resolution: number,
  maxLevels: number,
  iterations: number,
): { levels: Int32Array[]; modularity: number[] } {
  const scratch = createScratch(base.nodeCount);
  const singletons = Int32Array.from({ length: base.nodeCount }, (_, i) => i);
  const first = leidenPass(base, singletons, random, resolution, maxLevels, scratch);
  const levels = first.levels;
  const modularity = first.modularity;
  for (let pass = 1; pass < iterations && levels.length > 0; pass++) {
    const again = leidenPass(base, levels[levels.length - 1], random, resolution, maxLevels, scratch);
    const q = again.modularity[again.modularity.length - 1];
    if (!(q > modularity[modularity.length - 1] + 1e-12)) break;
    levels.push(again.levels[again.levels.length - 1]);
    modularity.push(q);
  }
  return { levels, modularity };
}

export interface LeidenOptions extends CommunityOptions {
  /** Passes over the levels, each from the previous partition; stops early when one does not improve. */
  iterations?: number;
}

export function leidenCommunities(graph: Graph, options: LeidenOptions): CommunityResult {
  const iterations = options.iterations ?? 20;
  return bestOfRuns(
    graph,
    options,
    'network/leiden',
    (level, random, resolution, maxLevels) => leidenRun(level, random, resolution, maxLevels, iterations),
    'leiden',
  );
}
