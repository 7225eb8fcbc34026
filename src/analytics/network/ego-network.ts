/**
 * Ego network of n hops: every node within `hops` ties of the centre (direction ignored), with its
 * distance, and the ties among them (the induced subgraph), as igraph `make_ego_graph(order=hops)`.
 * Breadth-first search, O(size of the neighbourhood's ties).
 */
import { requireInput } from '../common/index.ts';
import type { Graph } from './graph.ts';

export interface EgoNetwork {
  centre: number;
  hops: number;
  /** Node numbers, in order of discovery (the centre first). */
  nodes: number[];
  /** Distance of each listed node from the centre. */
  distances: number[];
  /** Ties among the listed nodes: [source, target, weight] (each undirected tie once). */
  ties: [number, number, number][];
}

export function egoNetwork(graph: Graph, centre: number, hops: number): EgoNetwork {
  const where = 'network/ego-network';
  requireInput(
    Number.isInteger(centre) && centre >= 0 && centre < graph.nodeCount,
    where,
    `node ${centre} is not in the graph`,
  );
  requireInput(Number.isInteger(hops) && hops >= 0, where, `hops must be a whole number >= 0, got ${hops}`);
  const distance = new Map<number, number>([[centre, 0]]);
  const nodes = [centre];
  for (let head = 0; head < nodes.length; head++) {
    const u = nodes[head];
    const d = distance.get(u) as number;
    if (d === hops) continue;
    const visit = (v: number) => {
      if (!distance.has(v)) {
        distance.set(v, d + 1);
        nodes.push(v);
      }
    };
    for (let p = graph.offsets[u]; p < graph.offsets[u + 1]; p++) visit(graph.targets[p]);
    if (graph.directed)
      for (let p = graph.inOffsets[u]; p < graph.inOffsets[u + 1]; p++) visit(graph.inSources[p]);
  }
  const ties: [number, number, number][] = [];
  for (const u of nodes)
    for (let p = graph.offsets[u]; p < graph.offsets[u + 1]; p++) {
      const v = graph.targets[p];
      if (distance.has(v) && (graph.directed || u < v)) ties.push([u, v, graph.weights[p]]);
    }
  return { centre, hops, nodes, distances: nodes.map((v) => distance.get(v) as number), ties };
}
