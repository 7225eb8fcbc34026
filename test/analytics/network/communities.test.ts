import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/analytics/common/index.ts';
import {
  buildGraph,
  comparePartitions,
  leidenCommunities,
  louvainCommunities,
  modularity,
} from '../../../src/analytics/network/index.ts';
import { describeWithReferenceData } from '../../support/reference-data.ts';
import { reference, referenceGraph } from './load-reference.ts';

const NETWORKS: [string, string][] = [
  ['karate', 'karate.csv'],
  ['caviar', 'caviar_phases.csv'],
  ['caviar_whole', 'caviar_whole.csv'],
  ['siren', 'siren.csv'],
  ['montagna_meetings', 'montagna_meetings.csv'],
  ['montagna_phonecalls', 'montagna_phonecalls.csv'],
];

interface LouvainSummary {
  best_modularity: number;
  modularity_median: number;
  networkx_louvain_best_modularity: number;
}

describeWithReferenceData('networks', 'communities against igraph / networkx (reference.json)', () => {
  for (const [network, file] of NETWORKS) {
    describe(network, () => {
      const graph = referenceGraph(file);
      const entry = reference()[network] as Record<string, Record<string, unknown>>;
      const summary = entry.summary as Record<string, LouvainSummary | undefined>;
      for (const weighted of [false, true]) {
        const key = weighted ? 'louvain_weighted' : 'louvain';
        const peer = summary[key];
        if (peer === undefined) continue;
        const membershipKey = weighted ? 'louvain_weighted_best_membership' : 'louvain_best_membership';
        it(`${key}: modularity() of igraph's best partition equals networkx's value (1e-9)`, () => {
          const labels = entry[membershipKey] as unknown as Record<string, number>;
          const membership = graph.ids.map((id) => labels[id]);
          expect(modularity(graph, membership, { weighted })).toBeCloseTo(peer.best_modularity, 9);
        });
        // Peer: the best of 20 seeded igraph community_multilevel runs and networkx's best of 20.
        it(`${key}: Leiden (10 restarts) reaches the peers' best; Louvain (10 restarts) their median`, () => {
          const target = Math.max(peer.best_modularity, peer.networkx_louvain_best_modularity) - 1e-9;
          const louvain = louvainCommunities(graph, { random: createRandom(7), weighted });
          const leiden = leidenCommunities(graph, { random: createRandom(7), weighted });
          expect(louvain.modularity).toBeCloseTo(modularity(graph, louvain.membership, { weighted }), 12);
          expect(leiden.modularity).toBeCloseTo(modularity(graph, leiden.membership, { weighted }), 12);
          expect(leiden.modularity).toBeGreaterThanOrEqual(target);
          expect(louvain.modularity).toBeGreaterThanOrEqual(peer.modularity_median - 1e-9);
        });
      }
    });
  }

  it('karate: stable across seeds (every seed finds the optimum 0.41979 of igraph optimal_modularity)', () => {
    const graph = referenceGraph('karate.csv');
    const partitions = [1, 2, 3, 4, 5].map((seed) =>
      leidenCommunities(graph, { random: createRandom(seed), weighted: false }),
    );
    for (const result of partitions) {
      expect(result.modularity).toBeCloseTo(0.419789612097, 9);
      const found = Object.fromEntries(graph.ids.map((id, v) => [id, result.membership[v]]));
      const first = Object.fromEntries(graph.ids.map((id, v) => [id, partitions[0].membership[v]]));
      expect(comparePartitions(found, first).adjustedRandIndex).toBeCloseTo(1, 12);
    }
  });
});

describe('adjusted Rand index and NMI', () => {
  it('matches scikit-learn documentation examples', () => {
    // sklearn.metrics.adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
    const a = { a: 0, b: 0, c: 1, d: 1 };
    expect(comparePartitions(a, { a: 0, b: 0, c: 1, d: 2 }).adjustedRandIndex).toBeCloseTo(
      0.5714285714285715,
      12,
    );
    // adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5
    expect(comparePartitions(a, { a: 0, b: 1, c: 0, d: 1 }).adjustedRandIndex).toBeCloseTo(-0.5, 12);
    // normalized_mutual_info_score([0,0,1,1],[0,0,1,2]) = 0.8 (arithmetic mean)
    expect(comparePartitions(a, { a: 0, b: 0, c: 1, d: 2 }).normalizedMutualInformation).toBeCloseTo(0.8, 12);
  });
  it('is 1 for a relabelled copy (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 40 }), (labels) => {
        const found = Object.fromEntries(labels.map((l, i) => [String(i), l]));
        const truth = Object.fromEntries(labels.map((l, i) => [String(i), `org-${l * 7}`]));
        expect(comparePartitions(found, truth).adjustedRandIndex).toBeCloseTo(1, 12);
      }),
    );
  });
});

describe('community identities', () => {
  it('two cliques joined by one tie split into the two cliques', () => {
    const edges = [];
    for (const offset of [0, 5])
      for (let i = 0; i < 5; i++)
        for (let j = i + 1; j < 5; j++) edges.push({ source: `${i + offset}`, target: `${j + offset}` });
    edges.push({ source: '0', target: '5' });
    const graph = buildGraph(edges);
    for (const run of [louvainCommunities, leidenCommunities]) {
      const result = run(graph, { random: createRandom(3) });
      expect(result.count).toBe(2);
      expect(result.levels.length).toBeGreaterThanOrEqual(1);
    }
  });
  it('same seed, same partition', () => {
    const graph = buildGraph(
      Array.from({ length: 60 }, (_, i) => ({ source: `${i % 17}`, target: `${(i * 7) % 23}` })),
    );
    const a = louvainCommunities(graph, { random: createRandom(11) });
    const b = louvainCommunities(graph, { random: createRandom(11) });
    expect([...a.membership]).toEqual([...b.membership]);
  });
});
