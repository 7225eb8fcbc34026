/**
 * Seeded synthetic graph for the network benchmarks: `nodes` nodes in planted communities (sizes
 * 20-500, heavy-tailed), node activity from a Pareto(2.5) law (degree heterogeneity as in real
 * contact networks), `edges` ties drawn with endpoints proportional to activity, 80 % inside the
 * source's community. Same seed, same graph. Returns index arrays (duplicates and self-loops are left
 * in; the graph builder merges and drops them, as it does for CSV rows).
 */
import { createRandom } from '../../src/analytics/common/index.ts';

export interface GeneratedGraph {
  nodeCount: number;
  sources: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  community: Int32Array;
}

export function generateCommunityGraph(nodes: number, edges: number, seed: number): GeneratedGraph {
  const random = createRandom(seed);
  const community = new Int32Array(nodes);
  const starts: number[] = [0];
  while (starts[starts.length - 1] < nodes) {
    const size = Math.min(500, Math.floor(20 / (1 - random.next()) ** (1 / 1.5)));
    starts.push(Math.min(nodes, starts[starts.length - 1] + size));
  }
  for (let c = 0; c + 1 < starts.length; c++)
    for (let v = starts[c]; v < starts[c + 1]; v++) community[v] = c;
  const activity = new Float64Array(nodes);
  for (let v = 0; v < nodes; v++) activity[v] = Math.min(1000, 1 / (1 - random.next()) ** (1 / 2.5));
  // Cumulative activity over all nodes and within each community, for inverse-CDF draws.
  const cumulative = new Float64Array(nodes + 1);
  for (let v = 0; v < nodes; v++) cumulative[v + 1] = cumulative[v] + activity[v];
  const draw = (from: number, to: number): number => {
    const target = cumulative[from] + random.next() * (cumulative[to] - cumulative[from]);
    let lo = from;
    let hi = to - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid + 1] <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const sources = new Int32Array(edges);
  const targets = new Int32Array(edges);
  const weights = new Float64Array(edges);
  for (let e = 0; e < edges; e++) {
    const a = draw(0, nodes);
    const c = community[a];
    const b = random.next() < 0.8 ? draw(starts[c], starts[c + 1]) : draw(0, nodes);
    sources[e] = a;
    targets[e] = b;
    weights[e] = 1 + random.poisson(2);
  }
  return { nodeCount: nodes, sources, targets, weights, community };
}
