import { requireInput } from '../common/index.ts';

/**
 * Connected components of the links at or above a probability threshold (transitive closure):
 * the classic way to turn pairwise decisions into entities. Union–find with path halving and union
 * by size. Cluster ids are the smallest record index of each cluster, so they do not depend on the
 * order of the pairs. Source: R. E. Tarjan (1975), "Efficiency of a good but not linear set union
 * algorithm", JACM 22(2):215–225, doi:10.1145/321879.321884. Complexity: O(pairs · α(records)).
 */
export interface ScoredLinks {
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  probability: ArrayLike<number>;
  count: number;
}

export interface Clustering {
  /** Cluster id of each record (the smallest record index in its cluster). */
  cluster: Int32Array;
  clusterCount: number;
}

export function findRoot(parent: Int32Array, record: number): number {
  let node = record;
  while (parent[node] !== node) {
    parent[node] = parent[parent[node]];
    node = parent[node];
  }
  return node;
}

/** Relabels union–find roots as the smallest member of each cluster. */
export function labelClusters(parent: Int32Array): Clustering {
  const n = parent.length;
  const smallest = new Int32Array(n).fill(-1);
  for (let record = 0; record < n; record++) {
    const root = findRoot(parent, record);
    if (smallest[root] < 0) smallest[root] = record;
  }
  const cluster = new Int32Array(n);
  let clusterCount = 0;
  for (let record = 0; record < n; record++) {
    cluster[record] = smallest[findRoot(parent, record)];
    if (cluster[record] === record) clusterCount++;
  }
  return { cluster, clusterCount };
}

export function clusterConnectedComponents(records: number, links: ScoredLinks, threshold = 0.5): Clustering {
  requireInput(
    Number.isInteger(records) && records >= 0,
    'linkage/cluster-components',
    'record count must be a whole number',
  );
  requireInput(
    threshold >= 0 && threshold <= 1,
    'linkage/cluster-components',
    `threshold ${threshold} is not a probability`,
  );
  const parent = new Int32Array(records);
  const size = new Int32Array(records).fill(1);
  for (let record = 0; record < records; record++) parent[record] = record;
  for (let p = 0; p < links.count; p++) {
    if (!(links.probability[p] >= threshold)) continue;
    let a = findRoot(parent, links.left[p]);
    let b = findRoot(parent, links.right[p]);
    if (a === b) continue;
    if (size[a] < size[b]) [a, b] = [b, a];
    parent[b] = a;
    size[a] += size[b];
  }
  return labelClusters(parent);
}
