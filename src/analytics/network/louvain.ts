/**
 * Louvain community detection: repeated local moving of nodes to the neighbouring community with the
 * largest modularity gain, then aggregation of communities into nodes, until nothing moves. Each
 * aggregation is one level of the hierarchy (level 0 the finest). Blondel, Guillaume, Lambiotte &
 * Lefebvre (2008), "Fast unfolding of communities in large networks", J. Stat. Mech. P10008,
 * doi:10.1088/1742-5468/2008/10/P10008 (igraph `community_multilevel`).
 *
 * A single run depends on the node order and often falls short of the best partition, so `restarts`
 * independent runs (seeded forks of `random`) are made and the one with the highest modularity kept;
 * the result reports the spread of modularity over the runs. Local moving is queue-based (see
 * community-core.ts). Weighted by default; directed graphs are read as undirected.
 * Complexity about O(m) per pass, a few passes per level, O(log n) levels in practice.
 */
import { type Random, requireInput } from '../common/index.ts';
import {
  aggregate,
  createScratch,
  type LevelGraph,
  levelGraphOf,
  levelModularity,
  moveNodes,
  renumber,
} from './community-core.ts';
import { type Graph, toUndirected } from './graph.ts';

export interface CommunityOptions {
  random: Random;
  weighted?: boolean;
  resolution?: number;
  /** Independent runs; the best modularity wins. */
  restarts?: number;
  maxLevels?: number;
}

export const COMMUNITY_DEFAULTS = { weighted: true, resolution: 1, restarts: 10, maxLevels: 50 };

export interface CommunityResult {
  /** Community of each node (labels 0..count-1 in order of first appearance). */
  membership: Int32Array;
  count: number;
  modularity: number;
  /** Membership at each level of the best run, finest first; the last equals `membership`. */
  levels: Int32Array[];
  /** Modularity of each level of the best run. */
  levelModularity: number[];
  /** Modularity of every run, in run order. */
  runModularity: number[];
  method: 'louvain' | 'leiden';
}

/** Runs `single` `restarts` times with forked generators and keeps the best modularity. */
export function bestOfRuns(
  graph: Graph,
  options: CommunityOptions,
  where: string,
  single: (
    level: LevelGraph,
    random: Random,
    resolution: number,
    maxLevels: number,
  ) => { levels: Int32Array[]; modularity: number[] },
  method: 'louvain' | 'leiden',
): CommunityResult {
  const settings = { ...COMMUNITY_DEFAULTS, ...options };
  requireInput(
    Number.isInteger(settings.restarts) && settings.restarts >= 1,
    where,
    `restarts must be a positive whole number, got ${settings.restarts}`,
  );
  requireInput(settings.resolution > 0, where, `resolution must be positive, got ${settings.resolution}`);
  const level = levelGraphOf(toUndirected(graph), settings.weighted);
  let best: { levels: Int32Array[]; modularity: number[] } | undefined;
  let bestQ = Number.NEGATIVE_INFINITY;
  const runModularity: number[] = [];
  for (let run = 0; run < settings.restarts; run++) {
    const outcome = single(level, settings.random.fork(), settings.resolution, settings.maxLevels);
    const q = outcome.modularity.length > 0 ? outcome.modularity[outcome.modularity.length - 1] : 0;
    runModularity.push(q);
    if (q > bestQ + 1e-12) {
      bestQ = q;
      best = outcome;
    }
  }
  const levels = best?.levels ?? [];
  const membership =
    levels.length > 0 ? levels[levels.length - 1] : Int32Array.from({ length: graph.nodeCount }, (_, i) => i);
  const count = renumber(membership);
  return {
    membership,
    count,
    modularity: levels.length > 0 ? bestQ : levelModularity(level, membership, settings.resolution),
    levels,
    levelModularity: best?.modularity ?? [],
    runModularity,
    method,
  };
}

function louvainRun(
  base: LevelGraph,
  random: Random,
  resolution: number,
  maxLevels: number,
): { levels: Int32Array[]; modularity: number[] } {
  const n0 = base.nodeCount;
  const scratch = createScratch(n0);
  const nodeTo = Int32Array.from({ length: n0 }, (_, i) => i);
  const levels: Int32Array[] = [];
  const modularity: number[] = [];
  let level = base;
  for (let depth = 0; depth < maxLevels; depth++) {
    const community = Int32Array.from({ length: level.nodeCount }, (_, i) => i);
    const moves = moveNodes(level, community, resolution, random, scratch);
    if (moves === 0 && depth > 0) break;
    const count = renumber(community);
    for (let v = 0; v < n0; v++) nodeTo[v] = community[nodeTo[v]];
    levels.push(nodeTo.slice());
    const next = aggregate(level, community, count);
    modularity.push(
      levelModularity(
        next,
        Int32Array.from({ length: count }, (_, i) => i),
        resolution,
      ),
    );
    if (count === level.nodeCount) break;
    level = next;
  }
  return { levels, modularity };
}

export function louvainCommunities(graph: Graph, options: CommunityOptions): CommunityResult {
  return bestOfRuns(graph, options, 'network/louvain', louvainRun, 'louvain');
}
