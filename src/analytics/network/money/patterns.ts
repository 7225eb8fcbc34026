/**
 * All money patterns in one call (the `siren money patterns` report): flows between entities and
 * countries, fan-in/fan-out hubs, bounded cycles, pass-through accounts and structuring, with the
 * options of each method. See the individual files for definitions and citations.
 */
import { type CycleOptions, type MoneyCycle, moneyCycles } from './cycles.ts';
import { type FanHub, fanHubs } from './fan-hubs.ts';
import { aggregateFlows, type FlowAggregation } from './flows.ts';
import { type PassThroughAccount, passThroughAccounts } from './mules.ts';
import { type StructuringAccount, structuringAccounts } from './structuring.ts';
import { checkTransactions, type Transaction } from './transactions.ts';

export interface MoneyPatternOptions {
  /** Reporting threshold for structuring (default 10,000). */
  threshold?: number;
  margin?: number;
  /** Time window for hubs, mules and structuring, in the unit of `time` (default: 7 days in ms). */
  window?: number;
  cycles?: CycleOptions;
  minCounterparties?: number;
}

export interface MoneyPatterns {
  transactions: number;
  accounts: number;
  total: number;
  flows: FlowAggregation;
  countryFlows: FlowAggregation;
  hubs: FanHub[];
  cycles: { cycles: MoneyCycle[]; truncated: boolean };
  passThrough: PassThroughAccount[];
  structuring: StructuringAccount[];
}

export const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

export function moneyPatterns(
  transactions: readonly Transaction[],
  options: MoneyPatternOptions = {},
): MoneyPatterns {
  checkTransactions(transactions, 'network/money/patterns');
  const window = options.window ?? SEVEN_DAYS_MS;
  return {
    transactions: transactions.length,
    accounts: new Set(transactions.flatMap((t) => [t.source, t.target])).size,
    total: transactions.reduce((s, t) => s + t.amount, 0),
    flows: aggregateFlows(transactions),
    countryFlows: aggregateFlows(transactions, { by: 'country' }),
    hubs: fanHubs(transactions, { window, minCounterparties: options.minCounterparties }),
    cycles: moneyCycles(transactions, { timeOrdered: true, ...options.cycles }),
    passThrough: passThroughAccounts(transactions, { window }).filter((a) => a.flagged),
    structuring: structuringAccounts(transactions, {
      threshold: options.threshold ?? 10_000,
      margin: options.margin,
      window,
    }),
  };
}
