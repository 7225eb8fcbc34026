/**
 * Adapter from a graphology graph (the JavaScript graph library the web app's network explorer can
 * use) to SIREN's typed-array graph, so that every analytic here runs on a graph built with
 * graphology: node order = graphology's node order (isolated nodes kept), edge weights from
 * `weightAttribute` (1 when absent), parallel edges summed, mixed graphs rejected. O(n + m).
 */
import { requireInput } from '../common/index.ts';
import { buildGraph, type EdgeRow, type Graph } from './graph.ts';

/** The part of graphology's Graph API the adapter uses (any graphology graph satisfies it). */
export interface GraphologyLike {
  readonly type: string;
  nodes(): string[];
  forEachEdge(
    callback: (edge: string, attributes: Record<string, unknown>, source: string, target: string) => void,
  ): void;
}

export function graphFromGraphology(
  source: GraphologyLike,
  options: { weightAttribute?: string } = {},
): Graph {
  requireInput(
    source.type !== 'mixed',
    'network/graphology',
    'mixed graphs (directed and undirected edges) are not supported',
  );
  const attribute = options.weightAttribute ?? 'weight';
  const rows: EdgeRow[] = [];
  source.forEachEdge((_edge, attributes, from, to) => {
    const value = attributes[attribute];
    rows.push({ source: from, target: to, weight: value === undefined ? 1 : Number(value) });
  });
  return buildGraph(rows, { directed: source.type === 'directed', nodes: source.nodes() });
}
