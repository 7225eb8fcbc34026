/**
 * Scores the network and money analytics against the synthetic world's truth (src/synth, written by
 * `siren synth --seed 1 --out DIR`): communities of the call graph vs the true organisations
 * (adjusted Rand index, NMI), where the true organisers and financiers rank by betweenness, PageRank
 * and in the key-player set, and recall of the planted money patterns (structuring accounts, mule
 * accounts, payment cycles) by `moneyPatterns`.
 *
 *   node bin/siren.js synth --seed 1 --out /tmp/synth1
 *   npx tsx bench/network/synthetic-truth.ts --world /tmp/synth1
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createRandom } from '../../src/analytics/common/index.ts';
import {
  betweennessCentrality,
  buildGraph,
  comparePartitions,
  keyPlayers,
  leidenCommunities,
  louvainCommunities,
  moneyPatterns,
  pageRank,
  type Transaction,
} from '../../src/analytics/network/index.ts';

const at = process.argv.indexOf('--world');
const world = at >= 0 ? process.argv[at + 1] : '/tmp/synth1';
const read = (path: string): Record<string, string>[] =>
  parse(readFileSync(join(world, path), 'utf8'), { columns: true, skip_empty_lines: true, bom: true });

console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}`);
console.log(`command: npx tsx bench/network/synthetic-truth.ts --world ${world}`);

const members = read('truth/members.csv');
const organisationOf = Object.fromEntries(members.map((m) => [m.member_id, m.organisation_id]));
const roleOf = Object.fromEntries(members.map((m) => [m.member_id, m.role]));
const calls = read('network/calls.csv');
const graph = buildGraph(
  calls.map((c) => ({ source: c.source, target: c.target, weight: Number(c.weight) })),
);
console.log(
  `\ncall graph: ${graph.nodeCount} members, ${graph.edgeCount} ties, ${new Set(Object.values(organisationOf)).size} organisations`,
);

for (const [name, run] of [
  ['leiden', leidenCommunities],
  ['louvain', louvainCommunities],
] as const) {
  const result = run(graph, { random: createRandom(1) });
  const found = Object.fromEntries(graph.ids.map((id, v) => [id, result.membership[v]]));
  const agreement = comparePartitions(found, organisationOf);
  console.log(
    `${name}: ${result.count} communities, modularity ${result.modularity.toFixed(4)}, ARI ${agreement.adjustedRandIndex.toFixed(4)}, NMI ${agreement.normalizedMutualInformation.toFixed(4)}`,
  );
}

const ranks = (values: ArrayLike<number>) => {
  const order = Array.from({ length: graph.nodeCount }, (_, v) => v).sort((a, b) => values[b] - values[a]);
  const rank = new Map<string, number>();
  order.forEach((v, i) => {
    rank.set(graph.ids[v], i + 1);
  });
  return rank;
};
const organisations = new Set(Object.values(organisationOf)).size;
const betweenness = ranks(betweennessCentrality(graph, { weightAs: 'strength' }).values);
const pagerank = ranks(pageRank(graph).values);
const set = keyPlayers(graph, { k: organisations }).set.map((v) => graph.ids[v]);
for (const role of ['organiser', 'financier']) {
  const ids = graph.ids.filter((id) => roleOf[id] === role);
  const median = (rank: Map<string, number>) => {
    const xs = ids.map((id) => rank.get(id) as number).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)];
  };
  const inTop = (rank: Map<string, number>) =>
    ids.filter((id) => (rank.get(id) as number) <= 2 * organisations).length;
  console.log(
    `${role}s (${ids.length}): median rank by betweenness ${median(betweenness)}, by PageRank ${median(pagerank)} of ${graph.nodeCount}; in the top ${2 * organisations}: ${inTop(betweenness)} (betweenness), ${inTop(pagerank)} (PageRank); in the key-player set of ${organisations}: ${set.filter((id) => roleOf[id] === role).length}`,
  );
}

const PER_USD: Record<string, number> = { USD: 1, THB: 35, LAK: 20_000, MMK: 2_100, VND: 24_000, CNY: 7.2 };
const rows = read('sources/transactions/fiu_transactions.csv');
const pattern = Object.fromEntries(read('truth/transactions.csv').map((t) => [t.transaction_id, t.pattern]));
const transactions: Transaction[] = rows.map((r) => ({
  id: r.txn_ref,
  source: r.debit_account,
  target: r.credit_account,
  amount: Number(r.amount) / PER_USD[r.ccy],
  time: Date.parse(r.timestamp) / 86_400_000,
  sourceCountry: r.debit_country,
  targetCountry: r.credit_country,
}));
const report = moneyPatterns(transactions, { threshold: 10_000, window: 7, cycles: { maxLength: 4 } });
const byPattern = (name: string) => rows.filter((r) => pattern[r.txn_ref] === name);
const recall = (truth: Set<string>, found: Set<string>) => {
  const hit = [...truth].filter((x) => found.has(x)).length;
  return `${hit}/${truth.size} found, ${[...found].filter((x) => !truth.has(x)).length} other accounts flagged`;
};
const structuringTruth = new Set(byPattern('structuring').map((r) => r.debit_account));
console.log(`\n${transactions.length} transactions`);
console.log(
  `structuring accounts: ${recall(structuringTruth, new Set(report.structuring.map((s) => s.account)))}`,
);
const muleRows = byPattern('mule_pass_through');
const senders = new Set(muleRows.map((r) => r.debit_account));
const muleTruth = new Set(muleRows.map((r) => r.credit_account).filter((a) => senders.has(a)));
console.log(`mule accounts: ${recall(muleTruth, new Set(report.passThrough.map((a) => a.account)))}`);
const cycleTruth = new Set(byPattern('cycle').map((r) => r.debit_account));
const inCycles = new Set(report.cycles.cycles.flatMap((c) => c.accounts));
console.log(
  `accounts in planted cycles: ${recall(cycleTruth, inCycles)} (${report.cycles.cycles.length} time-ordered cycles)`,
);
