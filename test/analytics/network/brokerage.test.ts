import { describe, expect, it } from 'vitest';
import {
  BROKERAGE_ROLES,
  brokerageRoles,
  buildGraph,
  burtConstraint,
  type Graph,
  SNA_ROLE_NAMES,
} from '../../../src/analytics/network/index.ts';
import { describeWithReferenceData } from '../../support/reference-data.ts';
import { reference, referenceGraph } from './load-reference.ts';

interface SnaBrokerage {
  groups: Record<string, string>;
  arc_list?: [string, string][];
  raw: Record<string, Record<string, number>>;
  expected: Record<string, Record<string, number>>;
  z: Record<string, Record<string, number | null>>;
  global_raw: Record<string, number>;
  global_expected: Record<string, number>;
  global_z: Record<string, number | null>;
}

function compareWithSna(graph: Graph, peer: SnaBrokerage): void {
  const result = brokerageRoles(graph, peer.groups);
  for (const role of BROKERAGE_ROLES) {
    const column = SNA_ROLE_NAMES[role];
    for (let v = 0; v < graph.nodeCount; v++) {
      const id = graph.ids[v];
      expect(result.raw[v][role], `${id} ${column}`).toBe(peer.raw[column][id]);
      expect(result.expected[v][role]).toBeCloseTo(peer.expected[column][id], 8);
      const z = peer.z[column][id];
      if (z === null) expect(result.z[v][role]).toBeNull();
      else expect(result.z[v][role]).toBeCloseTo(z, 8);
    }
    expect(result.global.raw[role]).toBe(peer.global_raw[column]);
    expect(result.global.expected[role]).toBeCloseTo(peer.global_expected[column], 6);
    const gz = peer.global_z[column];
    if (gz === null) expect(result.global.z[role]).toBeNull();
    else expect(result.global.z[role]).toBeCloseTo(gz, 8);
  }
}

// Peer: R 4.2.2, sna 2.7.1 `brokerage(g, cl)` (reference.json "brokerage").
describeWithReferenceData('networks', 'Gould-Fernandez brokerage against R sna', () => {
  const peers = () => reference().brokerage as unknown as Record<string, SnaBrokerage>;
  it('toy graph of 6 nodes, 3 groups (raw exact, expected and z to 1e-8)', () => {
    const toy = peers().toy;
    const graph = buildGraph(
      (toy.arc_list ?? []).map(([source, target]) => ({ source, target })),
      { directed: true, nodes: Object.keys(toy.groups) },
    );
    compareWithSna(graph, toy);
  });
  it('CAVIAR directed binary, trafficker / non-trafficker', () => {
    const graph = referenceGraph('caviar_phases.csv', true);
    compareWithSna(graph, peers().caviar_directed);
  });
  it('Montagna meetings symmetrised, mafia families', () => {
    const graph = referenceGraph('montagna_meetings.csv');
    compareWithSna(graph, peers().montagna_meetings);
  });
});

describeWithReferenceData('networks', "Burt's constraint against networkx 3.6.1 and igraph 0.10.2", () => {
  it('karate, unweighted and weighted (the two peers agree to 1e-15)', () => {
    const graph = referenceGraph('karate.csv');
    const plain = burtConstraint(graph, { weighted: false });
    const weighted = burtConstraint(graph);
    const at = (values: Float64Array, id: string) => values[graph.ids.indexOf(id)];
    // nx.constraint(G) and nx.constraint(G, weight="weight"); igraph Graph.constraint(weights=...)
    expect(at(plain, '0')).toBeCloseTo(0.15542329764660495, 12);
    expect(at(plain, '33')).toBeCloseTo(0.1564186851211073, 12);
    expect(at(plain, '11')).toBeCloseTo(1, 12);
    expect(at(plain, '5')).toBeCloseTo(0.4774848090277778, 12);
    expect(at(weighted, '0')).toBeCloseTo(0.19062348905638038, 12);
    expect(at(weighted, '33')).toBeCloseTo(0.18628728563229374, 12);
    expect(at(weighted, '5')).toBeCloseTo(0.4911292277749162, 12);
  });
});

describe('brokerage identities', () => {
  it('a broker between two groups on a directed path a1 -> b -> c1 is a liaison', () => {
    const graph = buildGraph(
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
      ],
      { directed: true },
    );
    const result = brokerageRoles(graph, { a: 'A', b: 'B', c: 'C' });
    expect(result.raw[1].liaison).toBe(1);
    expect(result.raw[1].total).toBe(1);
  });
  it('a star centre has constraint 1 / degree', () => {
    const graph = buildGraph(['x', 'y', 'z', 'w'].map((t) => ({ source: 'c', target: t })));
    expect(burtConstraint(graph)[0]).toBeCloseTo(0.25, 12);
  });
});
