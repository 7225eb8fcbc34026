/**
 * Clustering: local clustering coefficient (igraph `transitivity_local_undirected(mode="zero")`,
 * networkx `clustering`): triangles through v / (k_v (k_v - 1) / 2), 0 when k_v < 2; global
 * transitivity 3 x triangles / connected triples (igraph `transitivity_undirected`); and the average
 * local coefficient with the zeros included (networkx `average_clustering`). Ties are undirected and
 * unweighted (a directed graph's arcs are read as ties). Watts & Strogatz (1998), "Collective dynamics
 * of 'small-world' networks", Nature 393:440-442, doi:10.1038/30918.
 * Triangles are counted once each by orienting every tie from lower to higher (degree, number) rank
 * and intersecting forward lists with a marker array (Latapy 2008, doi:10.1016/j.tcs.2008.07.017):
 * O(m sqrt(m)).
 */
import type { Graph } from './graph.ts';
import { toUndirected } from './graph.ts';

export interface ClusteringResult {
  local: Float64Array;
  triangles: Float64Array;
  transitivity: number;
  averageClustering: number;
  triangleCount: number;
}

export function clusteringCoefficients(input: Graph): ClusteringResult {
  const graph = toUndirected(input);
  const n = graph.nodeCount;
  const { offsets, targets } = graph;
  const degree = new Int32Array(n);
  for (let v = 0; v < n; v++) degree[v] = offsets[v + 1] - offsets[v];
  const ahead = (u: number, v: number): boolean =>
    degree[u] < degree[v] || (degree[u] === degree[v] && u < v);
  const forwardOffsets = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) {
    let count = 0;
    for (let p = offsets[u]; p < offsets[u + 1]; p++) if (ahead(u, targets[p])) count++;
    forwardOffsets[u + 1] = forwardOffsets[u] + count;
  }
  const forward = new Int32Array(forwardOffsets[n]);
  for (let u = 0; u < n; u++) {
    let q = forwardOffsets[u];
    for (let p = offsets[u]; p < offsets[u + 1]; p++) if (ahead(u, targets[p])) forward[q++] = targets[p];
  }
  const triangles = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  let triangleCount = 0;
  for (let u = 0; u < n; u++) {
    for (let p = forwardOffsets[u]; p < forwardOffsets[u + 1]; p++) mark[forward[p]] = u;
    for (let p = forwardOffsets[u]; p < forwardOffsets[u + 1]; p++) {
      const v = forward[p];
      for (let q = forwardOffsets[v]; q < forwardOffsets[v + 1]; q++) {
        const w = forward[q];
        if (mark[w] === u) {
          triangles[u]++;
          triangles[v]++;
          triangles[w]++;
          triangleCount++;
        }
      }
    }
  }
  const local = new Float64Array(n);
  let triples = 0;
  let sumLocal = 0;
  for (let v = 0; v < n; v++) {
    const k = degree[v];
    const pairs = (k * (k - 1)) / 2;
    triples += pairs;
    local[v] = pairs > 0 ? triangles[v] / pairs : 0;
    sumLocal += local[v];
  }
  return {
    local,
    triangles,
    transitivity: triples > 0 ? (3 * triangleCount) / triples : 0,
    averageClustering: n > 0 ? sumLocal / n : 0,
    triangleCount,
  };
}
