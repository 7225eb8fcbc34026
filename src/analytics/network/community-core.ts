/**
 * Shared machinery of Louvain and Leiden: the weighted "level graph" (a graph whose nodes may stand
 * for communities of the level below, with self-loop weights), queue-based local moving of nodes
 * between communities, aggregation, and modularity.
 *
 * Modularity with resolution gamma (Newman & Girvan 2004, doi:10.1103/PhysRevE.69.026113; Reichardt &
 * Bornholdt 2006, doi:10.1103/PhysRevE.74.016110):
 *   Q = sum over communities c of [ 2 I_c / (2m) - gamma (K_c / 2m)^2 ],
 * I_c the weight inside c (each tie once), K_c the summed strength of c's nodes, 2m the total strength.
 * Moving node v into community c gains w_vc - gamma k_v K_c / 2m (up to the factor 1/m).
 * Local moving follows the queue of Traag, Waltman & van Eck (2019), "From Louvain to Leiden:
 * guaranteeing well-connected communities", Scientific Reports 9:5233, doi:10.1038/s41598-019-41695-z:
 * every node once in random order, then only the neighbours of nodes that moved.
 */
import type { Random } from '../common/index.ts';
import type { Graph } from './graph.ts';

export interface LevelGraph {
  nodeCount: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Weight inside each node (ties within the community it stands for), counted once. */
  loops: Float64Array;
  /** Total strength of each node: neighbour weights + 2 x loop. */
  strength: Float64Array;
  /** Sum of all strengths (2m). */
  totalStrength: number;
}

/** The level-0 graph of an undirected graph (weights or unit weights). */
export function levelGraphOf(graph: Graph, weighted: boolean): LevelGraph {
  const n = graph.nodeCount;
  const weights = weighted ? graph.weights : new Float64Array(graph.targets.length).fill(1);
  const strength = new Float64Array(n);
  let totalStrength = 0;
  for (let v = 0; v < n; v++) {
    for (let p = graph.offsets[v]; p < graph.offsets[v + 1]; p++) strength[v] += weights[p];
    totalStrength += strength[v];
  }
  return {
    nodeCount: n,
    offsets: graph.offsets,
    targets: graph.targets,
    weights,
    loops: new Float64Array(n),
    strength,
    totalStrength,
  };
}

/** Scratch buffers sized for the level-0 graph, reused by every level. */
export interface CommunityScratch {
  neighbourWeight: Float64Array;
  touched: Int32Array;
  queue: Int32Array;
  inQueue: Uint8Array;
  order: Int32Array;
}

export function createScratch(nodeCount: number): CommunityScratch {
  return {
    neighbourWeight: new Float64Array(nodeCount),
    touched: new Int32Array(nodeCount),
    queue: new Int32Array(nodeCount),
    inQueue: new Uint8Array(nodeCount),
    order: new Int32Array(nodeCount),
  };
}

/** A random permutation of 0..n-1 written into `order`. */
export function shuffledOrder(n: number, random: Random, order: Int32Array): void {
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    const held = order[i];
    order[i] = order[j];
    order[j] = held;
  }
}

/**
 * Moves nodes between communities while modularity increases (queue-based). `community` is updated
 * in place; returns the number of moves.
 */
export function moveNodes(
  level: LevelGraph,
  community: Int32Array,
  resolution: number,
  random: Random,
  scratch: CommunityScratch,
): number {
  const n = level.nodeCount;
  const { offsets, targets, weights, strength } = level;
  const m2 = level.totalStrength;
  if (m2 === 0) return 0;
  const total = new Float64Array(n);
  const size = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    total[community[v]] += strength[v];
    size[community[v]]++;
  }
  // Labels with no members, for nodes that do best alone.
  const free: number[] = [];
  for (let c = n - 1; c >= 0; c--) if (size[c] === 0) free.push(c);
  const { neighbourWeight, touched, queue, inQueue, order } = scratch;
  shuffledOrder(n, random, order);
  for (let i = 0; i < n; i++) {
    queue[i] = order[i];
    inQueue[order[i]] = 1;
  }
  let head = 0;
  let queued = n;
  let moves = 0;
  const scale = resolution / m2;
  while (queued > 0) {
    const v = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    queued--;
    inQueue[v] = 0;
    const own = community[v];
    const kv = strength[v];
    let touchedCount = 0;
    for (let p = offsets[v]; p < offsets[v + 1]; p++) {
      const c = community[targets[p]];
      if (neighbourWeight[c] === 0) touched[touchedCount++] = c;
      neighbourWeight[c] += weights[p];
    }
    total[own] -= kv;
    let best = own;
    let bestGain = neighbourWeight[own] - kv * total[own] * scale;
    for (let i = 0; i < touchedCount; i++) {
      const c = touched[i];
      const gain = neighbourWeight[c] - kv * total[c] * scale;
      if (gain > bestGain + 1e-12 * Math.abs(bestGain)) {
        bestGain = gain;
        best = c;
      }
    }
    // Moving to an empty community (gain 0) when every option is negative.
    if (bestGain < 0) {
      bestGain = 0;
      best = -1;
    }
    for (let i = 0; i < touchedCount; i++) neighbourWeight[touched[i]] = 0;
    neighbourWeight[own] = 0;
    if (best === -1) {
      if (size[own] === 1) best = own;
      else {
        let label = free.pop();
        while (label !== undefined && size[label] !== 0) label = free.pop();
        best = label ?? own;
      }
    }
    total[best] += kv;
    if (best !== own) {
      community[v] = best;
      size[own]--;
      size[best]++;
      if (size[own] === 0) free.push(own);
      moves++;
      for (let p = offsets[v]; p < offsets[v + 1]; p++) {
        const u = targets[p];
        if (!inQueue[u] && community[u] !== best) {
          inQueue[u] = 1;
          let tail = head + queued;
          if (tail >= n) tail -= n;
          queue[tail] = u;
          queued++;
        }
      }
    }
  }
  return moves;
}

/** Renumbers labels 0..k-1 in order of first appearance; returns k. */
export function renumber(community: Int32Array): number {
  const map = new Int32Array(community.length).fill(-1);
  let next = 0;
  for (let v = 0; v < community.length; v++) {
    const c = community[v];
    if (map[c] === -1) map[c] = next++;
    community[v] = map[c];
  }
  return next;
}

/** The graph of communities: one node per label (labels 0..count-1), weights summed. */
export function aggregate(level: LevelGraph, community: Int32Array, count: number): LevelGraph {
  const n = level.nodeCount;
  const memberStart = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) memberStart[community[v] + 1]++;
  for (let c = 0; c < count; c++) memberStart[c + 1] += memberStart[c];
  const members = new Int32Array(n);
  const fill = memberStart.slice(0, count);
  for (let v = 0; v < n; v++) members[fill[community[v]]++] = v;
  const loops = new Float64Array(count);
  const strength = new Float64Array(count);
  const offsets = new Int32Array(count + 1);
  let targets = new Int32Array(Math.min(level.targets.length, 1024));
  let weights = new Float64Array(targets.length);
  const slot = new Int32Array(count).fill(-1);
  let write = 0;
  for (let c = 0; c < count; c++) {
    offsets[c] = write;
    for (let i = memberStart[c]; i < memberStart[c + 1]; i++) {
      const v = members[i];
      loops[c] += level.loops[v];
      strength[c] += level.strength[v];
      for (let p = level.offsets[v]; p < level.offsets[v + 1]; p++) {
        const d = community[level.targets[p]];
        const w = level.weights[p];
        if (d === c) {
          loops[c] += w / 2;
          continue;
        }
        if (slot[d] >= offsets[c]) {
          weights[slot[d]] += w;
        } else {
          if (write === targets.length) {
            const grownTargets = new Int32Array(targets.length * 2);
            grownTargets.set(targets);
            const grownWeights = new Float64Array(targets.length * 2);
            grownWeights.set(weights);
            targets = grownTargets;
            weights = grownWeights;
          }
          slot[d] = write;
          targets[write] = d;
          weights[write] = w;
          write++;
        }
      }
    }
  }
  offsets[count] = write;
  return {
    nodeCount: count,
    offsets,
    targets: targets.slice(0, write),
    weights: weights.slice(0, write),
    loops,
    strength,
    totalStrength: level.totalStrength,
  };
}

/** Modularity of a partition of a level graph. */
export function levelModularity(level: LevelGraph, community: Int32Array, resolution: number): number {
  const n = level.nodeCount;
  const m2 = level.totalStrength;
  if (m2 === 0) return 0;
  const inside = new Float64Array(n);
  const total = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    const c = community[v];
    total[c] += level.strength[v];
    inside[c] += 2 * level.loops[v];
    for (let p = level.offsets[v]; p < level.offsets[v + 1]; p++)
      if (community[level.targets[p]] === c) inside[c] += level.weights[p];
  }
  let q = 0;
  for (let c = 0; c < n; c++) if (total[c] > 0) q += inside[c] / m2 - resolution * (total[c] / m2) ** 2;
  return q;
}
