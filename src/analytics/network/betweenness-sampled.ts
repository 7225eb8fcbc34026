/**
 * Betweenness centrality estimated from a sample of source nodes ("pivots"), with a standard error
 * for every node: for graphs where exact Brandes (O(n m)) is too slow.
 *
 * Estimator: Brandes & Pich (2007), "Centrality estimation in large networks", International Journal
 * of Bifurcation and Chaos 17(7):2303-2318, doi:10.1142/S0218127407018403. k pivots are drawn
 * uniformly without replacement; node v's betweenness is estimated by (n / k) sum over pivots s of the
 * dependency delta_s(v), then put on the same scale as {@link betweennessCentrality} (unordered pairs
 * for undirected graphs, optional normalisation). For undirected graphs the dependencies are linearly
 * scaled by default (Geisberger, Sanders & Schultes 2008, "Better approximation of betweenness
 * centrality", ALENEX, doi:10.1137/1.9781611972887.9): the pair (s, t) credits v with
 * d(s, v) / d(s, t) of its path share, so that the two ends of a pair sum to the share (unbiased) and
 * sources next to v no longer inflate its estimate. The stated error is the design-based standard error
 * of that total under simple random sampling of sources: SE = n sqrt((1 - k / n) S_v^2 / k), with S_v^2
 * the sample variance of the k dependencies of v; with k = n it is exact and the error is 0. With
 * `strata` (communities) the pivots are a systematic sample over the stratum-sorted nodes (Cochran
 * 1977, Sampling Techniques, ch. 8), which removes the between-community part of the variance, and
 * S_v^2 is the successive-difference estimate, sum of (y_i - y_(i-1))^2 / (2 (k - 1)).
 * Complexity O(k m) unweighted, O(k (m + n log n)) weighted.
 */
import { type Random, requireInput } from '../common/index.ts';
import { accumulateSourceDependencies, betweennessScale } from './betweenness.ts';
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

/**
 * Linearly scaled dependencies of one source (Geisberger, Sanders & Schultes 2008): the pair (s, t)
 * gives v the share d(s, v) / d(s, t) of its path fraction, so that the two ends of an undirected
 * pair together give exactly the fraction; adds them and their squares.
 */
function accumulateScaledDependencies(
  graph: Graph,
  lengths: EdgeLengths,
  source: number,
  ws: ShortestPathWorkspace,
  delta: Float64Array,
  sums: Float64Array,
  squares: Float64Array,
): void {
  singleSourceShortestPaths(graph, lengths, source, ws);
  const { distance, sigma, order } = ws;
  const inLengths = lengths.in;
  // delta holds g(v) = sum over t of (sigma_sv sigma_vt / sigma_st) / d(s, t); the scaled dependency
  // is d(s, v) g(v), with g(v) = sum over successors w of sigma_v / sigma_w (1 / d(s, w) + g(w)).
  for (let i = ws.visitedCount - 1; i > 0; i--) {
    const w = order[i];
    const dw = distance[w];
    const coefficient = (1 / dw + delta[w]) / sigma[w];
    for (let p = graph.inOffsets[w]; p < graph.inOffsets[w + 1]; p++) {
      const v = graph.inSources[p];
      const dv = distance[v];
      if (dv === Number.POSITIVE_INFINITY) continue;
      const isPredecessor = inLengths === null ? dv === dw - 1 : sameLength(dv + inLengths[p], dw);
      if (isPredecessor) delta[v] += sigma[v] * coefficient;
    }
    const scaled = dw * delta[w];
    sums[w] += scaled;
    squares[w] += scaled * scaled;
  }
  for (let i = 0; i < ws.visitedCount; i++) delta[order[i]] = 0;
  resetWorkspace(ws);
}

export interface SampledBetweennessOptions {
  /** Number of pivots (capped at n). */
  samples?: number;
  weightAs?: WeightAs;
  normalized?: boolean;
  /**
   * `linear` (default for undirected graphs): Geisberger-Sanders-Schultes linear scaling, which
   * removes most of the variance from sources next to v; `none`: plain Brandes-Pich.
   */
  scaling?: 'linear' | 'none';
  /**
   * Optional stratum of each node (e.g. a Louvain community). Pivots are then drawn systematically
   * over the nodes sorted by stratum (random order within each), an implicitly stratified sample
   * with proportional allocation, and the error uses the successive-difference variance estimator.
   */
  strata?: ArrayLike<number>;
  random: Random;
}

const DEFAULTS = { samples: 256, weightAs: 'none' as WeightAs, normalized: false };

export interface SampledBetweennessResult {
  values: Float64Array;
  /** Standard error of each estimate, on the same scale. */
  standardErrors: Float64Array;
  samples: number;
  pivots: Int32Array;
  scaling: 'linear' | 'none';
  normalized: boolean;
  weightAs: WeightAs;
}

export function sampledBetweennessCentrality(
  graph: Graph,
  options: SampledBetweennessOptions,
): SampledBetweennessResult {
  const settings = { ...DEFAULTS, ...options };
  const n = graph.nodeCount;
  requireInput(n > 0, 'network/betweenness-sampled', 'the graph has no nodes');
  requireInput(
    Number.isInteger(settings.samples) && settings.samples >= 1,
    'network/betweenness-sampled',
    `samples must be a positive whole number, got ${settings.samples}`,
  );
  const k = Math.min(settings.samples, n);
  const all = Array.from({ length: n }, (_, i) => i);
  const strata = settings.strata;
  if (strata !== undefined) {
    requireInput(strata.length === n, 'network/betweenness-sampled', 'strata needs one label per node');
    const key = new Float64Array(n);
    for (let v = 0; v < n; v++) key[v] = settings.random.next();
    all.sort((a, b) => strata[a] - strata[b] || key[a] - key[b]);
    // Systematic selection: every (n / k)-th node from a random start.
    const step = n / k;
    const offset = settings.random.next() * step;
    for (let i = 0; i < k; i++) all[i] = all[Math.min(n - 1, Math.floor(offset + i * step))];
  } else {
    // Partial Fisher-Yates: the first k entries are a uniform sample without replacement.
    for (let i = 0; i < k; i++) {
      const j = i + settings.random.integer(n - i);
      const held = all[i];
      all[i] = all[j];
      all[j] = held;
    }
  }
  const pivots = Int32Array.from(all.slice(0, k));
  const lengths = edgeLengths(graph, settings.weightAs);
  const ws = createWorkspace(n);
  const delta = new Float64Array(n);
  const sums = new Float64Array(n);
  const squares = new Float64Array(n);
  // For the stratified design: sum of squared differences between consecutive pivots' contributions.
  const stratified = strata !== undefined;
  const previousSums = stratified ? new Float64Array(n) : undefined;
  const previousContribution = stratified ? new Float64Array(n) : undefined;
  const differences = stratified ? new Float64Array(n) : undefined;
  const linear = (settings.scaling ?? (graph.directed ? 'none' : 'linear')) === 'linear';
  requireInput(
    !(linear && graph.directed),
    'network/betweenness-sampled',
    'linear scaling is unbiased only for undirected graphs; use scaling "none"',
  );
  pivots.forEach((s, index) => {
    if (linear) accumulateScaledDependencies(graph, lengths, s, ws, delta, sums, squares);
    else accumulateSourceDependencies(graph, lengths, s, ws, delta, sums, 1, undefined, squares);
    if (previousSums && previousContribution && differences) {
      // O(n) per pivot: the contribution of this pivot is the change of the running sum.
      for (let v = 0; v < n; v++) {
        const contribution = sums[v] - previousSums[v];
        if (index > 0) differences[v] += (contribution - previousContribution[v]) ** 2;
        previousContribution[v] = contribution;
        previousSums[v] = sums[v];
      }
    }
  });
  // Linear scaling already splits each unordered pair between its two ends: no halving.
  const factor = linear
    ? settings.normalized
      ? betweennessScale(n, false, true)
      : 1
    : betweennessScale(n, graph.directed, settings.normalized);
  const values = new Float64Array(n);
  const standardErrors = new Float64Array(n);
  const finite = 1 - k / n;
  for (let v = 0; v < n; v++) {
    const mean = sums[v] / k;
    values[v] = n * mean * factor;
    // Simple random sampling: the sample variance; stratified: the successive-difference estimator.
    const variance =
      k < 2
        ? 0
        : differences
          ? differences[v] / (2 * (k - 1))
          : Math.max(0, (squares[v] - k * mean * mean) / (k - 1));
    standardErrors[v] = n * Math.sqrt((finite * variance) / k) * factor;
  }
  return {
    values,
    standardErrors,
    samples: k,
    pivots,
    scaling: linear ? 'linear' : 'none',
    normalized: settings.normalized,
    weightAs: settings.weightAs,
  };
}
