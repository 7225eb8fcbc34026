import { describe, expect, it } from 'vitest';
import { buildGraph, generalizedDegree } from '../../../src/analytics/network/index.ts';

/**
 * Generalised degree (Opsahl, Agneessens & Skvoretz 2010): expected values computed by hand from
 * k^(1-alpha) s^alpha on a small graph; alpha 0 and 1 give degree and strength (identities).
 */
describe('generalized degree', () => {
  // A pays B 100 twice (merged: 200) and C 4; D pays A 1. Undirected: A has k 3, s 205.
  const rows = [
    { source: 'A', target: 'B', weight: 100 },
    { source: 'A', target: 'B', weight: 100 },
    { source: 'A', target: 'C', weight: 4 },
    { source: 'D', target: 'A', weight: 1 },
  ];

  it('combines ties and their weight (hand-computed)', () => {
    const graph = buildGraph(rows);
    const values = generalizedDegree(graph);
    expect(values[graph.ids.indexOf('A')]).toBeCloseTo(Math.sqrt(3 * 205), 12);
    expect(values[graph.ids.indexOf('B')]).toBeCloseTo(Math.sqrt(200), 12);
    expect(Array.from(generalizedDegree(graph, { alpha: 0 }))).toEqual([3, 1, 1, 1]);
    expect(Array.from(generalizedDegree(graph, { alpha: 1 }))).toEqual([205, 200, 4, 1]);
  });

  it('counts in-ties, out-ties or both on a directed graph', () => {
    const graph = buildGraph(rows, { directed: true });
    const a = graph.ids.indexOf('A');
    expect(generalizedDegree(graph, { mode: 'in' })[a]).toBeCloseTo(1, 12);
    expect(generalizedDegree(graph, { mode: 'out' })[a]).toBeCloseTo(Math.sqrt(2 * 204), 12);
    expect(generalizedDegree(graph, { mode: 'in' })[graph.ids.indexOf('D')]).toBe(0);
    expect(() => generalizedDegree(graph, { alpha: 2 })).toThrow(
      /generalized-degree: alpha must be in \[0, 1\]/,
    );
  });
});
