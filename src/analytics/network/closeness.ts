/**
 * Closeness and harmonic centrality from one shortest-path search per node.
 *
 * Conventions:
 * - closeness (igraph `closeness`, networkx `wf_improved=False`): (r - 1) / sum of distances to the
 *   r - 1 other nodes v can reach (r counts v itself); 0 for a node that reaches no one (igraph gives
 *   NaN there; SIREN never returns NaN);
 * - closenessWassermanFaust: closeness x (r - 1) / (n - 1) (Wasserman & Faust 1994, networkx's default),
 *   which ranks nodes of small components lower;
 * - harmonic: sum over u != v of 1 / d(v, u), 0 for unreachable u (Marchiori & Latora 2000,
 *   "Harmony in the small-world", Physica A 285:539-546, doi:10.1016/S0378-4371(00)00311-3;
 *   Boldi & Vigna 2014, doi:10.1080/15427951.2013.865686); `normalized` divides by n - 1.
 * Directed graphs use out-distances (igraph's default mode "out"). Lengths follow `weightAs`.
 * Bavelas (1950), "Communication patterns in task-oriented groups", JASA 22:725-730,
 * doi:10.1121/1.1906679. Complexity O(n m) unweighted, O(n (m + n log n)) weighted.
 */
import type { Graph } from './graph.ts';
import {
  createWorkspace,
  edgeLengths,
  resetWorkspace,
  singleSourceShortestPaths,
  type WeightAs,
} from './shortest-paths.ts';

export interface ClosenessOptions {
  weightAs?: WeightAs;
  /** Divide harmonic centrality by n - 1. */
  normalized?: boolean;
}

const DEFAULTS: Required<ClosenessOptions> = { weightAs: 'none', normalized: false };

export interface ClosenessResult {
  closeness: Float64Array;
  closenessWassermanFaust: Float64Array;
  harmonic: Float64Array;
  /** Nodes reachable from each node, itself included (r). */
  reachable: Int32Array;
}

export function closenessCentrality(graph: Graph, options: ClosenessOptions = {}): ClosenessResult {
  const settings = { ...DEFAULTS, ...options };
  const n = graph.nodeCount;
  const lengths = edgeLengths(graph, settings.weightAs);
  const ws = createWorkspace(n);
  const closeness = new Float64Array(n);
  const closenessWassermanFaust = new Float64Array(n);
  const harmonic = new Float64Array(n);
  const reachable = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    singleSourceShortestPaths(graph, lengths, s, ws);
    let total = 0;
    let inverse = 0;
    for (let i = 1; i < ws.visitedCount; i++) {
      const d = ws.distance[ws.order[i]];
      total += d;
      inverse += 1 / d;
    }
    const r = ws.visitedCount;
    reachable[s] = r;
    closeness[s] = r > 1 ? (r - 1) / total : 0;
    closenessWassermanFaust[s] = n > 1 ? (closeness[s] * (r - 1)) / (n - 1) : 0;
    harmonic[s] = settings.normalized ? (n > 1 ? inverse / (n - 1) : 0) : inverse;
    resetWorkspace(ws);
  }
  return { closeness, closenessWassermanFaust, harmonic, reachable };
}
