/**
 * PageRank: the stationary distribution of a random surfer who follows a tie with probability
 * `damping` (chosen in proportion to its weight) and otherwise jumps to a node chosen uniformly.
 *
 * Conventions (igraph's PRPACK implementation): damping 0.85; uniform teleportation; a dangling node
 * (no out-ties) jumps uniformly to every node; undirected ties are followed both ways; scores sum to 1.
 * p = (1 - d)/n + d (sum over u -> v of p_u w_uv / s_u + (sum over dangling u of p_u) / n).
 * Page, Brin, Motwani & Winograd (1999), "The PageRank citation ranking: bringing order to the web",
 * Stanford InfoLab 1999-66, http://ilpubs.stanford.edu:8090/422/. PRPACK: Gleich, Gray, Greif & Lau
 * (2010), "An inner-outer iteration for computing PageRank", SIAM J. Sci. Comput. 32(1):349-371,
 * doi:10.1137/080727397.
 * Solver: Gauss-Seidel sweeps over the in-adjacency (Arasu et al. 2002), which converge in about half
 * the sweeps of the power method, renormalised each sweep, stopped when the L1 change is below
 * `tolerance`. Complexity O(m) per sweep.
 */
import { requireInput } from '../common/index.ts';
import type { Graph } from './graph.ts';

export interface PageRankOptions {
  damping?: number;
  /** Use the weights as transition propensities (default true). */
  weighted?: boolean;
  tolerance?: number;
  maxIterations?: number;
}

const DEFAULTS: Required<PageRankOptions> = {
  damping: 0.85,
  weighted: true,
  tolerance: 1e-12,
  maxIterations: 1000,
};

export interface PageRankResult {
  values: Float64Array;
  iterations: number;
  converged: boolean;
  /** L1 change of the last sweep. */
  change: number;
}

export function pageRank(graph: Graph, options: PageRankOptions = {}): PageRankResult {
  const settings = { ...DEFAULTS, ...options };
  const { damping } = settings;
  requireInput(damping >= 0 && damping < 1, 'network/pagerank', `damping must be in [0, 1), got ${damping}`);
  const n = graph.nodeCount;
  requireInput(n > 0, 'network/pagerank', 'the graph has no nodes');
  const { offsets, weights, inOffsets, inSources, inWeights } = graph;
  const outStrength = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    if (settings.weighted) for (let p = offsets[u]; p < offsets[u + 1]; p++) outStrength[u] += weights[p];
    else outStrength[u] = offsets[u + 1] - offsets[u];
  }
  const scores = new Float64Array(n).fill(1 / n);
  // share[u] = p_u / s_u, kept current as Gauss-Seidel updates p_u.
  const share = new Float64Array(n);
  let dangling = 0;
  for (let u = 0; u < n; u++) {
    if (outStrength[u] > 0) share[u] = scores[u] / outStrength[u];
    else dangling += scores[u];
  }
  let iterations = 0;
  let change = Number.POSITIVE_INFINITY;
  const teleport = (1 - damping) / n;
  while (iterations < settings.maxIterations && change > settings.tolerance) {
    iterations++;
    change = 0;
    let total = 0;
    for (let v = 0; v < n; v++) {
      let incoming = 0;
      if (settings.weighted) {
        for (let p = inOffsets[v]; p < inOffsets[v + 1]; p++) incoming += share[inSources[p]] * inWeights[p];
      } else {
        for (let p = inOffsets[v]; p < inOffsets[v + 1]; p++) incoming += share[inSources[p]];
      }
      const old = scores[v];
      const updated = teleport + damping * (incoming + dangling / n);
      scores[v] = updated;
      total += updated;
      if (outStrength[v] > 0) share[v] = updated / outStrength[v];
      else dangling += updated - old;
      change += Math.abs(updated - old);
    }
    // Renormalise so that the scores sum to 1 after the sweep.
    dangling = 0;
    for (let v = 0; v < n; v++) {
      scores[v] /= total;
      if (outStrength[v] > 0) share[v] = scores[v] / outStrength[v];
      else dangling += scores[v];
    }
  }
  return { values: scores, iterations, converged: change <= settings.tolerance, change };
}
