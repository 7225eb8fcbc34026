import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  earliestArrivals,
  egoNetwork,
  kShortestPaths,
  metricsByPeriod,
  shortestPath,
  timeRespectingPath,
} from '../../../src/analytics/network/index.ts';
import { describeWithReferenceData } from '../../support/reference-data.ts';
import { readEdgeRows, reference, referenceGraph, referenceValues } from './load-reference.ts';

// Peer: reference.json distance_from_<node> (unweighted) and weighted_distance_from_<node> (length =
// 1 / weight), igraph and networkx agreeing exactly.
describeWithReferenceData('networks', 'shortest path lengths against igraph / networkx', () => {
  const cases: [string, string, string][] = [
    ['karate', 'karate.csv', '0'],
    ['caviar', 'caviar_phases.csv', '1'],
    ['montagna_phonecalls', 'montagna_phonecalls.csv', '18'],
  ];
  for (const [network, file, from] of cases)
    it(`${network} from node ${from}`, () => {
      const graph = referenceGraph(file);
      const source = graph.ids.indexOf(from);
      const hops = referenceValues(network, `distance_from_${from}`);
      const weighted = referenceValues(network, `weighted_distance_from_${from}`);
      for (let v = 0; v < graph.nodeCount; v++) {
        const plain = shortestPath(graph, source, v);
        const strength = shortestPath(graph, source, v, { weightAs: 'strength' });
        const expected = hops[graph.ids[v]];
        if (expected === null) expect(plain).toBeNull();
        else expect(plain?.hops).toBe(expected);
        const expectedWeighted = weighted[graph.ids[v]];
        if (expectedWeighted === null) expect(strength).toBeNull();
        else expect(strength?.length).toBeCloseTo(expectedWeighted, 10);
      }
    });
});

describe("Yen's k shortest paths", () => {
  // The example of Yen's algorithm on Wikipedia ("Yen's algorithm", C to H): 5, 7, 8.
  const graph = buildGraph(
    [
      ['C', 'D', 3],
      ['C', 'E', 2],
      ['D', 'F', 4],
      ['E', 'D', 1],
      ['E', 'F', 2],
      ['E', 'G', 3],
      ['F', 'G', 2],
      ['F', 'H', 1],
      ['G', 'H', 2],
    ].map(([source, target, weight]) => ({
      source: String(source),
      target: String(target),
      weight: Number(weight),
    })),
    { directed: true },
  );
  const id = (name: string) => graph.ids.indexOf(name);
  it('finds C-E-F-H (5), C-E-G-H (7), C-D-F-H (8)', () => {
    const paths = kShortestPaths(graph, id('C'), id('H'), 3, { weightAs: 'distance' });
    expect(paths.map((p) => p.nodes.map((v) => graph.ids[v]).join(''))).toEqual(['CEFH', 'CEGH', 'CDFH']);
    expect(paths.map((p) => p.length)).toEqual([5, 7, 8]);
  });
  it('paths are loopless, distinct and non-decreasing in length (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 9 }),
            fc.integer({ min: 0, max: 9 }),
            fc.integer({ min: 1, max: 5 }),
          ),
          {
            minLength: 5,
            maxLength: 40,
          },
        ),
        (rows) => {
          const g = buildGraph(
            rows.map(([a, b, w]) => ({ source: `n${a}`, target: `n${b}`, weight: w })),
            { nodes: Array.from({ length: 10 }, (_, i) => `n${i}`) },
          );
          const paths = kShortestPaths(g, 0, 9, 5, { weightAs: 'distance' });
          const keys = new Set(paths.map((p) => p.nodes.join(',')));
          expect(keys.size).toBe(paths.length);
          for (let i = 0; i < paths.length; i++) {
            expect(new Set(paths[i].nodes).size).toBe(paths[i].nodes.length);
            if (i > 0) expect(paths[i].length).toBeGreaterThanOrEqual(paths[i - 1].length - 1e-12);
          }
          const best = shortestPath(g, 0, 9, { weightAs: 'distance' });
          if (best === null) expect(paths).toEqual([]);
          else expect(paths[0].length).toBeCloseTo(best.length, 12);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('ego networks and time-respecting paths', () => {
  it('a 1-hop ego network of a star leaf holds the leaf and the centre', () => {
    const graph = buildGraph(['a', 'b', 'c'].map((t) => ({ source: 'hub', target: t })));
    const ego = egoNetwork(graph, graph.ids.indexOf('a'), 1);
    expect(ego.nodes.map((v) => graph.ids[v])).toEqual(['a', 'hub']);
    expect(egoNetwork(graph, graph.ids.indexOf('a'), 2).nodes.length).toBe(4);
  });
  it('a payment after a call after a recruitment is a journey; the reverse order is not', () => {
    const contacts = [
      { source: 'recruiter', target: 'broker', time: 1 },
      { source: 'broker', target: 'transporter', time: 5 },
      { source: 'transporter', target: 'financier', time: 9 },
      { source: 'recruiter', target: 'financier', time: 0 },
      { source: 'financier', target: 'boss', time: 3 },
    ];
    const journey = timeRespectingPath(contacts, 'recruiter', 'financier');
    expect(journey?.time).toBe(0);
    const boss = timeRespectingPath(contacts, 'recruiter', 'boss');
    expect(boss?.journey.map((c) => c.target)).toEqual(['financier', 'boss']);
    // From the broker, the financier is reached only at 9, and the boss (contact at 3) never.
    const fromBroker = earliestArrivals(contacts, 'broker');
    expect(fromBroker.get('financier')?.time).toBe(9);
    expect(fromBroker.has('boss')).toBe(false);
  });
});

// Peer: reference.json caviar_by_phase (networkx 2.8.8 on each phase; reproduces the values printed by
// jerin-mx/Crime-Net-Analysis-Viz for N1 in phases 1-3).
describeWithReferenceData('networks', 'CAVIAR metrics per phase against networkx', () => {
  it('normalised degree and betweenness in each of the 11 phases (1e-9)', () => {
    const rows = readEdgeRows('caviar_phases.csv').map((row) => ({ ...row, period: String(row.phase) }));
    const result = metricsByPeriod(rows);
    const phases = reference().caviar_by_phase as unknown as Record<
      string,
      {
        nodes: number;
        degree_centrality_normalized: Record<string, number>;
        betweenness_normalized: Record<string, number>;
      }
    >;
    expect(result.periods.length).toBe(11);
    for (const period of result.periods) {
      const peer = phases[period.period];
      expect(period.nodes).toBe(peer.nodes);
      for (const [node, metrics] of Object.entries(period.metrics)) {
        expect(metrics.degreeNormalized).toBeCloseTo(peer.degree_centrality_normalized[node], 9);
        expect(metrics.betweenness).toBeCloseTo(peer.betweenness_normalized[node], 9);
      }
    }
    expect(result.periods[0].metrics['1'].betweennessRank).toBe(1);
  });
});
