/** Money-flow analytics over transactions: flows, hubs, cycles, mules, structuring, tracing. */
export { type CycleOptions, type MoneyCycle, moneyCycles } from './cycles.ts';
export { type FanHub, type FanHubOptions, fanHubs } from './fan-hubs.ts';
export { aggregateFlows, type Flow, type FlowAggregation, type FlowPosition } from './flows.ts';
export { type FollowTheMoneyResult, followTheMoney, type TracedAccount } from './follow-the-money.ts';
export { type MuleOptions, type PassThroughAccount, passThroughAccounts } from './mules.ts';
export { type MoneyPatternOptions, type MoneyPatterns, moneyPatterns, SEVEN_DAYS_MS } from './patterns.ts';
export { type StructuringAccount, type StructuringOptions, structuringAccounts } from './structuring.ts';
export { checkTransactions, type Transaction } from './transactions.ts';
