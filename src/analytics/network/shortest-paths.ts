/**
 * Single-source shortest paths with path counts: the engine under betweenness, closeness, harmonic
 * centrality, key players and path queries.
 *
 * Edge lengths (`weightAs`):
 * - `none`: every tie has length 1 (breadth-first search, O(n + m));
 * - `distance`: the weight is the length (igraph's `weights=` convention);
 * - `strength`: the weight is a tie strength (calls, meetings) and the length is 1 / weight, the
 *   convention of reference.json's weighted values.
 * Weighted searches are Dijkstra (1959, "A note on two problems in connexion with graphs",
 * Numerische Mathematik 1:269-271, doi:10.1007/BF01386390) with a binary heap, O((n + m) log n).
 * Two path lengths that differ by at most 1e-10 relative are equal (igraph's epsilon comparison), so
 * floating sums of 1/weight do not split tied shortest paths.
 * Directed graphs follow out-arcs; the in-adjacency lengths are kept for predecessor scans.
 */
import type { Graph } from './graph.ts';

export type WeightAs = 'none' | 'distance' | 'strength';

export interface EdgeLengths {
  /** Length of each out-adjacency entry, or null for unit lengths. */
  readonly out: Float64Array | null;
  /** Length of each in-adjacency entry (same array as `out` for undirected graphs). */
  readonly in: Float64Array | null;
}

/** Per-entry lengths for the chosen convention. */
export function edgeLengths(graph: Graph, weightAs: WeightAs): EdgeLengths {
  if (weightAs === 'none') return { out: null, in: null };
  const convert = (weights: Float64Array): Float64Array => {
    const lengths = new Float64Array(weights.length);
    for (let p = 0; p < weights.length; p++)
      lengths[p] = weightAs === 'strength' ? 1 / weights[p] : weights[p];
    return lengths;
  };
  const out = convert(graph.weights);
  return { out, in: graph.directed ? convert(graph.inWeights) : out };
}

export const RELATIVE_EPSILON = 1e-10;

/** True when two path lengths are equal up to the relative epsilon. */
export function sameLength(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE_EPSILON * Math.max(Math.abs(a), Math.abs(b));
}

/** Reusable buffers for repeated single-source searches (allocate once per graph). */
export interface ShortestPathWorkspace {
  readonly distance: Float64Array;
  readonly sigma: Float64Array;
  /** Visited nodes in non-decreasing distance; `visitedCount` entries are valid. */
  readonly order: Int32Array;
  visitedCount: number;
  /** Scratch flags of settled nodes (all zero between searches). */
  readonly settled: Uint8Array;
  heapNodes: Int32Array;
  heapKeys: Float64Array;
}

export function createWorkspace(nodeCount: number): ShortestPathWorkspace {
  return {
    distance: new Float64Array(nodeCount).fill(Number.POSITIVE_INFINITY),
    sigma: new Float64Array(nodeCount),
    order: new Int32Array(nodeCount),
    visitedCount: 0,
    settled: new Uint8Array(nodeCount),
    heapNodes: new Int32Array(16),
    heapKeys: new Float64Array(16),
  };
}

/** Clears the entries the last search touched (O(visited), not O(n)). */
export function resetWorkspace(ws: ShortestPathWorkspace): void {
  for (let i = 0; i < ws.visitedCount; i++) {
    const v = ws.order[i];
    ws.distance[v] = Number.POSITIVE_INFINITY;
    ws.sigma[v] = 0;
  }
  ws.visitedCount = 0;
}

/**
 * Runs one search from `source`, filling distances, shortest-path counts (sigma) and the visit
 * order. `blocked[v] = 1` removes node v (used by key-player and disruption runs). Call
 * {@link resetWorkspace} before the next search.
 */
export function singleSourceShortestPaths(
  graph: Graph,
  lengths: EdgeLengths,
  source: number,
  ws: ShortestPathWorkspace,
  blocked?: Uint8Array,
): void {
  const { offsets, targets } = graph;
  const { distance, sigma, order } = ws;
  distance[source] = 0;
  sigma[source] = 1;
  const out = lengths.out;
  if (out === null) {
    order[0] = source;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = order[head++];
      const next = distance[u] + 1;
      const su = sigma[u];
      for (let p = offsets[u]; p < offsets[u + 1]; p++) {
        const v = targets[p];
        if (blocked?.[v]) continue;
        const dv = distance[v];
        if (dv === Number.POSITIVE_INFINITY) {
          distance[v] = next;
          sigma[v] = su;
          order[tail++] = v;
        } else if (dv === next) {
          sigma[v] += su;
        }
      }
    }
    ws.visitedCount = tail;
    return;
  }
  // Dijkstra with a lazy binary heap; a node is settled when popped with its current distance.
  let heapSize = 0;
  const push = (v: number, key: number): void => {
    if (heapSize === ws.heapNodes.length) {
      const nodes = new Int32Array(heapSize * 2);
      nodes.set(ws.heapNodes);
      const keys = new Float64Array(heapSize * 2);
      keys.set(ws.heapKeys);
      ws.heapNodes = nodes;
      ws.heapKeys = keys;
    }
    const hn = ws.heapNodes;
    const hk = ws.heapKeys;
    let i = heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (hk[parent] <= key) break;
      hn[i] = hn[parent];
      hk[i] = hk[parent];
      i = parent;
    }
    hn[i] = v;
    hk[i] = key;
  };
  let count = 0;
  push(source, 0);
  const settledFlag = ws.settled;
  while (heapSize > 0) {
    const hn = ws.heapNodes;
    const hk = ws.heapKeys;
    const u = hn[0];
    const key = hk[0];
    heapSize--;
    if (heapSize > 0) {
      const lastNode = hn[heapSize];
      const lastKey = hk[heapSize];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= heapSize) break;
        if (child + 1 < heapSize && hk[child + 1] < hk[child]) child++;
        if (hk[child] >= lastKey) break;
        hn[i] = hn[child];
        hk[i] = hk[child];
        i = child;
      }
      hn[i] = lastNode;
      hk[i] = lastKey;
    }
    if (settledFlag[u] === 1 || key > distance[u]) continue;
    settledFlag[u] = 1;
    order[count++] = u;
    const du = distance[u];
    const su = sigma[u];
    for (let p = offsets[u]; p < offsets[u + 1]; p++) {
      const v = targets[p];
      if (settledFlag[v] === 1 || blocked?.[v]) continue;
      const candidate = du + out[p];
      const dv = distance[v];
      if (dv === Number.POSITIVE_INFINITY || (candidate < dv && !sameLength(candidate, dv))) {
        distance[v] = candidate;
        sigma[v] = su;
        push(v, candidate);
      } else if (sameLength(candidate, dv)) {
        sigma[v] += su;
      }
    }
  }
  for (let i = 0; i < count; i++) settledFlag[order[i]] = 0;
  ws.visitedCount = count;
}
