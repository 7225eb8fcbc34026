/**
 * Metrics per period (investigation phase, month) and how roles change between periods: one graph
 * per period from the rows labelled with it, with degree, strength, normalised betweenness and
 * PageRank per node, the node's betweenness rank in the period, and the largest rank moves between
 * consecutive periods (the reorganisation Morselli & Petit 2007 describe for CAVIAR: N1's share falls
 * while N3 and N12 rise; Global Crime 8(2):109-130, doi:10.1080/17440570701362208).
 * Conventions as the single-graph functions (betweenness normalised by (n - 1)(n - 2)/2, PageRank
 * weighted, damping 0.85). Complexity: the sum of the per-period costs, O(n_p m_p) each.
 */
import { requireInput } from '../common/index.ts';
import { betweennessCentrality } from './betweenness.ts';
import { degreeCentrality } from './degree.ts';
import { buildGraph, type EdgeRow } from './graph.ts';
import { pageRank } from './pagerank.ts';
import type { WeightAs } from './shortest-paths.ts';

export interface PeriodRow extends EdgeRow {
  period: string;
}

export interface PeriodNodeMetrics {
  degree: number;
  degreeNormalized: number;
  strength: number;
  betweenness: number;
  pagerank: number;
  /** 1 = highest betweenness in the period. */
  betweennessRank: number;
}

export interface PeriodMetrics {
  period: string;
  nodes: number;
  ties: number;
  density: number;
  metrics: Record<string, PeriodNodeMetrics>;
}

export interface RoleChange {
  node: string;
  from: string;
  to: string;
  rankBefore: number | null;
  rankAfter: number | null;
  betweennessChange: number;
}

export interface MetricsByPeriodResult {
  periods: PeriodMetrics[];
  /** Per consecutive pair of periods, nodes sorted by absolute betweenness change (largest first). */
  changes: RoleChange[][];
}

export function metricsByPeriod(
  rows: readonly PeriodRow[],
  options: {
    directed?: boolean;
    weightAs?: WeightAs;
    order?: readonly string[];
    changesPerStep?: number;
  } = {},
): MetricsByPeriodResult {
  requireInput(rows.length > 0, 'network/metrics-by-period', 'there are no rows');
  const labels = options.order ?? [...new Set(rows.map((r) => r.period))];
  const periods: PeriodMetrics[] = [];
  for (const label of labels) {
    const graph = buildGraph(
      rows.filter((r) => r.period === label),
      { directed: options.directed ?? false },
    );
    const n = graph.nodeCount;
    const degree = degreeCentrality(graph);
    const betweenness = betweennessCentrality(graph, {
      normalized: true,
      weightAs: options.weightAs ?? 'none',
    }).values;
    const rank = pageRank(graph).values;
    const order = Array.from({ length: n }, (_, v) => v).sort(
      (a, b) => betweenness[b] - betweenness[a] || a - b,
    );
    const rankOf = new Int32Array(n);
    order.forEach((v, i) => {
      rankOf[v] = i + 1;
    });
    const metrics: Record<string, PeriodNodeMetrics> = {};
    for (let v = 0; v < n; v++)
      metrics[graph.ids[v]] = {
        degree: degree.degree[v],
        degreeNormalized: n > 1 ? degree.degree[v] / (n - 1) : 0,
        strength: degree.strength[v],
        betweenness: betweenness[v],
        pagerank: rank[v],
        betweennessRank: rankOf[v],
      };
    periods.push({
      period: label,
      nodes: n,
      ties: graph.edgeCount,
      density: n > 1 ? (graph.edgeCount * (graph.directed ? 1 : 2)) / (n * (n - 1)) : 0,
      metrics,
    });
  }
  const changes: RoleChange[][] = [];
  for (let i = 1; i < periods.length; i++) {
    const before = periods[i - 1];
    const after = periods[i];
    const nodes = new Set([...Object.keys(before.metrics), ...Object.keys(after.metrics)]);
    const step: RoleChange[] = [...nodes].map((node) => ({
      node,
      from: before.period,
      to: after.period,
      rankBefore: before.metrics[node]?.betweennessRank ?? null,
      rankAfter: after.metrics[node]?.betweennessRank ?? null,
      betweennessChange: (after.metrics[node]?.betweenness ?? 0) - (before.metrics[node]?.betweenness ?? 0),
    }));
    step.sort(
      (a, b) => Math.abs(b.betweennessChange) - Math.abs(a.betweennessChange) || a.node.localeCompare(b.node),
    );
    changes.push(step.slice(0, options.changesPerStep ?? 10));
  }
  return { periods, changes };
}
