import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/analytics/common/index.ts';
import {
  betweennessCentrality,
  buildGraph,
  closenessCentrality,
  clusteringCoefficients,
  connectedComponents,
  coreness,
  degreeCentrality,
  eigenvectorCentrality,
  type Graph,
  graphFromGraphology,
  pageRank,
  sampledBetweennessCentrality,
  stronglyConnectedComponents,
} from '../../../src/analytics/network/index.ts';
import { describeWithReferenceData } from '../../support/reference-data.ts';
import { reference, referenceGraph, referenceValues } from './load-reference.ts';

/** Compares a per-node array with reference.json values, node by node, to an absolute tolerance. */
function expectMatches(
  graph: Graph,
  values: ArrayLike<number>,
  expected: Record<string, number | null>,
  tolerance: number,
): void {
  const ids = Object.keys(expected);
  expect(ids.length).toBe(graph.nodeCount);
  let worst = 0;
  let worstId = '';
  for (let v = 0; v < graph.nodeCount; v++) {
    const want = expected[graph.ids[v]];
    expect(want, `node ${graph.ids[v]} missing from reference`).not.toBeUndefined();
    const difference = Math.abs(values[v] - (want ?? 0));
    if (difference > worst) {
      worst = difference;
      worstId = graph.ids[v];
    }
  }
  expect(worst, `largest difference at node ${worstId}`).toBeLessThanOrEqual(tolerance);
}

/** Betweenness raw (1e-6), normalised (1e-9) and with 1/weight lengths (1e-6) against the peer. */
function expectBetweennessMatches(
  graph: Graph,
  ref: (metric: string) => Record<string, number | null>,
): void {
  expectMatches(graph, betweennessCentrality(graph).values, ref('betweenness'), 1e-6);
  expectMatches(
    graph,
    betweennessCentrality(graph, { normalized: true }).values,
    ref('betweenness_normalized'),
    1e-9,
  );
  expectMatches(
    graph,
    betweennessCentrality(graph, { weightAs: 'strength' }).values,
    ref('betweenness_weighted'),
    1e-6,
  );
}

// Undirected networks of reference.json: rows joining the same pair summed (python-igraph 0.10.2 and
// networkx 2.8.8; weighted betweenness is an exact rational recount, see reference.json _meta).
const UNDIRECTED: [string, string][] = [
  ['karate', 'karate.csv'],
  ['caviar', 'caviar_phases.csv'],
  ['caviar_whole', 'caviar_whole.csv'],
  ['siren', 'siren.csv'],
  ['montagna_meetings', 'montagna_meetings.csv'],
  ['montagna_phonecalls', 'montagna_phonecalls.csv'],
];

describeWithReferenceData('networks', 'centrality against igraph / networkx (reference.json)', () => {
  for (const [network, file] of UNDIRECTED) {
    describe(network, () => {
      const graph = referenceGraph(file);
      // Unweighted networks (siren) carry no weighted variants: compare the unweighted values instead.
      const ref = (metric: string) =>
        referenceValues(network, metric) ?? referenceValues(network, metric.replace(/_weighted/, ''));
      it('degree and strength (exact)', () => {
        const result = degreeCentrality(graph);
        expectMatches(graph, result.degree, ref('degree'), 0);
        expectMatches(graph, result.strength, ref('strength') ?? ref('degree'), 1e-9);
      });
      it('betweenness, raw and normalised, unweighted and 1/weight lengths (1e-6)', () => {
        expectBetweennessMatches(graph, ref);
      });
      it('closeness, Wasserman-Faust closeness and harmonic (1e-6)', () => {
        const plain = closenessCentrality(graph);
        expectMatches(graph, plain.closeness, ref('closeness'), 1e-9);
        expectMatches(graph, plain.closenessWassermanFaust, ref('closeness_wf'), 1e-9);
        expectMatches(graph, plain.harmonic, ref('harmonic'), 1e-6);
        expectMatches(
          graph,
          closenessCentrality(graph, { normalized: true }).harmonic,
          ref('harmonic_normalized'),
          1e-9,
        );
        const weighted = closenessCentrality(graph, { weightAs: 'strength' });
        expectMatches(graph, weighted.closeness, ref('closeness_weighted'), 1e-6);
        expectMatches(graph, weighted.harmonic, ref('harmonic_weighted'), 1e-6);
      });
      it('eigenvector scaled to max 1, unweighted and weighted (1e-6)', () => {
        expectMatches(
          graph,
          eigenvectorCentrality(graph, { weighted: false }).values,
          ref('eigenvector_max1'),
          1e-6,
        );
        expectMatches(graph, eigenvectorCentrality(graph).values, ref('eigenvector_weighted_max1'), 1e-6);
      });
      it('PageRank (damping 0.85), unweighted and weighted (1e-9)', () => {
        const plain = pageRank(graph, { weighted: false });
        expect(plain.converged).toBe(true);
        expectMatches(graph, plain.values, ref('pagerank'), 1e-9);
        expectMatches(graph, pageRank(graph).values, ref('pagerank_weighted'), 1e-9);
      });
      it('coreness (exact) and local clustering (1e-12)', () => {
        expectMatches(graph, coreness(graph).values, ref('coreness'), 0);
        const clustering = clusteringCoefficients(graph);
        expectMatches(graph, clustering.local, ref('clustering_local'), 1e-12);
        const summary = reference()[network].summary as Record<string, number>;
        expect(clustering.transitivity).toBeCloseTo(summary.transitivity_global, 10);
        expect(clustering.averageClustering).toBeCloseTo(summary.average_clustering, 10);
        const components = connectedComponents(graph);
        expect(components.count).toBe(summary.components);
        expect([...components.sizes].sort((a, b) => b - a)).toEqual(summary.component_sizes);
      });
    });
  }

  describe('caviar_directed (phases summed, arcs)', () => {
    const graph = referenceGraph('caviar_phases.csv', true);
    const ref = (metric: string) => referenceValues('caviar_directed', metric);
    it('in/out degree and strength', () => {
      const result = degreeCentrality(graph);
      expectMatches(graph, result.inDegree, ref('in_degree'), 0);
      expectMatches(graph, result.outDegree, ref('out_degree'), 0);
      expectMatches(graph, result.inStrength, ref('in_strength'), 1e-9);
      expectMatches(graph, result.outStrength, ref('out_strength'), 1e-9);
    });
    it('directed betweenness (ordered pairs), normalised and 1/weight lengths', () => {
      expectBetweennessMatches(graph, ref);
    });
    it('directed PageRank with 29 dangling nodes (PRPACK)', () => {
      expectMatches(graph, pageRank(graph, { weighted: false }).values, ref('pagerank'), 1e-9);
      expectMatches(graph, pageRank(graph).values, ref('pagerank_weighted'), 1e-9);
    });
    it('weak and strong components', () => {
      const summary = reference().caviar_directed.summary as Record<string, number>;
      expect(connectedComponents(graph).count).toBe(summary.weakly_connected_components);
      expect(stronglyConnectedComponents(graph).count).toBe(summary.strongly_connected_components);
    });
  });
});

describe('centrality identities', () => {
  const path = buildGraph([
    { source: 'a', target: 'b' },
    { source: 'b', target: 'c' },
    { source: 'c', target: 'd' },
  ]);
  it('betweenness of a path: inner nodes carry 2 pairs each', () => {
    expect([...betweennessCentrality(path).values]).toEqual([0, 2, 2, 0]);
  });
  it('sampled betweenness with every node as pivot equals the exact value with zero error', () => {
    const graph = referenceGraphOrStar();
    const exact = betweennessCentrality(graph).values;
    const sampled = sampledBetweennessCentrality(graph, {
      samples: graph.nodeCount,
      random: createRandom(1),
    });
    for (let v = 0; v < graph.nodeCount; v++) {
      expect(sampled.values[v]).toBeCloseTo(exact[v], 9);
      expect(sampled.standardErrors[v]).toBeCloseTo(0, 9);
    }
  });
  it('PageRank sums to 1', () => {
    const sum = pageRank(path).values.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });
});

function referenceGraphOrStar(): Graph {
  const edges = [];
  for (let i = 1; i < 12; i++) edges.push({ source: '0', target: String(i) });
  for (let i = 1; i < 11; i++) edges.push({ source: String(i), target: String(i + 1) });
  edges.push({ source: '11', target: '12' });
  return buildGraph(edges);
}

describe('graphology adapter', () => {
  it('gives the same PageRank as the edge-list builder, parallel edges summed', async () => {
    const { MultiUndirectedGraph } = await import('graphology');
    const source = new MultiUndirectedGraph();
    for (const node of ['isolated', 'a', 'b', 'c']) source.addNode(node);
    source.addEdge('a', 'b', { weight: 2 });
    source.addEdge('b', 'a', { weight: 3 });
    source.addEdge('b', 'c');
    const graph = graphFromGraphology(source);
    const direct = buildGraph(
      [
        { source: 'a', target: 'b', weight: 5 },
        { source: 'b', target: 'c', weight: 1 },
      ],
      { nodes: ['isolated'] },
    );
    expect(graph.ids).toEqual(direct.ids);
    expect([...pageRank(graph).values]).toEqual([...pageRank(direct).values]);
  });
});
