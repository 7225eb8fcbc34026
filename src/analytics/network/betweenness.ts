/**
 * Betweenness centrality, exact: for each node v, the sum over pairs {s, t} (s, t != v) of the
 * share of shortest s-t paths that pass through v, sigma_st(v) / sigma_st.
 *
 * Conventions (igraph's `betweenness`): in an undirected graph each unordered pair counts once
 * (Brandes' ordered-pair sum halved); in a directed graph ordered pairs count. `normalized` divides by
 * (n - 1)(n - 2) / 2 (undirected) or (n - 1)(n - 2) (directed). Path lengths follow `weightAs` (see
 * shortest-paths.ts): unweighted by default.
 *
 * Algorithm: Brandes (2001), "A faster algorithm for betweenness centrality", Journal of Mathematical
 * Sociology 25(2):163-177, doi:10.1080/0022250X.2001.9990249. Dependencies are accumulated in
 * reverse visit order: delta(v) = sum over successors w of sigma_v / sigma_w (1 + delta(w)).
 * Complexity O(n m) unweighted, O(n m + n^2 log n) weighted; memory O(n + m).
 */
import { requireInput } from '../common/index.ts';
import type { Graph } from './graph.ts';
import {
  createWorkspace,
  type EdgeLengths,
  edgeLengths,
  resetWorkspace,
  type ShortestPathWorkspace,
  sameLength,
  singleSourceShortestPaths,
  type WeightAs,
} from './shortest-paths.ts';

export interface BetweennessOptions {
  weightAs?: WeightAs;
  normalized?: boolean;
}

const DEFAULTS: Required<BetweennessOptions> = { weightAs: 'none', normalized: false };

/**
 * Adds the dependencies of one source to `into` (ordered-pair convention, not halved), scaled by
 * `scale`; `delta` is scratch of length n, left zeroed. Returns nothing; the workspace is left filled.
 */
export function accumulateSourceDependencies(
  graph: Graph,
  lengths: EdgeLengths,
  source: number,
  ws: ShortestPathWorkspace,
  delta: Float64Array,
  into: Float64Array,
  scale = 1,
  blocked?: Uint8Array,
  squares?: Float64Array,
): void {
  singleSourceShortestPaths(graph, lengths, source, ws, blocked);
  const { distance, sigma, order } = ws;
  const inOffsets = graph.inOffsets;
  const inSources = graph.inSources;
  const inLengths = lengths.in;
  for (let i = ws.visitedCount - 1; i > 0; i--) {
    const w = order[i];
    const coefficient = (1 + delta[w]) / sigma[w];
    const dw = distance[w];
    for (let p = inOffsets[w]; p < inOffsets[w + 1]; p++) {
      const v = inSources[p];
      const dv = distance[v];
      if (dv === Number.POSITIVE_INFINITY) continue;
      const isPredecessor = inLengths === null ? dv === dw - 1 : sameLength(dv + inLengths[p], dw);
      if (isPredecessor) delta[v] += sigma[v] * coefficient;
    }
    into[w] += scale * delta[w];
    if (squares !== undefined) squares[w] += delta[w] * delta[w];
  }
  for (let i = 0; i < ws.visitedCount; i++) delta[order[i]] = 0;
  resetWorkspace(ws);
}

export interface BetweennessResult {
  /** Per node (index = node number). */
  values: Float64Array;
  normalized: boolean;
  weightAs: WeightAs;
}

export function betweennessCentrality(graph: Graph, options: BetweennessOptions = {}): BetweennessResult {
  const settings = { ...DEFAULTS, ...options };
  requireInput(
    ['none', 'distance', 'strength'].includes(settings.weightAs),
    'network/betweenness',
    `weightAs must be none, distance or strength, got ${settings.weightAs}`,
  );
  const n = graph.nodeCount;
  const lengths = edgeLengths(graph, settings.weightAs);
  const ws = createWorkspace(n);
  const delta = new Float64Array(n);
  const values = new Float64Array(n);
  for (let s = 0; s < n; s++) accumulateSourceDependencies(graph, lengths, s, ws, delta, values);
  const factor = betweennessScale(n, graph.directed, settings.normalized);
  for (let v = 0; v < n; v++) values[v] *= factor;
  return { values, normalized: settings.normalized, weightAs: settings.weightAs };
}

/** The factor turning Brandes' ordered-pair sums into igraph's raw or normalised values. */
export function betweennessScale(n: number, directed: boolean, normalized: boolean): number {
  if (!normalized) return directed ? 1 : 0.5;
  // Undirected: (sum / 2) / ((n - 1)(n - 2) / 2); directed: sum / ((n - 1)(n - 2)).
  const pairs = (n - 1) * (n - 2);
  return pairs > 0 ? 1 / pairs : 0;
}
