/**
 * Eigenvector centrality: the entries of the leading eigenvector of the (weighted) adjacency matrix,
 * x_v = (1 / lambda) sum over u of a_uv x_u, scaled so that the largest entry is 1 (igraph
 * `eigenvector_centrality(scale=True)`). Bonacich (1972), "Factoring and weighting approaches to status
 * scores and clique identification", Journal of Mathematical Sociology 2(1):113-120,
 * doi:10.1080/0022250X.1972.9989806.
 *
 * Conventions: the weight (a tie strength, not a length) is the adjacency value when `weighted`;
 * directed graphs use in-ties (a node is central when central nodes point to it), as igraph; in a
 * disconnected graph the nodes outside the component holding the leading eigenvalue get 0.
 * Solver: power iteration on A + I (the shift makes the leading eigenvalue strictly dominant also in
 * bipartite graphs) from the degree vector, stopped when the largest change of the max-scaled vector
 * is below `tolerance`. Complexity O(m) per iteration.
 */
import { requireInput } from '../common/index.ts';
import type { Graph } from './graph.ts';

export interface EigenvectorOptions {
  weighted?: boolean;
  tolerance?: number;
  maxIterations?: number;
}

const DEFAULTS: Required<EigenvectorOptions> = { weighted: true, tolerance: 1e-13, maxIterations: 100_000 };

export interface EigenvectorResult {
  values: Float64Array;
  /** Leading eigenvalue of A (the shift removed). */
  eigenvalue: number;
  iterations: number;
  converged: boolean;
}

export function eigenvectorCentrality(graph: Graph, options: EigenvectorOptions = {}): EigenvectorResult {
  const settings = { ...DEFAULTS, ...options };
  const n = graph.nodeCount;
  requireInput(n > 0, 'network/eigenvector', 'the graph has no nodes');
  const { inOffsets, inSources, inWeights } = graph;
  let x = new Float64Array(n);
  for (let v = 0; v < n; v++)
    x[v] = inOffsets[v + 1] - inOffsets[v] + graph.offsets[v + 1] - graph.offsets[v];
  let maximum = 0;
  for (let v = 0; v < n; v++) maximum = Math.max(maximum, x[v]);
  if (maximum === 0)
    return { values: new Float64Array(n).fill(1), eigenvalue: 0, iterations: 0, converged: true };
  for (let v = 0; v < n; v++) x[v] /= maximum;
  let next = new Float64Array(n);
  let iterations = 0;
  let change = Number.POSITIVE_INFINITY;
  let scale = 1;
  while (iterations < settings.maxIterations && change > settings.tolerance) {
    iterations++;
    let largest = 0;
    for (let v = 0; v < n; v++) {
      let sum = x[v];
      if (settings.weighted)
        for (let p = inOffsets[v]; p < inOffsets[v + 1]; p++) sum += inWeights[p] * x[inSources[p]];
      else for (let p = inOffsets[v]; p < inOffsets[v + 1]; p++) sum += x[inSources[p]];
      next[v] = sum;
      if (sum > largest) largest = sum;
    }
    change = 0;
    for (let v = 0; v < n; v++) {
      next[v] /= largest;
      change = Math.max(change, Math.abs(next[v] - x[v]));
    }
    scale = largest;
    const held = x;
    x = next;
    next = held;
  }
  return { values: x, eigenvalue: scale - 1, iterations, converged: change <= settings.tolerance };
}
