/**
 * Degree and strength: the number of distinct neighbours of each node and the sum of the weights of
 * its ties (igraph `degree` / `strength` on the merged graph, self-loops dropped). For directed graphs
 * in-, out- and total (in + out) values are given; `degree`/`strength` are the totals, as igraph's
 * mode "all". Freeman (1978), "Centrality in social networks: conceptual clarification", Social
 * Networks 1(3):215-239, doi:10.1016/0378-8733(78)90021-7. Complexity O(n + m).
 */
import type { Graph } from './graph.ts';

export interface DegreeResult {
  degree: Int32Array;
  strength: Float64Array;
  inDegree: Int32Array;
  outDegree: Int32Array;
  inStrength: Float64Array;
  outStrength: Float64Array;
}

export function degreeCentrality(graph: Graph): DegreeResult {
  const n = graph.nodeCount;
  const outDegree = new Int32Array(n);
  const inDegree = new Int32Array(n);
  const outStrength = new Float64Array(n);
  const inStrength = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    outDegree[v] = graph.offsets[v + 1] - graph.offsets[v];
    inDegree[v] = graph.inOffsets[v + 1] - graph.inOffsets[v];
    for (let p = graph.offsets[v]; p < graph.offsets[v + 1]; p++) outStrength[v] += graph.weights[p];
    for (let p = graph.inOffsets[v]; p < graph.inOffsets[v + 1]; p++) inStrength[v] += graph.inWeights[p];
  }
  if (!graph.directed)
    return { degree: outDegree, strength: outStrength, inDegree, outDegree, inStrength, outStrength };
  const degree = new Int32Array(n);
  const strength = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    degree[v] = inDegree[v] + outDegree[v];
    strength[v] = inStrength[v] + outStrength[v];
  }
  return { degree, strength, inDegree, outDegree, inStrength, outStrength };
}
