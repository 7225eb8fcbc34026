/**
 * The synthetic world through the store: its agencies' files imported as on first start
 * (`loadWorldDirectory`, into an in-memory PGlite), the network graph built FROM THE STORE
 * (`buildNetworkGraph`, every record visible in full, pseudonymous node ids), and scored against the
 * world's truth: communities of the store graph against the true organisations (adjusted Rand index
 * over the nodes that are a member's account or phone), and where the true organisers and financiers
 * rank (R-precision = precision at k = the role's number of members, and how many are in the top
 * 16) by PageRank, by generalised degree (Opsahl et al. 2010, alpha 0.5, money by US dollars) and,
 * for financiers, by generalised in-degree over the directed money graph (payers x amount received).
 * The call records of the world (network/calls.csv) are not a source the store imports, so the store
 * graph holds money, brokers named in cases, interviews and hotline calls, and posts.
 *
 *   node bin/siren.js synth --seed 1 --out /tmp/synth1
 *   npx tsx bench/network/store-truth.ts --world /tmp/synth1
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { parse } from 'csv-parse/sync';
import { createRandom } from '../../src/analytics/common/index.ts';
import {
  buildGraph,
  comparePartitions,
  type Graph,
  generalizedDegree,
  keyPlayers,
  leidenCommunities,
  pageRank,
} from '../../src/analytics/network/index.ts';
import { loadWorldDirectory } from '../../src/ingest/load-world.ts';
import {
  analyticsRows,
  buildNetworkGraph,
  identifierNodeId,
} from '../../src/server/services/network-graph.ts';
import { FieldCipher, generateKeyHex, migrate, openDatabase } from '../../src/store/index.ts';
import { listOrganisations } from '../../src/store/repositories/organisations.ts';

const at = process.argv.indexOf('--world');
const world = at >= 0 ? process.argv[at + 1] : '/tmp/synth1';
const read = (path: string): Record<string, string>[] =>
  parse(readFileSync(join(world, path), 'utf8'), { columns: true, skip_empty_lines: true, bom: true });
const seconds = (start: number, cpu: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(cpu);
  return `${((performance.now() - start) / 1000).toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`;
};

console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores (shared), node ${process.version}`);
console.log(`command: npx tsx bench/network/store-truth.ts --world ${world}`);

const database = await openDatabase({ embedded: new PGlite() });
await migrate(database);
const cipher = new FieldCipher({ current: Buffer.from(generateKeyHex(), 'hex'), previous: [] });
let start = performance.now();
let cpu = process.cpuUsage();
await loadWorldDirectory({ database, cipher }, world, { actor: 'bench' });
console.log(`import: ${seconds(start, cpu)}`);
const visibility = {
  grants: (await listOrganisations(database)).map((o) => ({
    organisationId: Number(o.id),
    sourceId: null,
    level: 'full' as const,
  })),
  site: null,
};
start = performance.now();
cpu = process.cpuUsage();
const stored = await buildNetworkGraph(database, cipher, visibility);
console.log(
  `graph from the store: ${stored.records} records -> ${stored.nodes.length} nodes, ${stored.edges.length} edges (${seconds(start, cpu)})`,
);
const kinds: Record<string, number> = {};
for (const edge of stored.edges) kinds[edge.kind] = (kinds[edge.kind] ?? 0) + 1;
console.log(`edges by kind: ${JSON.stringify(kinds)}`);

const members = read('truth/members.csv');
const memberOfNode = new Map<string, Record<string, string>>();
for (const member of members)
  for (const id of [
    identifierNodeId(cipher, 'acc', member.account),
    identifierNodeId(cipher, 'tel', member.phone),
  ])
    if (id) memberOfNode.set(id, member);
const organisations = new Set(members.map((m) => m.organisation_id)).size;

const countGraph = buildGraph(analyticsRows(stored, 'count'));
const amountGraph = buildGraph(analyticsRows(stored, 'amount'));
const present = countGraph.ids.filter((id) => memberOfNode.has(id));
console.log(
  `members reachable in the store graph: ${new Set(present.map((id) => memberOfNode.get(id)?.member_id)).size} of ${members.length} (by account or phone)`,
);

const truth = Object.fromEntries(present.map((id) => [id, memberOfNode.get(id)?.organisation_id as string]));
for (const [name, graph] of [
  ['count weights', countGraph],
  ['money by USD', amountGraph],
] as const) {
  const result = leidenCommunities(graph, { random: createRandom(1), restarts: 10 });
  const found = Object.fromEntries(graph.ids.map((id, v) => [id, result.membership[v]]));
  const agreement = comparePartitions(found, truth);
  console.log(
    `Leiden on the store graph (${name}): ${result.count} communities, modularity ${result.modularity.toFixed(4)}; over ${agreement.nodes} member nodes ARI ${agreement.adjustedRandIndex.toFixed(4)}, NMI ${agreement.normalizedMutualInformation.toFixed(4)}`,
  );
}

function evaluate(name: string, graph: Graph, scores: ArrayLike<number>): void {
  const order = Array.from({ length: graph.nodeCount }, (_, v) => v).sort(
    (a, b) => scores[b] - scores[a] || a - b,
  );
  const roleAt = (v: number) => memberOfNode.get(graph.ids[v])?.role;
  const set = keyPlayers(graph, { k: organisations, candidates: 300 }).set;
  const parts = ['organiser', 'financier'].map((role) => {
    const total = members.filter((m) => m.role === role).length;
    const top = order.slice(0, total).filter((v) => roleAt(v) === role).length;
    const top16 = order.slice(0, 2 * organisations).filter((v) => roleAt(v) === role).length;
    return `P@${total} ${(top / total).toFixed(2)}, top ${2 * organisations}: ${top16}, key players ${set.filter((v) => roleAt(v) === role).length}`;
  });
  console.log(`| ${name} | ${parts.join(' | ')} |`);
}
console.log('\n| ranking (store graph) | organisers | financiers |\n| --- | --- | --- |');
evaluate('PageRank, count weights', countGraph, pageRank(countGraph).values);
evaluate('PageRank, money by USD', amountGraph, pageRank(amountGraph).values);
evaluate('generalised degree a=0.5, money by USD', amountGraph, generalizedDegree(amountGraph));
const money = buildGraph(
  stored.edges
    .filter((edge) => edge.kind === 'paid')
    .map((edge) => ({ source: edge.source, target: edge.target, weight: edge.amountUsd ?? 0 })),
  { directed: true },
);
evaluate('generalised in-degree a=0.5 (money graph)', money, generalizedDegree(money, { mode: 'in' }));
await database.close();
