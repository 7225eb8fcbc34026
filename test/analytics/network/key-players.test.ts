import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  type KeyPlayerObjective,
  keyPlayers,
  simulateDisruption,
} from '../../../src/analytics/network/index.ts';
import { describeWithReferenceData } from '../../support/reference-data.ts';
import { reference, referenceGraph } from './load-reference.ts';

interface Optimum {
  best_value: number;
  all_optimal_sets: string[][];
}

const OBJECTIVES: [string, KeyPlayerObjective, number[]][] = [
  ['F', 'fragmentation', [1, 2, 3]],
  ['DF', 'distance-fragmentation', [1, 2]],
  ['reach_2', 'reach', [1, 2, 3]],
  ['DR', 'distance-reach', [1, 2, 3]],
];

// Peer: reference.json key_players_caviar, exhaustive search over all k-subsets (Borgatti 2006
// definitions, CAVIAR phases summed, unweighted undirected).
describeWithReferenceData('networks', 'key players on CAVIAR against the exhaustive optimum', () => {
  const graph = referenceGraph('caviar_phases.csv');
  const byK = (reference().key_players_caviar as Record<string, unknown>).by_k as Record<
    string,
    Record<string, Optimum>
  >;
  for (const [name, objective, ks] of OBJECTIVES)
    for (const k of ks)
      it(`${name}, k = ${k}: greedy + swap reaches the optimum ${byK[k][name].best_value}`, () => {
        const result = keyPlayers(graph, { k, objective });
        expect(result.value).toBeCloseTo(byK[k][name].best_value, 9);
        const found = result.set.map((v) => graph.ids[v]).sort();
        expect(byK[k][name].all_optimal_sets.map((s) => [...s].sort().join(','))).toContain(found.join(','));
      });
  it('exhaustive search agrees for F, k = 2', () => {
    const result = keyPlayers(graph, { k: 2, method: 'exhaustive' });
    expect(result.value).toBeCloseTo(byK[2].F.best_value, 12);
    expect(result.remaining.nodes).toBe(graph.nodeCount - 2);
  });
});

interface DisruptionCurve {
  lcc_fraction_before_each_removal: number[];
  removal_order: string[];
  initial_lcc: number;
}

// Peer: reference.json "disruption" (networkx sequential betweenness removal, Cavallaro et al. 2020,
// curves equal to lcucav/criminal-nets results). Unweighted runs only: the weighted ones build the
// graph with the last of two rows for the same pair, SIREN sums them.
describeWithReferenceData('networks', 'disruption by sequential betweenness removal against networkx', () => {
  const curves = reference().disruption as unknown as Record<string, DisruptionCurve>;
  const cases: [string, string][] = [
    ['montagna_meetings_unweighted', 'montagna_meetings.csv'],
    ['montagna_phonecalls_unweighted', 'montagna_phonecalls.csv'],
    ['caviar_unweighted_first_20', 'caviar_phases.csv'],
  ];
  for (const [name, file] of cases)
    it(name, () => {
      const graph = referenceGraph(file);
      const peer = curves[name];
      const result = simulateDisruption(graph, { maxRemovals: peer.removal_order.length });
      expect(result.initialLargestComponent).toBe(peer.initial_lcc);
      expect(result.steps.map((s) => graph.ids[s.removed])).toEqual(peer.removal_order);
      result.steps.forEach((step, i) => {
        expect(step.largestComponentShareBefore).toBeCloseTo(peer.lcc_fraction_before_each_removal[i], 10);
      });
    });
});

describe('key player identities', () => {
  it('removing the centre of a star fragments it completely', () => {
    const graph = buildGraph(['a', 'b', 'c', 'd', 'e'].map((t) => ({ source: 'hub', target: t })));
    const result = keyPlayers(graph, { k: 1 });
    expect(graph.ids[result.set[0]]).toBe('hub');
    expect(result.value).toBe(1);
    expect(result.remaining.isolates).toBe(5);
  });
});
