/**
 * Modularity of a partition (Newman & Girvan 2004, "Finding and evaluating community structure in
 * networks", Phys. Rev. E 69:026113, doi:10.1103/PhysRevE.69.026113), weighted or not, with a
 * resolution parameter (igraph `modularity(resolution=)`, networkx `modularity`):
 *   Q = (1 / 2m) sum_ij (A_ij - gamma k_i k_j / 2m) [c_i = c_j].
 * Directed graphs are read as undirected (arc weights summed per pair). O(n + m).
 */
import { requireInput } from '../common/index.ts';
import { levelGraphOf, levelModularity } from './community-core.ts';
import { type Graph, toUndirected } from './graph.ts';

export interface ModularityOptions {
  weighted?: boolean;
  resolution?: number;
}

const DEFAULTS: Required<ModularityOptions> = { weighted: true, resolution: 1 };

/** `membership[v]` is node v's community label (any non-negative integers). */
export function modularity(
  graph: Graph,
  membership: ArrayLike<number>,
  options: ModularityOptions = {},
): number {
  const settings = { ...DEFAULTS, ...options };
  requireInput(
    membership.length === graph.nodeCount,
    'network/modularity',
    'membership needs one label per node',
  );
  const labels = new Map<number, number>();
  const community = new Int32Array(graph.nodeCount);
  for (let v = 0; v < graph.nodeCount; v++) {
    const label = membership[v];
    requireInput(Number.isInteger(label), 'network/modularity', `node ${graph.ids[v]} has label ${label}`);
    let c = labels.get(label);
    if (c === undefined) {
      c = labels.size;
      labels.set(label, c);
    }
    community[v] = c;
  }
  return levelModularity(
    levelGraphOf(toUndirected(graph), settings.weighted),
    community,
    settings.resolution,
  );
}
