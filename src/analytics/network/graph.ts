/**
 * The graph every network analytic takes: a compressed sparse row (CSR) adjacency held in typed
 * arrays, so that a 1,000,000-node, 5,000,000-edge graph fits in a few hundred megabytes and the
 * inner loops of PageRank, Louvain or Brandes touch contiguous memory.
 *
 * Conventions (igraph's, stated once here):
 * - Rows joining the same pair are merged and their weights summed (for an undirected graph the
 *   pair is unordered, so `a,b` and `b,a` are one tie); self-loops are dropped.
 * - Undirected graphs store each tie in both endpoints' rows; `edgeCount` counts each tie once.
 * - Directed graphs hold the out-adjacency in `offsets`/`targets`/`weights` and the in-adjacency in
 *   `inOffsets`/`inSources`/`inWeights`; for undirected graphs the two views are the same arrays.
 * - Weights are positive finite numbers (a tie strength such as a call count); 1 when absent.
 * - Node order is the order of first appearance (an optional node list first), which fixes the
 *   tie-breaking of every algorithm.
 *
 * Building is O(n + m) with no sorting: rows are bucketed by source, then duplicates are merged in
 * one pass with a "last seen" stamp per neighbour.
 */
import { requireInput } from '../common/index.ts';

export interface Graph {
  readonly directed: boolean;
  readonly nodeCount: number;
  /** Distinct ties (undirected) or arcs (directed) after merging duplicates. */
  readonly edgeCount: number;
  /** Sum of the merged weights over ties/arcs (each counted once). */
  readonly totalWeight: number;
  /** Whether any weight differs from 1. */
  readonly weighted: boolean;
  /** External node ids, index = internal node number. */
  readonly ids: readonly string[];
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array;
  readonly inOffsets: Int32Array;
  readonly inSources: Int32Array;
  readonly inWeights: Float64Array;
}

/** One row of an edge list. */
export interface EdgeRow {
  source: string;
  target: string;
  weight?: number;
}

export interface BuildGraphOptions {
  directed?: boolean;
  /** Nodes to include even when isolated; they come first in node order. */
  nodes?: readonly string[];
}

const WHERE = 'network/graph';

function bucketAndMerge(
  nodeCount: number,
  from: Int32Array,
  to: Int32Array,
  weight: Float64Array | null,
  bothWays: boolean,
): { offsets: Int32Array; targets: Int32Array; weights: Float64Array } {
  const counts = new Int32Array(nodeCount + 1);
  const rows = from.length;
  for (let i = 0; i < rows; i++) {
    if (from[i] === to[i]) continue;
    counts[from[i] + 1]++;
    if (bothWays) counts[to[i] + 1]++;
  }
  for (let u = 0; u < nodeCount; u++) counts[u + 1] += counts[u];
  const total = counts[nodeCount];
  const targets = new Int32Array(total);
  const weights = new Float64Array(total);
  const cursor = counts.slice(0, nodeCount);
  for (let i = 0; i < rows; i++) {
    const a = from[i];
    const b = to[i];
    if (a === b) continue;
    const w = weight === null ? 1 : weight[i];
    let p = cursor[a]++;
    targets[p] = b;
    weights[p] = w;
    if (bothWays) {
      p = cursor[b]++;
      targets[p] = a;
      weights[p] = w;
    }
  }
  const offsets = new Int32Array(nodeCount + 1);
  const stamp = new Int32Array(nodeCount).fill(-1);
  const slot = new Int32Array(nodeCount);
  let write = 0;
  for (let u = 0; u < nodeCount; u++) {
    offsets[u] = write;
    for (let p = counts[u]; p < counts[u + 1]; p++) {
      const v = targets[p];
      if (stamp[v] === u) {
        weights[slot[v]] += weights[p];
      } else {
        stamp[v] = u;
        slot[v] = write;
        targets[write] = v;
        weights[write] = weights[p];
        write++;
      }
    }
  }
  offsets[nodeCount] = write;
  return {
    offsets,
    targets: write === total ? targets : targets.slice(0, write),
    weights: write === total ? weights : weights.slice(0, write),
  };
}

/**
 * Builds a graph from rows given as internal node numbers (0..nodeCount-1): the fast path for large
 * generated graphs. `ids` defaults to the decimal node numbers.
 */
export function buildGraphFromIndices(input: {
  nodeCount: number;
  sources: Int32Array;
  targets: Int32Array;
  weights?: Float64Array;
  directed?: boolean;
  ids?: readonly string[];
}): Graph {
  const { nodeCount, sources, targets } = input;
  requireInput(Number.isInteger(nodeCount) && nodeCount >= 0, WHERE, 'nodeCount must be a whole number');
  requireInput(sources.length === targets.length, WHERE, 'sources and targets differ in length');
  const weights = input.weights ?? null;
  requireInput(weights === null || weights.length === sources.length, WHERE, 'weights differ in length');
  for (let i = 0; i < sources.length; i++) {
    const a = sources[i];
    const b = targets[i];
    requireInput(
      a >= 0 && a < nodeCount && b >= 0 && b < nodeCount,
      WHERE,
      `row ${i} names a node out of range`,
    );
    if (weights !== null) {
      const w = weights[i];
      requireInput(
        Number.isFinite(w) && w > 0,
        WHERE,
        `row ${i} has weight ${w}; weights must be positive numbers`,
      );
    }
  }
  const directed = input.directed ?? false;
  const out = bucketAndMerge(nodeCount, sources, targets, weights, !directed);
  const incoming = directed ? bucketAndMerge(nodeCount, targets, sources, weights, false) : out;
  let totalWeight = 0;
  let weighted = false;
  for (let p = 0; p < out.weights.length; p++) {
    totalWeight += out.weights[p];
    if (out.weights[p] !== 1) weighted = true;
  }
  if (!directed) totalWeight /= 2;
  const ids = input.ids ?? Array.from({ length: nodeCount }, (_, i) => String(i));
  requireInput(ids.length === nodeCount, WHERE, 'ids must have one entry per node');
  return {
    directed,
    nodeCount,
    edgeCount: directed ? out.targets.length : out.targets.length / 2,
    totalWeight,
    weighted,
    ids,
    offsets: out.offsets,
    targets: out.targets,
    weights: out.weights,
    inOffsets: incoming.offsets,
    inSources: incoming.targets,
    inWeights: incoming.weights,
  };
}

/** Builds a graph from edge rows with string ids (weights summed over rows joining the same pair). */
export function buildGraph(edges: readonly EdgeRow[], options: BuildGraphOptions = {}): Graph {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const add = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  for (const id of options.nodes ?? []) add(id);
  const sources = new Int32Array(edges.length);
  const targets = new Int32Array(edges.length);
  const weights = new Float64Array(edges.length);
  edges.forEach((edge, i) => {
    requireInput(edge.source !== '' && edge.target !== '', WHERE, `edge ${i + 1} has an empty node id`);
    sources[i] = add(edge.source);
    targets[i] = add(edge.target);
    weights[i] = edge.weight ?? 1;
  });
  return buildGraphFromIndices({
    nodeCount: ids.length,
    sources,
    targets,
    weights,
    directed: options.directed ?? false,
    ids,
  });
}

/** Internal number of a node id, or an input error naming the function and the id. */
export function nodeIndex(graph: Graph, id: string, where: string): number {
  const i = graph.ids.indexOf(id);
  requireInput(i >= 0, where, `node "${id}" is not in the graph`);
  return i;
}

/**
 * The subgraph induced by the nodes with `keep[v] = 1`, renumbered in the original order; `mapping`
 * gives each new node's old number.
 */
export function inducedSubgraph(graph: Graph, keep: Uint8Array): { graph: Graph; mapping: Int32Array } {
  const n = graph.nodeCount;
  const newIndex = new Int32Array(n).fill(-1);
  const mappingList: number[] = [];
  for (let v = 0; v < n; v++) {
    if (keep[v]) {
      newIndex[v] = mappingList.length;
      mappingList.push(v);
    }
  }
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (let u = 0; u < n; u++) {
    if (!keep[u]) continue;
    for (let p = graph.offsets[u]; p < graph.offsets[u + 1]; p++) {
      const v = graph.targets[p];
      if (!keep[v] || (!graph.directed && v < u)) continue;
      sources.push(newIndex[u]);
      targets.push(newIndex[v]);
      weights.push(graph.weights[p]);
    }
  }
  const mapping = Int32Array.from(mappingList);
  return {
    graph: buildGraphFromIndices({
      nodeCount: mapping.length,
      sources: Int32Array.from(sources),
      targets: Int32Array.from(targets),
      weights: Float64Array.from(weights),
      directed: graph.directed,
      ids: mappingList.map((v) => graph.ids[v]),
    }),
    mapping,
  };
}

/** The undirected version of a graph (arc weights in both directions summed), igraph's `as_undirected(mode="collapse", edge_attr_comb="sum")`. */
export function toUndirected(graph: Graph): Graph {
  if (!graph.directed) return graph;
  const m = graph.targets.length;
  const sources = new Int32Array(m);
  for (let u = 0; u < graph.nodeCount; u++)
    for (let p = graph.offsets[u]; p < graph.offsets[u + 1]; p++) sources[p] = u;
  return buildGraphFromIndices({
    nodeCount: graph.nodeCount,
    sources,
    targets: graph.targets,
    weights: graph.weights,
    directed: false,
    ids: graph.ids,
  });
}

/** Maps a per-node array to a plain `{ id: value }` record. */
export function byNodeId<T>(graph: Graph, values: ArrayLike<T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (let v = 0; v < graph.nodeCount; v++) out[graph.ids[v]] = values[v];
  return out;
}
