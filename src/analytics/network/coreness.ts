/**
 * k-core decomposition: a node's coreness is the largest k such that it belongs to a subgraph in
 * which every node has at least k neighbours (igraph `coreness`, mode "all": in + out neighbours for
 * directed graphs, ties counted once per direction). Seidman (1983), "Network structure and minimum
 * degree", Social Networks 5(3):269-287, doi:10.1016/0378-8733(83)90028-X.
 * Algorithm: Batagelj & Zaversnik (2003), "An O(m) algorithm for cores decomposition of networks",
 * arXiv:cs/0310049: nodes bucket-sorted by degree, peeled in order of current degree. O(n + m).
 */
import type { Graph } from './graph.ts';

export interface CorenessResult {
  values: Int32Array;
  maxCore: number;
}

export function coreness(graph: Graph): CorenessResult {
  const n = graph.nodeCount;
  const { offsets, targets, inOffsets, inSources } = graph;
  const degree = new Int32Array(n);
  let maxDegree = 0;
  for (let v = 0; v < n; v++) {
    degree[v] = offsets[v + 1] - offsets[v] + (graph.directed ? inOffsets[v + 1] - inOffsets[v] : 0);
    if (degree[v] > maxDegree) maxDegree = degree[v];
  }
  const binStart = new Int32Array(maxDegree + 2);
  for (let v = 0; v < n; v++) binStart[degree[v] + 1]++;
  for (let d = 0; d <= maxDegree; d++) binStart[d + 1] += binStart[d];
  const position = new Int32Array(n);
  const vertices = new Int32Array(n);
  const fill = binStart.slice(0, maxDegree + 1);
  for (let v = 0; v < n; v++) {
    position[v] = fill[degree[v]]++;
    vertices[position[v]] = v;
  }
  // Peel in order of current degree; a neighbour u of higher degree drops one bin (swap to its bin start).
  for (let i = 0; i < n; i++) {
    const v = vertices[i];
    const dv = degree[v];
    const last = graph.directed ? 2 : 1;
    for (let side = 0; side < last; side++) {
      const from = side === 0 ? offsets : inOffsets;
      const list = side === 0 ? targets : inSources;
      for (let p = from[v]; p < from[v + 1]; p++) {
        const u = list[p];
        const du = degree[u];
        if (du <= dv) continue;
        const pu = position[u];
        const pw = binStart[du];
        const w = vertices[pw];
        if (u !== w) {
          position[u] = pw;
          vertices[pu] = w;
          position[w] = pu;
          vertices[pw] = u;
        }
        binStart[du]++;
        degree[u] = du - 1;
      }
    }
  }
  let maxCore = 0;
  for (let v = 0; v < n; v++) if (degree[v] > maxCore) maxCore = degree[v];
  return { values: degree, maxCore };
}
