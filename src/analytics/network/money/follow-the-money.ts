/**
 * Follow the money: from one account, from a start time, trace its funds forward through later
 * transfers, hop by hop, respecting time order. Tracing rule "tainted money leaves first": an account
 * holding traced money t_v that sends x passes min(x, t_v) traced money on (an upper bound on how much
 * of the source's money can have travelled each way; the proportional "haircut" rule gives less). The
 * source's traced money is everything it sends from `startTime` on. Reports every account reached,
 * the traced amount it received, the first time and the fewest hops at which it was reached, and the
 * traced transfers. Transfers are processed in time order: O(t log t).
 */
import { requireInput } from '../../common/index.ts';
import { byTime, checkTransactions, type Transaction } from './transactions.ts';

export interface TracedAccount {
  account: string;
  received: number;
  /** Traced money still held at the end (received - sent on). */
  held: number;
  firstTime: number;
  hops: number;
}

export interface FollowTheMoneyResult {
  source: string;
  traced: number;
  accounts: TracedAccount[];
  /** Transfers that carried traced money, with the traced part. */
  transfers: { transaction: Transaction; traced: number; hop: number }[];
}

export function followTheMoney(
  transactions: readonly Transaction[],
  source: string,
  options: { startTime?: number; maxHops?: number } = {},
): FollowTheMoneyResult {
  const where = 'network/money/follow-the-money';
  checkTransactions(transactions, where);
  requireInput(
    transactions.some((t) => t.source === source || t.target === source),
    where,
    `account "${source}" has no transactions`,
  );
  const start = options.startTime ?? Number.NEGATIVE_INFINITY;
  const maxHops = options.maxHops ?? Number.POSITIVE_INFINITY;
  const held = new Map<string, number>();
  const state = new Map<string, TracedAccount>();
  const transfers: FollowTheMoneyResult['transfers'] = [];
  let traced = 0;
  for (const t of byTime(transactions)) {
    if (t.time < start) continue;
    let carried: number;
    let hop: number;
    if (t.source === source) {
      carried = t.amount;
      traced += t.amount;
      hop = 1;
    } else {
      const from = state.get(t.source);
      const available = held.get(t.source) ?? 0;
      if (from === undefined || available <= 0 || from.hops >= maxHops) continue;
      carried = Math.min(t.amount, available);
      held.set(t.source, available - carried);
      from.held = available - carried;
      hop = from.hops + 1;
    }
    if (t.target === source) continue;
    transfers.push({ transaction: t, traced: carried, hop });
    const reached = state.get(t.target);
    if (reached === undefined)
      state.set(t.target, {
        account: t.target,
        received: carried,
        held: carried,
        firstTime: t.time,
        hops: hop,
      });
    else {
      reached.received += carried;
      reached.held += carried;
      reached.hops = Math.min(reached.hops, hop);
    }
    held.set(t.target, (held.get(t.target) ?? 0) + carried);
  }
  const accounts = [...state.values()].sort(
    (a, b) => a.hops - b.hops || b.received - a.received || a.account.localeCompare(b.account),
  );
  return { source, traced, accounts, transfers };
}
