/**
 * Generalised degree: C(i) = k_i^(1 - alpha) * s_i^alpha, the number of ties k and their total weight
 * s of each node combined by a tuning parameter alpha (0: degree, 1: strength; 0.5: geometric mean),
 * so that a node with many ties and large flows ranks above one with a single heavy tie or many light
 * ones. Opsahl, Agneessens & Skvoretz (2010), "Node centrality in weighted networks: generalizing
 * degree and shortest paths", Social Networks 32(3):245-251, doi:10.1016/j.socnet.2010.03.006
 * (tnet `degree_w`, column `output` for out/in/all). For a directed graph `mode` says which ties
 * count: `in` (e.g. the distinct payers and amount received in a money graph), `out` or `all`
 * (in + out degree with in + out strength).
 * Complexity O(n + m).
 */
import { requireInput } from '../common/index.ts';
import { degreeCentrality } from './degree.ts';
import type { Graph } from './graph.ts';

export interface GeneralizedDegreeOptions {
  /** Weight of strength against degree, in [0, 1]; default 0.5. */
  alpha?: number;
  /** Directed graphs: in-ties, out-ties or all (default). */
  mode?: 'in' | 'out' | 'all';
}

export function generalizedDegree(graph: Graph, options: GeneralizedDegreeOptions = {}): Float64Array {
  const alpha = options.alpha ?? 0.5;
  requireInput(
    alpha >= 0 && alpha <= 1,
    'network/generalized-degree',
    `alpha must be in [0, 1], got ${alpha}`,
  );
  const degree = degreeCentrality(graph);
  const mode = graph.directed ? (options.mode ?? 'all') : 'all';
  const k = mode === 'in' ? degree.inDegree : mode === 'out' ? degree.outDegree : degree.degree;
  const s = mode === 'in' ? degree.inStrength : mode === 'out' ? degree.outStrength : degree.strength;
  return Float64Array.from(k, (ties, v) => (ties === 0 ? 0 : ties ** (1 - alpha) * s[v] ** alpha));
}
