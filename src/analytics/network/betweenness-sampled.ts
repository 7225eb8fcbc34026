/**
 * Betweenness centrality estimated from a sample of source nodes ("pivots"), with a standard error
 * for every node: for graphs where exact Brandes (O(n m)) is too slow.
 *
 * Estimator: Brandes & Pich (2007), "Centrality estimation in large networks", International Journal
 * of Bifurcation and Chaos 17(7):2303-2318, doi:10.1142/S0218127407018403. k pivots are drawn
 * uniformly without replacement; node v's betweenness is estimated by (n / k) sum over pivots s of the
 * dependency delta_s(v), then put on the same scale as {@link betweennessCentrality} (unordered pairs
 * for undirected graphs, optional normalisation). The stated error is the design-based standard error
 * of that total under simple random sampling of sources: SE = n sqrt((1 - k / n) S_v^2 / k), with S_v^2
 * the sample variance of the k dependencies of v; with k = n it is exact and the error is 0.
 * Complexity O(k m) unweighted, O(k (m + n log n)) weighted.
 */
import { type Random, requireInput } from '../common/index.ts';
import { accumulateSourceDependencies, betweennessScale } from './betweenness.ts';
import type { Graph } from './graph.ts';
import { createWorkspace, edgeLengths, type WeightAs } from './shortest-paths.ts';

export interface SampledBetweennessOptions {
  /** Number of pivots (capped at n). */
  samples?: number;
  weightAs?: WeightAs;
  normalized?: boolean;
  random: Random;
}

const DEFAULTS = { samples: 256, weightAs: 'none' as WeightAs, normalized: false };

export interface SampledBetweennessResult {
  values: Float64Array;
  /** Standard error of each estimate, on the same scale. */
  standardErrors: Float64Array;
  samples: number;
  pivots: Int32Array;
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
  // Partial Fisher-Yates: the first k entries are a uniform sample without replacement.
  for (let i = 0; i < k; i++) {
    const j = i + settings.random.integer(n - i);
    const held = all[i];
    all[i] = all[j];
    all[j] = held;
  }
  const pivots = Int32Array.from(all.slice(0, k));
  const lengths = edgeLengths(graph, settings.weightAs);
  const ws = createWorkspace(n);
  const delta = new Float64Array(n);
  const sums = new Float64Array(n);
  const squares = new Float64Array(n);
  for (const s of pivots)
    accumulateSourceDependencies(graph, lengths, s, ws, delta, sums, 1, undefined, squares);
  const factor = betweennessScale(n, graph.directed, settings.normalized);
  const values = new Float64Array(n);
  const standardErrors = new Float64Array(n);
  const finite = 1 - k / n;
  for (let v = 0; v < n; v++) {
    const mean = sums[v] / k;
    values[v] = n * mean * factor;
    const variance = k > 1 ? Math.max(0, (squares[v] - k * mean * mean) / (k - 1)) : 0;
    standardErrors[v] = n * Math.sqrt((finite * variance) / k) * factor;
  }
  return {
    values,
    standardErrors,
    samples: k,
    pivots,
    normalized: settings.normalized,
    weightAs: settings.weightAs,
  };
}
