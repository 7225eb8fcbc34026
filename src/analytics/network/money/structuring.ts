/**
 * Structuring ("smurfing"): many transfers just under a reporting threshold (e.g. 10,000) that
 * together exceed it, sent by one account (or received by one, with `by: 'target'`) within a window.
 * A transfer is "just under" when threshold x (1 - margin) <= amount < threshold. An account is
 * flagged when some window holds at least `minCount` such transfers whose sum reaches the threshold.
 * The share of the account's transfers in the band is reported against the share of all transfers
 * in the band (a simple lift). 31 U.S.C. 5324 and FATF Recommendation 20 describe the offence; the
 * band rule is the common monitoring scenario. O(t log t).
 */
import { requireInput } from '../../common/index.ts';
import { checkTransactions, type Transaction } from './transactions.ts';

export interface StructuringOptions {
  threshold: number;
  margin?: number;
  window?: number;
  minCount?: number;
  by?: 'source' | 'target';
}

export interface StructuringAccount {
  account: string;
  /** Transfers in the band, in the busiest window. */
  count: number;
  total: number;
  windowStart: number;
  windowEnd: number;
  /** The account's share of transfers in the band / the share over all transfers. */
  lift: number;
  transactionIds: string[];
}

export function structuringAccounts(
  transactions: readonly Transaction[],
  options: StructuringOptions,
): StructuringAccount[] {
  const where = 'network/money/structuring';
  checkTransactions(transactions, where);
  requireInput(options.threshold > 0, where, `threshold must be positive, got ${options.threshold}`);
  const margin = options.margin ?? 0.1;
  requireInput(margin > 0 && margin < 1, where, `margin must be between 0 and 1, got ${margin}`);
  const window = options.window ?? Number.POSITIVE_INFINITY;
  const minCount = options.minCount ?? 3;
  const lower = options.threshold * (1 - margin);
  const inBand = (t: Transaction) => t.amount >= lower && t.amount < options.threshold;
  const overall = transactions.filter(inBand).length / transactions.length;
  const byAccount = new Map<string, { all: number; band: { t: Transaction; i: number }[] }>();
  transactions.forEach((t, i) => {
    const account = options.by === 'target' ? t.target : t.source;
    const entry = byAccount.get(account) ?? { all: 0, band: [] };
    entry.all++;
    if (inBand(t)) entry.band.push({ t, i });
    byAccount.set(account, entry);
  });
  const flagged: StructuringAccount[] = [];
  for (const [account, { all, band }] of byAccount) {
    if (band.length < minCount) continue;
    band.sort((a, b) => a.t.time - b.t.time);
    let best: { count: number; total: number; left: number; right: number } | undefined;
    let left = 0;
    let total = 0;
    for (let right = 0; right < band.length; right++) {
      total += band[right].t.amount;
      while (band[right].t.time - band[left].t.time > window) total -= band[left++].t.amount;
      const count = right - left + 1;
      if (count >= minCount && total >= options.threshold && (best === undefined || count > best.count))
        best = { count, total, left, right };
    }
    if (best === undefined) continue;
    const chosen = band.slice(best.left, best.right + 1);
    flagged.push({
      account,
      count: best.count,
      total: best.total,
      windowStart: chosen[0].t.time,
      windowEnd: chosen[chosen.length - 1].t.time,
      lift: overall > 0 ? band.length / all / overall : 0,
      transactionIds: chosen.map(({ t, i }) => t.id ?? String(i + 1)),
    });
  }
  return flagged.sort((a, b) => b.count - a.count || b.total - a.total || a.account.localeCompare(b.account));
}
