/**
 * The input of the money-flow analytics: one transfer of `amount` from `source` to `target` at `time`
 * (any increasing number: epoch milliseconds from the CLI, days in tests), with optional countries.
 */
import { requireInput } from '../../common/index.ts';

export interface Transaction {
  id?: string;
  source: string;
  target: string;
  amount: number;
  time: number;
  sourceCountry?: string;
  targetCountry?: string;
}

/** Checks every transaction (positive finite amount, finite time, two different accounts). */
export function checkTransactions(transactions: readonly Transaction[], where: string): void {
  requireInput(transactions.length > 0, where, 'there are no transactions');
  transactions.forEach((t, i) => {
    const label = `transaction ${t.id ?? i + 1}`;
    requireInput(t.source !== '' && t.target !== '', where, `${label} lacks an account`);
    requireInput(
      Number.isFinite(t.amount) && t.amount > 0,
      where,
      `${label} has amount ${t.amount}; amounts must be positive`,
    );
    requireInput(Number.isFinite(t.time), where, `${label} has no valid time`);
  });
}

/** Transactions sorted by time (stable), without changing the input. */
export function byTime(transactions: readonly Transaction[]): Transaction[] {
  return transactions
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.time - b.t.time || a.i - b.i)
    .map(({ t }) => t);
}
