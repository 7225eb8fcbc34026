/**
 * Rapid pass-through accounts ("money mules"): accounts that send on most of what they receive
 * within a short time. Incoming transfers are matched last-in first-out to later outgoing transfers
 * (an outgoing transfer spends the most recently received unspent money first, so an old balance
 * left behind does not hide a fresh pass-through); money counts as passed through when it leaves
 * within `window` of arriving. An account is flagged when it received at least
 * `minInflows` transfers, passed through at least `minPassThrough` of its inflow, and held the
 * passed-through money for a median time of at most `window`. FATF (2018), "Professional Money
 * Laundering", https://www.fatf-gafi.org/ (money mule networks) describes the pattern; the
 * matching rule is the usual flow-through test of transaction monitoring.
 * O(t log t).
 */
import { checkTransactions, type Transaction } from './transactions.ts';

export interface PassThroughAccount {
  account: string;
  inflow: number;
  outflow: number;
  passedThrough: number;
  /** passedThrough / inflow. */
  passThroughShare: number;
  /** Median time money stayed, weighted by amount. */
  medianHoldingTime: number;
  inflows: number;
  outflows: number;
  flagged: boolean;
}

export interface MuleOptions {
  window: number;
  minInflows?: number;
  minPassThrough?: number;
}

export function passThroughAccounts(
  transactions: readonly Transaction[],
  options: MuleOptions,
): PassThroughAccount[] {
  checkTransactions(transactions, 'network/money/mules');
  const minInflows = options.minInflows ?? 2;
  const minPassThrough = options.minPassThrough ?? 0.8;
  const events = new Map<string, { time: number; amount: number; incoming: boolean }[]>();
  for (const t of transactions) {
    if (!events.has(t.target)) events.set(t.target, []);
    events.get(t.target)?.push({ time: t.time, amount: t.amount, incoming: true });
    if (!events.has(t.source)) events.set(t.source, []);
    events.get(t.source)?.push({ time: t.time, amount: t.amount, incoming: false });
  }
  const result: PassThroughAccount[] = [];
  for (const [account, list] of events) {
    // Receipts before payments at equal times, so that same-instant forwarding counts.
    list.sort((a, b) => a.time - b.time || Number(b.incoming) - Number(a.incoming));
    const unspent: { time: number; amount: number }[] = [];
    let inflow = 0;
    let outflow = 0;
    let passed = 0;
    let inflows = 0;
    let outflows = 0;
    const holds: { time: number; amount: number }[] = [];
    for (const e of list) {
      if (e.incoming) {
        inflow += e.amount;
        inflows++;
        unspent.push({ time: e.time, amount: e.amount });
        continue;
      }
      outflow += e.amount;
      outflows++;
      let need = e.amount;
      while (need > 0 && unspent.length > 0) {
        const lot = unspent[unspent.length - 1];
        const take = Math.min(need, lot.amount);
        if (e.time - lot.time <= options.window) {
          passed += take;
          holds.push({ time: e.time - lot.time, amount: take });
        }
        lot.amount -= take;
        need -= take;
        if (lot.amount <= 0) unspent.pop();
      }
    }
    holds.sort((a, b) => a.time - b.time);
    let cumulative = 0;
    let median = Number.POSITIVE_INFINITY;
    for (const h of holds) {
      cumulative += h.amount;
      if (cumulative >= passed / 2) {
        median = h.time;
        break;
      }
    }
    const share = inflow > 0 ? passed / inflow : 0;
    if (inflows === 0) continue;
    result.push({
      account,
      inflow,
      outflow,
      passedThrough: passed,
      passThroughShare: share,
      medianHoldingTime: Number.isFinite(median) ? median : options.window,
      inflows,
      outflows,
      flagged: inflows >= minInflows && share >= minPassThrough && median <= options.window,
    });
  }
  return result.sort(
    (a, b) =>
      Number(b.flagged) - Number(a.flagged) ||
      b.passedThrough - a.passedThrough ||
      a.account.localeCompare(b.account),
  );
}
