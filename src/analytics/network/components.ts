/**
 * Connected components: weak components (ties followed both ways) by breadth-first search, and for
 * directed graphs strong components by Tarjan (1972), "Depth-first search and linear graph
 * algorithms", SIAM J. Computing 1(2):146-160, doi:10.1137/0201010 (iterative, no recursion limit).
 * Components are numbered in order of their smallest node number. O(n + m).
 */
import type { Graph } from './graph.ts';

export interface ComponentsResult {
  /** Component number of each node. */
  membership: Int32Array;
  count: number;
  /** Size of each component, by component number. */
  sizes: number[];
  /** Number of the largest component (the first such). */
  largest: number;
}

function summarise(membership: Int32Array, count: number): ComponentsResult {
  const sizes = new Array<number>(count).fill(0);
  for (let v = 0; v < membership.length; v++) if (membership[v] >= 0) sizes[membership[v]]++;
  let largest = 0;
  for (let c = 1; c < count; c++) if (sizes[c] > sizes[largest]) largest = c;
  return { membership, count, sizes, largest };
}

/** Weak components; `blocked[v] = 1` leaves node v out (its membership is -1, not counted). */
export function connectedComponents(graph: Graph, blocked?: Uint8Array): ComponentsResult {
  const n = graph.nodeCount;
  const membership = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (membership[s] !== -1 || blocked?.[s]) continue;
    membership[s] = count;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const u = queue[head++];
      for (let p = graph.offsets[u]; p < graph.offsets[u + 1]; p++) {
        const v = graph.targets[p];
        if (membership[v] === -1 && (blocked === undefined || !blocked[v])) {
          membership[v] = count;
          queue[tail++] = v;
        }
      }
      if (graph.directed)
        for (let p = graph.inOffsets[u]; p < graph.inOffsets[u + 1]; p++) {
          const v = graph.inSources[p];
          if (membership[v] === -1 && (blocked === undefined || !blocked[v])) {
            membership[v] = count;
            queue[tail++] = v;
          }
        }
    }
    count++;
  }
  return summarise(membership, count);
}

/** Strong components of a directed graph (weak ones for an undirected graph). */
export function stronglyConnectedComponents(graph: Graph): ComponentsResult {
  if (!graph.directed) return connectedComponents(graph);
  const n = graph.nodeCount;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  let stackSize = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = graph.offsets[root];
    index[root] = low[root] = counter++;
    stack[stackSize++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const u = callNode[depth];
      const p = callEdge[depth];
      if (p < graph.offsets[u + 1]) {
        callEdge[depth]++;
        const v = graph.targets[p];
        if (index[v] === -1) {
          index[v] = low[v] = counter++;
          stack[stackSize++] = v;
          onStack[v] = 1;
          depth++;
          callNode[depth] = v;
          callEdge[depth] = graph.offsets[v];
        } else if (onStack[v] && index[v] < low[u]) {
          low[u] = index[v];
        }
        continue;
      }
      if (low[u] === index[u]) {
        let w: number;
        do {
          w = stack[--stackSize];
          onStack[w] = 0;
          component[w] = count;
        } while (w !== u);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth];
        if (low[u] < low[parent]) low[parent] = low[u];
      }
    }
  }
  // Renumber by smallest node so numbering does not depend on the search's finishing order.
  const renumber = new Int32Array(count).fill(-1);
  let next = 0;
  for (let v = 0; v < n; v++) {
    if (renumber[component[v]] === -1) renumber[component[v]] = next++;
    component[v] = renumber[component[v]];
  }
  return summarise(component, count);
}
