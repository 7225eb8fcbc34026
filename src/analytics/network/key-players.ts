/**
 * Key players (Borgatti 2006, "Identifying sets of key players in a social network", Computational and
 * Mathematical Organization Theory 12:21-34, doi:10.1007/s10588-006-7084-x): the set K of k nodes
 * whose removal fragments the network most (KPP-Neg), or that reaches most of the rest (KPP-Pos).
 *
 * Objectives (n = nodes of G - K, N = all nodes, unweighted undirected distances):
 * - `fragmentation` F = 1 - sum over components c of s_c (s_c - 1) / (n (n - 1)) in G - K;
 * - `distance-fragmentation` DF = 1 - sum over ordered pairs i != j of (1 / d_ij) / (n (n - 1)) in G - K
 *   (1 / infinity = 0);
 * - `reach` = share of the N - k outside nodes within 2 steps of K;
 * - `distance-reach` DR = sum over outside j of (1 / d_Kj) / (N - k).
 * Search: greedy (add the best node k times), then Borgatti's swap optimisation (replace a member by a
 * non-member while that improves the objective, until no swap does), or an exhaustive search over all
 * k-subsets (`method: 'exhaustive'`, small graphs only). Candidates for large graphs can be limited to
 * the top nodes by degree (`candidates`). Each evaluation costs O(n + m) (DF: O(n m)).
 */
import { requireInput } from '../common/index.ts';
import { connectedComponents } from './components.ts';
import type { Graph } from './graph.ts';
import { toUndirected } from './graph.ts';

export type KeyPlayerObjective = 'fragmentation' | 'distance-fragmentation' | 'reach' | 'distance-reach';

export interface KeyPlayerOptions {
  k: number;
  objective?: KeyPlayerObjective;
  method?: 'greedy-swap' | 'exhaustive';
  /** Consider only the this-many nodes of highest degree (all when undefined or >= n). */
  candidates?: number;
  /** Upper bound on swap passes. */
  maxSwapPasses?: number;
}

const DEFAULTS = {
  objective: 'fragmentation' as KeyPlayerObjective,
  method: 'greedy-swap',
  maxSwapPasses: 50,
};

export interface RemainingNetwork {
  nodes: number;
  ties: number;
  components: number;
  largestComponent: number;
  /** Largest component after removal / before. */
  largestComponentShare: number;
  fragmentation: number;
  isolates: number;
}

export interface KeyPlayerResult {
  k: number;
  objective: KeyPlayerObjective;
  /** Node numbers of the set, in the order found. */
  set: number[];
  value: number;
  remaining: RemainingNetwork;
  evaluations: number;
}

/** Scorer of sets of removed/selected nodes over one undirected graph. */
export function keyPlayerScorer(
  input: Graph,
  objective: KeyPlayerObjective,
): (set: Uint8Array, size: number) => number {
  const graph = toUndirected(input);
  const n = graph.nodeCount;
  const queue = new Int32Array(n);
  const distance = new Int32Array(n);
  const { offsets, targets } = graph;
  if (objective === 'fragmentation')
    return (set, size) => {
      const left = n - size;
      if (left < 2) return 1;
      const components = connectedComponents(graph, set);
      let pairs = 0;
      for (const s of components.sizes) pairs += s * (s - 1);
      return 1 - pairs / (left * (left - 1));
    };
  if (objective === 'distance-fragmentation')
    return (set, size) => {
      const left = n - size;
      if (left < 2) return 1;
      let sum = 0;
      for (let s = 0; s < n; s++) {
        if (set[s]) continue;
        distance.fill(-1);
        distance[s] = 0;
        queue[0] = s;
        let head = 0;
        let tail = 1;
        while (head < tail) {
          const u = queue[head++];
          for (let p = offsets[u]; p < offsets[u + 1]; p++) {
            const v = targets[p];
            if (set[v] || distance[v] !== -1) continue;
            distance[v] = distance[u] + 1;
            sum += 1 / distance[v];
            queue[tail++] = v;
          }
        }
      }
      return 1 - sum / (left * (left - 1));
    };
  return (set, size) => {
    const outside = n - size;
    if (outside === 0) return 1;
    distance.fill(-1);
    let tail = 0;
    for (let v = 0; v < n; v++)
      if (set[v]) {
        distance[v] = 0;
        queue[tail++] = v;
      }
    let head = 0;
    let score = 0;
    while (head < tail) {
      const u = queue[head++];
      for (let p = offsets[u]; p < offsets[u + 1]; p++) {
        const v = targets[p];
        if (distance[v] !== -1) continue;
        distance[v] = distance[u] + 1;
        score += objective === 'reach' ? (distance[v] <= 2 ? 1 : 0) : 1 / distance[v];
        queue[tail++] = v;
      }
    }
    return score / outside;
  };
}

/** What is left of the network after removing the nodes with `removed[v] = 1`. */
export function remainingNetwork(input: Graph, removed: Uint8Array): RemainingNetwork {
  const graph = toUndirected(input);
  const n = graph.nodeCount;
  const before = connectedComponents(graph);
  const after = connectedComponents(graph, removed);
  let left = 0;
  let ties = 0;
  let isolates = 0;
  for (let v = 0; v < n; v++) {
    if (removed[v]) continue;
    left++;
    let degree = 0;
    for (let p = graph.offsets[v]; p < graph.offsets[v + 1]; p++) if (!removed[graph.targets[p]]) degree++;
    ties += degree;
    if (degree === 0) isolates++;
  }
  let pairs = 0;
  for (const s of after.sizes) pairs += s * (s - 1);
  const largest = after.count > 0 ? after.sizes[after.largest] : 0;
  return {
    nodes: left,
    ties: ties / 2,
    components: after.count,
    largestComponent: largest,
    largestComponentShare: before.count > 0 ? largest / before.sizes[before.largest] : 0,
    fragmentation: left > 1 ? 1 - pairs / (left * (left - 1)) : 1,
    isolates,
  };
}

export function keyPlayers(graph: Graph, options: KeyPlayerOptions): KeyPlayerResult {
  const where = 'network/key-players';
  const settings = { ...DEFAULTS, ...options };
  const n = graph.nodeCount;
  const { k } = settings;
  requireInput(
    Number.isInteger(k) && k >= 1 && k < n,
    where,
    `k must be a whole number from 1 to ${n - 1}, got ${k}`,
  );
  requireInput(
    ['fragmentation', 'distance-fragmentation', 'reach', 'distance-reach'].includes(settings.objective),
    where,
    `unknown objective ${settings.objective}`,
  );
  const score = keyPlayerScorer(graph, settings.objective);
  let pool = Array.from({ length: n }, (_, v) => v);
  if (settings.candidates !== undefined && settings.candidates < n) {
    const degree = (v: number) =>
      graph.offsets[v + 1] -
      graph.offsets[v] +
      (graph.directed ? graph.inOffsets[v + 1] - graph.inOffsets[v] : 0);
    pool = pool.sort((a, b) => degree(b) - degree(a) || a - b).slice(0, Math.max(settings.candidates, k));
  }
  const inSet = new Uint8Array(n);
  let evaluations = 0;
  const evaluate = (): number => {
    evaluations++;
    return score(inSet, k);
  };
  let set: number[] = [];
  let value = Number.NEGATIVE_INFINITY;
  if (settings.method === 'exhaustive') {
    const choice = Array.from({ length: k }, (_, i) => i);
    requireInput(pool.length >= k, where, 'fewer candidates than k');
    for (;;) {
      for (const i of choice) inSet[pool[i]] = 1;
      const v = evaluate();
      if (v > value + 1e-12) {
        value = v;
        set = choice.map((i) => pool[i]);
      }
      for (const i of choice) inSet[pool[i]] = 0;
      let i = k - 1;
      while (i >= 0 && choice[i] === pool.length - k + i) i--;
      if (i < 0) break;
      choice[i]++;
      for (let j = i + 1; j < k; j++) choice[j] = choice[j - 1] + 1;
    }
  } else {
    const partialScore = keyPlayerScorer(graph, settings.objective);
    for (let step = 0; step < k; step++) {
      let best = -1;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (const v of pool) {
        if (inSet[v]) continue;
        inSet[v] = 1;
        evaluations++;
        const s = partialScore(inSet, step + 1);
        inSet[v] = 0;
        if (s > bestValue + 1e-12) {
          bestValue = s;
          best = v;
        }
      }
      inSet[best] = 1;
      set.push(best);
      value = bestValue;
    }
    for (let pass = 0; pass < settings.maxSwapPasses; pass++) {
      let improved = false;
      for (let i = 0; i < set.length; i++) {
        for (const candidate of pool) {
          if (inSet[candidate]) continue;
          const member = set[i];
          inSet[member] = 0;
          inSet[candidate] = 1;
          const s = evaluate();
          if (s > value + 1e-12) {
            value = s;
            set[i] = candidate;
            improved = true;
          } else {
            inSet[candidate] = 0;
            inSet[member] = 1;
          }
        }
      }
      if (!improved) break;
    }
  }
  const removed = new Uint8Array(n);
  for (const v of set) removed[v] = 1;
  return {
    k,
    objective: settings.objective,
    set,
    value,
    remaining: remainingNetwork(graph, removed),
    evaluations,
  };
}
