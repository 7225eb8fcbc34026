/**
 * Shortest path between two nodes, and the k shortest loopless paths (Yen 1971, "Finding the k
 * shortest loopless paths in a network", Management Science 17(11):712-716,
 * doi:10.1287/mnsc.17.11.712).
 *
 * Lengths follow `weightAs` (shortest-paths.ts): hops by default, the weight as a length
 * (`distance`), or 1 / weight for tie strengths (`strength`). Directed graphs follow arcs. Among
 * equally short paths the one found first in node order is returned. Yen's spur searches block the
 * root path's nodes and the arcs used by already-found paths with the same root.
 * Complexity: one search O(m + n log n); Yen O(k n (m + n log n)).
 */
import { requireInput } from '../common/index.ts';
import type { Graph } from './graph.ts';
import { edgeLengths, type WeightAs } from './shortest-paths.ts';

export interface PathOptions {
  weightAs?: WeightAs;
}

export interface FoundPath {
  /** Node numbers from source to target. */
  nodes: number[];
  /** Total length (hops when unweighted). */
  length: number;
  hops: number;
}

interface SearchState {
  lengths: Float64Array | null;
  distance: Float64Array;
  previous: Int32Array;
  done: Uint8Array;
}

/** One shortest path from `from` to `to` avoiding blocked nodes and blocked adjacency entries. */
function searchPath(
  graph: Graph,
  state: SearchState,
  from: number,
  to: number,
  blockedNodes: Uint8Array,
  blockedEntries: Uint8Array,
): FoundPath | null {
  const { distance, previous, done, lengths } = state;
  distance.fill(Number.POSITIVE_INFINITY);
  previous.fill(-1);
  done.fill(0);
  distance[from] = 0;
  // Simple binary heap of [key, node].
  const keys: number[] = [0];
  const nodes: number[] = [from];
  const pop = (): number => {
    const top = nodes[0];
    const lastKey = keys.pop() as number;
    const lastNode = nodes.pop() as number;
    if (nodes.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= nodes.length) break;
        if (child + 1 < nodes.length && keys[child + 1] < keys[child]) child++;
        if (keys[child] >= lastKey) break;
        keys[i] = keys[child];
        nodes[i] = nodes[child];
        i = child;
      }
      keys[i] = lastKey;
      nodes[i] = lastNode;
    }
    return top;
  };
  const push = (key: number, node: number): void => {
    let i = nodes.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  };
  while (nodes.length > 0) {
    const u = pop();
    if (done[u]) continue;
    done[u] = 1;
    if (u === to) break;
    for (let p = graph.offsets[u]; p < graph.offsets[u + 1]; p++) {
      const v = graph.targets[p];
      if (done[v] || blockedNodes[v] || blockedEntries[p]) continue;
      const candidate = distance[u] + (lengths === null ? 1 : lengths[p]);
      if (candidate < distance[v]) {
        distance[v] = candidate;
        previous[v] = u;
        push(candidate, v);
      }
    }
  }
  if (distance[to] === Number.POSITIVE_INFINITY) return null;
  const path: number[] = [];
  for (let v = to; v !== -1; v = previous[v]) path.push(v);
  path.reverse();
  return { nodes: path, length: distance[to], hops: path.length - 1 };
}

function stateFor(graph: Graph, weightAs: WeightAs): SearchState {
  const n = graph.nodeCount;
  return {
    lengths: edgeLengths(graph, weightAs).out,
    distance: new Float64Array(n),
    previous: new Int32Array(n),
    done: new Uint8Array(n),
  };
}

function checkEnds(graph: Graph, from: number, to: number, where: string): void {
  const n = graph.nodeCount;
  requireInput(
    Number.isInteger(from) && from >= 0 && from < n,
    where,
    `source node ${from} is not in the graph`,
  );
  requireInput(Number.isInteger(to) && to >= 0 && to < n, where, `target node ${to} is not in the graph`);
}

/** The shortest path, or null when `to` cannot be reached from `from`. */
export function shortestPath(
  graph: Graph,
  from: number,
  to: number,
  options: PathOptions = {},
): FoundPath | null {
  checkEnds(graph, from, to, 'network/path');
  const state = stateFor(graph, options.weightAs ?? 'none');
  return searchPath(
    graph,
    state,
    from,
    to,
    new Uint8Array(graph.nodeCount),
    new Uint8Array(graph.targets.length),
  );
}

function entryOf(graph: Graph, u: number, v: number): number {
  for (let p = graph.offsets[u]; p < graph.offsets[u + 1]; p++) if (graph.targets[p] === v) return p;
  return -1;
}

/** Up to k loopless paths from shortest to longest (Yen). */
export function kShortestPaths(
  graph: Graph,
  from: number,
  to: number,
  k: number,
  options: PathOptions = {},
): FoundPath[] {
  const where = 'network/k-shortest-paths';
  checkEnds(graph, from, to, where);
  requireInput(Number.isInteger(k) && k >= 1, where, `k must be a positive whole number, got ${k}`);
  const state = stateFor(graph, options.weightAs ?? 'none');
  const blockedNodes = new Uint8Array(graph.nodeCount);
  const blockedEntries = new Uint8Array(graph.targets.length);
  const first = searchPath(graph, state, from, to, blockedNodes, blockedEntries);
  if (first === null) return [];
  const found: FoundPath[] = [first];
  const candidates: FoundPath[] = [];
  const seen = new Set<string>([first.nodes.join(',')]);
  const stepLength = (u: number, v: number): number => {
    const p = entryOf(graph, u, v);
    return state.lengths === null ? 1 : state.lengths[p];
  };
  while (found.length < k) {
    const last = found[found.length - 1].nodes;
    for (let i = 0; i + 1 < last.length; i++) {
      const spur = last[i];
      const root = last.slice(0, i + 1);
      const blocked: number[] = [];
      for (const path of found) {
        if (path.nodes.length > i + 1 && root.every((node, j) => path.nodes[j] === node)) {
          const p = entryOf(graph, spur, path.nodes[i + 1]);
          if (p >= 0 && !blockedEntries[p]) {
            blockedEntries[p] = 1;
            blocked.push(p);
          }
        }
      }
      for (let j = 0; j < i; j++) blockedNodes[root[j]] = 1;
      const spurPath = searchPath(graph, state, spur, to, blockedNodes, blockedEntries);
      for (let j = 0; j < i; j++) blockedNodes[root[j]] = 0;
      for (const p of blocked) blockedEntries[p] = 0;
      if (spurPath === null) continue;
      const nodes = [...root.slice(0, -1), ...spurPath.nodes];
      const key = nodes.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      let rootLength = 0;
      for (let j = 0; j < i; j++) rootLength += stepLength(root[j], root[j + 1]);
      candidates.push({ nodes, length: rootLength + spurPath.length, hops: nodes.length - 1 });
    }
    if (candidates.length === 0) break;
    let best = 0;
    for (let c = 1; c < candidates.length; c++)
      if (
        candidates[c].length < candidates[best].length ||
        (candidates[c].length === candidates[best].length && candidates[c].hops < candidates[best].hops)
      )
        best = c;
    found.push(candidates.splice(best, 1)[0]);
  }
  return found;
}
