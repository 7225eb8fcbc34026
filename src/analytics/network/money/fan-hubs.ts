/**
 * Fan-in / fan-out hubs: accounts that receive from (fan-in) or send to (fan-out) unusually many
 * distinct counterparties within a time window, the collection and distribution points of laundering
 * typologies (FATF 2018, "Professional Money Laundering", https://www.fatf-gafi.org/; Chen et al. 2018,
 * "Machine learning techniques for anti-money laundering (AML) solutions in suspicious transaction
 * detection: a review", Knowledge and Information Systems 57:245-285, doi:10.1007/s10115-017-1144-z).
 * For each account the largest number of distinct counterparties in any window of length `window`
 * (whole period when absent) is compared with all accounts' values by a robust z-score,
 * (x - median) / (1.4826 MAD) (Iglewicz & Hoaglin 1993); an account is a hub when z >= `minScore`
 * and it has at least `minCounterparties`. O(t log t).
 */
import { checkTransactions, type Transaction } from './transactions.ts';

export interface FanHub {
  account: string;
  direction: 'fan-in' | 'fan-out';
  counterparties: number;
  amount: number;
  windowStart: number;
  robustZ: number;
}

export interface FanHubOptions {
  window?: number;
  minCounterparties?: number;
  minScore?: number;
}

function widest(events: { time: number; other: string; amount: number }[], window: number) {
  events.sort((a, b) => a.time - b.time);
  let best = { count: 0, amount: 0, start: events[0]?.time ?? 0 };
  const inWindow = new Map<string, number>();
  let amount = 0;
  let left = 0;
  for (let right = 0; right < events.length; right++) {
    const e = events[right];
    inWindow.set(e.other, (inWindow.get(e.other) ?? 0) + 1);
    amount += e.amount;
    while (e.time - events[left].time > window) {
      const old = events[left++];
      const c = (inWindow.get(old.other) ?? 1) - 1;
      if (c === 0) inWindow.delete(old.other);
      else inWindow.set(old.other, c);
      amount -= old.amount;
    }
    if (inWindow.size > best.count) best = { count: inWindow.size, amount, start: events[left].time };
  }
  return best;
}

function robustScores(values: number[]): (x: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  const median = (xs: number[]) =>
    xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
  const m = median(sorted);
  const mad = median(sorted.map((x) => Math.abs(x - m)).sort((a, b) => a - b)) * 1.4826;
  return (x) => (mad > 0 ? (x - m) / mad : x > m ? Number.POSITIVE_INFINITY : 0);
}

export function fanHubs(transactions: readonly Transaction[], options: FanHubOptions = {}): FanHub[] {
  checkTransactions(transactions, 'network/money/fan-hubs');
  const window = options.window ?? Number.POSITIVE_INFINITY;
  const minCounterparties = options.minCounterparties ?? 5;
  const minScore = options.minScore ?? 3.5;
  const incoming = new Map<string, { time: number; other: string; amount: number }[]>();
  const outgoing = new Map<string, { time: number; other: string; amount: number }[]>();
  for (const t of transactions) {
    if (!incoming.has(t.target)) incoming.set(t.target, []);
    incoming.get(t.target)?.push({ time: t.time, other: t.source, amount: t.amount });
    if (!outgoing.has(t.source)) outgoing.set(t.source, []);
    outgoing.get(t.source)?.push({ time: t.time, other: t.target, amount: t.amount });
  }
  const accounts = [...new Set(transactions.flatMap((t) => [t.source, t.target]))];
  const hubs: FanHub[] = [];
  for (const [direction, table] of [
    ['fan-in', incoming],
    ['fan-out', outgoing],
  ] as const) {
    const stats = accounts.map((account) => {
      const events = table.get(account);
      return events ? widest(events, window) : { count: 0, amount: 0, start: 0 };
    });
    const score = robustScores(stats.map((s) => s.count));
    accounts.forEach((account, i) => {
      const z = score(stats[i].count);
      if (stats[i].count >= minCounterparties && z >= minScore)
        hubs.push({
          account,
          direction,
          counterparties: stats[i].count,
          amount: stats[i].amount,
          windowStart: stats[i].start,
          robustZ: Number.isFinite(z) ? z : Number.MAX_VALUE,
        });
    });
  }
  return hubs.sort((a, b) => b.counterparties - a.counterparties || a.account.localeCompare(b.account));
}
