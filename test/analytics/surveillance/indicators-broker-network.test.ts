import { describe, expect, it } from 'vitest';
import { buildBrokerNetwork } from '../../../src/analytics/surveillance/index.ts';

describe('broker network from interviews', () => {
  it('links a nickname and a full name through a shared phone, keeps namesakes of other villages apart', () => {
    const network = buildBrokerNetwork([
      { interviewId: 'i1', name: 'Sok Dara', phone: '012 345 678', village: 'Phum Thmei', fee: 300 },
      { interviewId: 'i2', name: 'Ta Dara', phone: '+855 12 345 678', fee: 500 },
      { interviewId: 'i3', name: 'Dara Sok', village: 'Phum Thmei', fee: 0 },
      { interviewId: 'i4', name: 'Sok Dara', village: 'Kampong Luong' },
      { interviewId: 'i4', name: 'Chan Vuthy', phone: '097 111 2222' },
      { interviewId: 'i5' },
    ]);
    expect(network.mentionBroker).toEqual(['B1', 'B1', 'B1', 'B2', 'B3', null]);
    const [first, second, third] = network.brokers;
    expect(first).toMatchObject({ respondents: 3, mentions: 3, villages: ['Phum Thmei'] });
    expect(first.fees).toEqual({ payers: 2, mean: 400, median: 400, min: 300, max: 500 });
    expect(network.namedBySeveral.map((broker) => broker.brokerId)).toEqual(['B1']);
    // i4 named two brokers: a co-mention tie, so both have degree 2 (the respondent and each other).
    expect(network.edges).toContainEqual({ source: 'B2', target: 'B3', kind: 'co_mentioned', weight: 1 });
    expect([second.degree, third.degree]).toEqual([2, 2]);
    expect(network.edges.filter((edge) => edge.kind === 'paid')).toHaveLength(2);
    // B1 lies on the one shortest path between each pair of its three respondents.
    expect(first.betweenness).toBe(3);
  });

  it('refuses a negative fee naming the mention', () => {
    expect(() => buildBrokerNetwork([{ interviewId: 'a', name: 'x', fee: -1 }])).toThrow(
      /broker-network: mention 1 has a fee/,
    );
  });
});
