/**
 * Money flows aggregated between entities or between countries: total amount, number of transfers,
 * first and last time per ordered pair, and per node the inflow, outflow and net position. A
 * transaction's country is its own `sourceCountry`/`targetCountry`, else `countries[account]`,
 * else "unknown". O(t log t) for t transactions.
 */
import { checkTransactions, type Transaction } from './transactions.ts';

export interface Flow {
  from: string;
  to: string;
  total: number;
  count: number;
  first: number;
  last: number;
}

export interface FlowPosition {
  node: string;
  inflow: number;
  outflow: number;
  net: number;
}

export interface FlowAggregation {
  by: 'entity' | 'country';
  /** Largest total first. */
  flows: Flow[];
  positions: FlowPosition[];
}

export function aggregateFlows(
  transactions: readonly Transaction[],
  options: { by?: 'entity' | 'country'; countries?: Readonly<Record<string, string>> } = {},
): FlowAggregation {
  checkTransactions(transactions, 'network/money/flows');
  const by = options.by ?? 'entity';
  const countryOf = (account: string, own: string | undefined) =>
    own || options.countries?.[account] || 'unknown';
  const flows = new Map<string, Flow>();
  const positions = new Map<string, FlowPosition>();
  const position = (node: string) => {
    let p = positions.get(node);
    if (p === undefined) {
      p = { node, inflow: 0, outflow: 0, net: 0 };
      positions.set(node, p);
    }
    return p;
  };
  for (const t of transactions) {
    const from = by === 'entity' ? t.source : countryOf(t.source, t.sourceCountry);
    const to = by === 'entity' ? t.target : countryOf(t.target, t.targetCountry);
    const key = `${from}\u0000${to}`;
    const flow = flows.get(key);
    if (flow === undefined)
      flows.set(key, { from, to, total: t.amount, count: 1, first: t.time, last: t.time });
    else {
      flow.total += t.amount;
      flow.count++;
      flow.first = Math.min(flow.first, t.time);
      flow.last = Math.max(flow.last, t.time);
    }
    position(from).outflow += t.amount;
    position(to).inflow += t.amount;
  }
  for (const p of positions.values()) p.net = p.inflow - p.outflow;
  return {
    by,
    flows: [...flows.values()].sort(
      (a, b) => b.total - a.total || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
    ),
    positions: [...positions.values()].sort(
      (a, b) => b.inflow + b.outflow - (a.inflow + a.outflow) || a.node.localeCompare(b.node),
    ),
  };
}
