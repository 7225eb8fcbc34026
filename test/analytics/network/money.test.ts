import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateFlows,
  fanHubs,
  followTheMoney,
  moneyCycles,
  moneyPatterns,
  passThroughAccounts,
  structuringAccounts,
  type Transaction,
} from '../../../src/analytics/network/index.ts';

const t = (
  source: string,
  target: string,
  amount: number,
  time: number,
  extra: Partial<Transaction> = {},
): Transaction => ({
  source,
  target,
  amount,
  time,
  ...extra,
});

describe('money flows', () => {
  it('sums transfers per ordered pair and per country, with net positions', () => {
    const rows = [
      t('a', 'b', 100, 1, { sourceCountry: 'TH', targetCountry: 'KH' }),
      t('a', 'b', 50, 3, { sourceCountry: 'TH', targetCountry: 'KH' }),
      t('b', 'c', 120, 4, { sourceCountry: 'KH', targetCountry: 'KH' }),
    ];
    const flows = aggregateFlows(rows);
    expect(flows.flows[0]).toEqual({ from: 'a', to: 'b', total: 150, count: 2, first: 1, last: 3 });
    expect(flows.positions.find((p) => p.node === 'b')?.net).toBe(30);
    const countries = aggregateFlows(rows, { by: 'country' });
    expect(countries.flows.map((f) => [f.from, f.to, f.total])).toEqual([
      ['TH', 'KH', 150],
      ['KH', 'KH', 120],
    ]);
  });
});

describe('fan-in / fan-out hubs', () => {
  it('finds the collector of twelve senders among pairs', () => {
    const rows: Transaction[] = [];
    for (let i = 0; i < 12; i++) rows.push(t(`s${i}`, 'collector', 500, i));
    for (let i = 0; i < 20; i++) rows.push(t(`x${i}`, `y${i}`, 100, i));
    const hubs = fanHubs(rows, { minCounterparties: 5 });
    expect(hubs.map((h) => [h.account, h.direction, h.counterparties])).toEqual([
      ['collector', 'fan-in', 12],
    ]);
    // Within a 3-unit window only 4 senders are seen.
    expect(fanHubs(rows, { window: 3, minCounterparties: 5 })).toEqual([]);
  });
});

describe('money cycles', () => {
  it('finds a round trip in time order and ignores one that runs backwards in time', () => {
    const rows = [
      t('a', 'b', 100, 1),
      t('b', 'c', 90, 2),
      t('c', 'a', 80, 3),
      t('c', 'd', 10, 1),
      t('d', 'c', 10, 0),
    ];
    const ordered = moneyCycles(rows, { timeOrdered: true });
    expect(ordered.cycles.map((c) => c.accounts)).toEqual([['a', 'b', 'c']]);
    expect(ordered.cycles[0].bottleneck).toBe(80);
    expect(moneyCycles(rows).cycles.length).toBe(2);
  });
  it('enumerates each simple cycle of bounded length once (brute-force identity, property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.integer({ min: 2, max: 5 }),
        (pairs, maxLength) => {
          const rows = pairs.filter(([a, b]) => a !== b).map(([a, b], i) => t(`n${a}`, `n${b}`, 1, i));
          if (rows.length === 0) return;
          const found = moneyCycles(rows, { maxLength, maxCycles: 100_000 }).cycles.map((c) =>
            c.accounts.join('>'),
          );
          const arcs = new Set(rows.map((r) => `${r.source}>${r.target}`));
          const nodes = [...new Set(rows.flatMap((r) => [r.source, r.target]))];
          const brute = new Set<string>();
          const walk = (path: string[]) => {
            const last = path[path.length - 1];
            if (path.length >= 2 && arcs.has(`${last}>${path[0]}`)) {
              const rotations = path.map((_, i) => [...path.slice(i), ...path.slice(0, i)].join('>'));
              brute.add(rotations.sort()[0]);
            }
            if (path.length === maxLength) return;
            for (const next of nodes)
              if (!path.includes(next) && arcs.has(`${last}>${next}`)) walk([...path, next]);
          };
          for (const start of nodes) walk([start]);
          const canonical = found.map((c) => {
            const path = c.split('>');
            return path.map((_, i) => [...path.slice(i), ...path.slice(0, i)].join('>')).sort()[0];
          });
          expect(canonical.length).toBe(new Set(canonical).size);
          expect(new Set(canonical)).toEqual(brute);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('pass-through accounts, structuring and follow-the-money', () => {
  const rows = [
    t('victim1', 'mule', 1000, 0),
    t('victim2', 'mule', 2000, 1),
    t('mule', 'boss', 2900, 2),
    t('victim3', 'saver', 5000, 0),
    t('victim4', 'saver', 100, 1),
    t('saver', 'shop', 100, 30),
    t('boss', 'bank1', 9500, 3),
    t('boss', 'bank1', 9600, 4),
    t('boss', 'bank2', 9900, 5),
    t('boss', 'bank2', 4000, 6),
  ];
  it('flags the account that forwards 97 % within 2 time units, not the one that keeps the money', () => {
    const accounts = passThroughAccounts(rows, { window: 2 });
    const mule = accounts.find((a) => a.account === 'mule');
    expect(mule?.flagged).toBe(true);
    expect(mule?.passThroughShare).toBeCloseTo(2900 / 3000, 12);
    expect(mule?.medianHoldingTime).toBe(1);
    expect(accounts.find((a) => a.account === 'saver')?.flagged).toBe(false);
  });
  it('flags three transfers between 9,000 and 10,000 that together pass 10,000', () => {
    const flagged = structuringAccounts(rows, { threshold: 10_000, window: 5 });
    expect(flagged.map((f) => [f.account, f.count, f.total])).toEqual([['boss', 3, 29_000]]);
    expect(flagged[0].transactionIds).toEqual(['7', '8', '9']);
    expect(structuringAccounts(rows, { threshold: 10_000, window: 1 })).toEqual([]);
  });
  it("traces victim2's money through the mule to the boss and the banks, in time order", () => {
    const trace = followTheMoney(rows, 'victim2');
    expect(trace.traced).toBe(2000);
    expect(trace.accounts.map((a) => [a.account, a.hops, a.received])).toEqual([
      ['mule', 1, 2000],
      ['boss', 2, 2000],
      ['bank1', 3, 2000],
    ]);
  });
  it('moneyPatterns gathers every report', () => {
    const report = moneyPatterns(rows, { window: 5, minCounterparties: 2 });
    expect(report.transactions).toBe(rows.length);
    expect(report.passThrough.map((a) => a.account)).toContain('mule');
    expect(report.structuring[0].account).toBe('boss');
  });
  it('rejects a transfer without a positive amount, naming it', () => {
    expect(() => aggregateFlows([t('a', 'b', -5, 1)])).toThrow(
      /network\/money\/flows: transaction 1 has amount -5/,
    );
  });
});
