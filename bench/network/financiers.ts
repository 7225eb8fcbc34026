/**
 * Why the synthetic world's financiers rank poorly, and a ranking that finds them.
 *
 * The call graph (network/calls.csv) ties a financier to its organiser and its mules only: it sits
 * beside the organiser, not between groups, so PageRank, betweenness and fragmentation key players
 * rank it low. Its role is in the money: it receives the organisation's pooled shares and the
 * victims' debt repayments and sends the laundered sums on through mules. This script compares
 * rankings of the true organisers and financiers (members.csv) on
 *   1. the call graph (PageRank, count weights): the baseline of bench/RESULTS.md;
 *   2. the multiplex graph of calls and money (transfers between the members' accounts, each account
 *      mapped to its member as entity resolution would) with count weights;
 *   3. the same multiplex with money weighted by amount, through Opsahl, Agneessens & Skvoretz's
 *      generalised degree C = k^(1-a) s^a (a = 0.5), which rewards nodes with both many ties and
 *      large flows ("Node centrality in weighted networks: generalizing degree and shortest paths",
 *      Social Networks 32 (2010) 245-251, doi:10.1016/j.socnet.2010.03.006);
 *   4. over the directed money graph alone: throughput (US dollars received plus sent), dollars
 *      received, distinct payers, and the generalised in-degree (distinct payers x dollars received,
 *      alpha 0.5): a financier collects from many victims (debt repayments) and large sums from its
 *      organiser, while mules and the offshore account receive large sums from few payers;
 * and reports R-precision (precision at k = number of true members of the role), how many are in
 * the top 16, and the key-player set (fragmentation, k = number of organisations).
 *
 *   node bin/siren.js synth --seed 1 --out /tmp/synth1
 *   npx tsx bench/network/financiers.ts --world /tmp/synth1
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  buildGraph,
  degreeCentrality,
  type EdgeRow,
  type Graph,
  generalizedDegree,
  keyPlayers,
  pageRank,
} from '../../src/analytics/network/index.ts';

const at = process.argv.indexOf('--world');
const world = at >= 0 ? process.argv[at + 1] : '/tmp/synth1';
const read = (path: string): Record<string, string>[] =>
  parse(readFileSync(join(world, path), 'utf8'), { columns: true, skip_empty_lines: true, bom: true });

console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores (shared), node ${process.version}`);
console.log(`command: npx tsx bench/network/financiers.ts --world ${world}`);

const members = read('truth/members.csv');
const roleOf = new Map(members.map((m) => [m.member_id, m.role]));
const memberOfAccount = new Map(members.map((m) => [m.account, m.member_id]));
const organisations = new Set(members.map((m) => m.organisation_id)).size;
const PER_USD: Record<string, number> = { USD: 1, THB: 35, LAK: 20_000, MMK: 2_100, VND: 24_000, CNY: 7.2 };
const calls: EdgeRow[] = read('network/calls.csv').map((c) => ({
  source: c.source,
  target: c.target,
  weight: Number(c.weight),
}));
const party = (account: string) => memberOfAccount.get(account) ?? account;
const transfers = read('sources/transactions/fiu_transactions.csv').map((r) => ({
  source: party(r.debit_account),
  target: party(r.credit_account),
  usd: Number(r.amount) / PER_USD[r.ccy],
}));

/** Scores to ranks over all nodes of a graph (1 = highest). */
function evaluate(name: string, graph: Graph, scores: ArrayLike<number>): void {
  const order = Array.from({ length: graph.nodeCount }, (_, v) => v).sort(
    (a, b) => scores[b] - scores[a] || a - b,
  );
  const set = keyPlayers(graph, { k: organisations, candidates: 300 }).set.map((v) => graph.ids[v]);
  const parts = ['organiser', 'financier'].map((role) => {
    const truth = members.filter((m) => m.role === role).length;
    const top = order.slice(0, truth).filter((v) => roleOf.get(graph.ids[v]) === role).length;
    const top16 = order.slice(0, 2 * organisations).filter((v) => roleOf.get(graph.ids[v]) === role).length;
    const inSet = set.filter((id) => roleOf.get(id) === role).length;
    return `${role}s P@${truth} ${(top / truth).toFixed(2)}, top ${2 * organisations} ${top16}/${truth}, key players ${inSet}`;
  });
  console.log(`| ${name} | ${graph.nodeCount} | ${parts.join(' | ')} |`);
}

console.log('\n| ranking | nodes | organisers | financiers |\n| --- | --- | --- | --- |');
const callGraph = buildGraph(calls);
evaluate('calls, PageRank', callGraph, pageRank(callGraph).values);
const multiplexCount = buildGraph([
  ...calls,
  ...transfers.map((t) => ({ source: t.source, target: t.target, weight: 1 })),
]);
evaluate('calls + money (count), PageRank', multiplexCount, pageRank(multiplexCount).values);
const multiplexAmount = buildGraph([
  ...calls,
  ...transfers.map((t) => ({ source: t.source, target: t.target, weight: t.usd })),
]);
evaluate('calls + money (USD), PageRank', multiplexAmount, pageRank(multiplexAmount).values);
evaluate(
  'calls + money (USD), generalised degree a=0.5',
  multiplexAmount,
  generalizedDegree(multiplexAmount),
);
const money = buildGraph(
  transfers.map((t) => ({ source: t.source, target: t.target, weight: t.usd })),
  { directed: true },
);
const flow = degreeCentrality(money);
evaluate(
  'money, throughput (USD in + out)',
  money,
  Float64Array.from(flow.inStrength, (x, v) => x + flow.outStrength[v]),
);
evaluate('money, in-flow (USD received)', money, flow.inStrength);
evaluate('money, distinct payers (in-degree)', money, flow.inDegree);
evaluate(
  'money, generalised in-degree a=0.5 (payers x USD received)',
  money,
  generalizedDegree(money, { mode: 'in' }),
);
