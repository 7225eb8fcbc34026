import { z } from 'zod';
import type { HandlerContext } from '../route-types.ts';
import { defineRoute } from '../route-types.ts';
import {
  type LoadedNetwork,
  loadNetwork,
  networkCommunities,
  networkKeyPlayers,
  networkMetrics,
  networkMoneyPatterns,
  networkPaths,
} from '../services/network.ts';
import { networkAuditEntries } from '../services/network-graph.ts';

/**
 * The network of the integrated model over HTTP: parse, build the caller's graph (records they may
 * see at the pseudonymised level or above; names only from records they see in full), run one
 * analysis, audit the records whose personal values named a node, respond.
 */
const list = z
  .string()
  .max(1_000)
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
const graphQuery = z.object({
  source: list.optional(),
  relation: list.optional(),
  weighting: z.enum(['count', 'amount']).default('count'),
});
const labels = z.record(z.string(), z.string());
const node = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  records: z.number(),
  sources: z.array(z.string()),
});
const edge = z.object({
  source: z.string(),
  target: z.string(),
  kind: z.string(),
  weight: z.number(),
  count: z.number(),
  amountUsd: z.number().nullable(),
  first: z.string().nullable(),
  last: z.string().nullable(),
});
const ACCESS = { kind: 'session', permission: 'network:read', scope: 'records' } as const;

/**
 * The caller's network, audited, for any route whose query has some of graphQuery's fields (absent:
 * every source and relation, weighted by count).
 */
async function callerNetwork(
  context: HandlerContext<Partial<z.infer<typeof graphQuery>>, unknown, unknown>,
): Promise<LoadedNetwork> {
  const { query, store, visibility } = context;
  const network = await loadNetwork(store, visibility, {
    sources: query.source,
    relations: query.relation,
    weighting: query.weighting,
    names: true,
  });
  for (const entry of networkAuditEntries(network.stored)) await context.audit(entry);
  return network;
}

export const networkRoutes = [
  defineRoute({
    id: 'network.graph',
    method: 'GET',
    url: '/api/network/graph',
    tag: 'network',
    summary:
      'The graph of the integrated model the caller may see: nodes (entities, person records, phones, documents, accounts, named brokers) and typed, weighted, dated edges',
    access: ACCESS,
    query: graphQuery,
    response: z.object({
      nodes: z.array(node),
      edges: z.array(edge),
      labelsAre: z.enum(['pseudonyms', 'names']),
      records: z.number(),
      relations: z.number(),
    }),
    rateLimit: 'heavy',
    handler: async (context) => {
      const { stored } = await callerNetwork(context);
      return {
        nodes: stored.nodes,
        edges: stored.edges,
        labelsAre: stored.labelsAre,
        records: stored.records,
        relations: stored.relations,
      };
    },
  }),
  defineRoute({
    id: 'network.metrics',
    method: 'GET',
    url: '/api/network/metrics',
    tag: 'network',
    summary:
      'Centrality of every node: degree, strength, betweenness, PageRank, eigenvector, core, clustering',
    access: ACCESS,
    query: graphQuery,
    response: z.object({
      nodes: z.record(z.string(), z.record(z.string(), z.number())),
      graph: z.object({ nodes: z.number(), edges: z.number(), betweenness: z.string() }),
      labels,
    }),
    rateLimit: 'heavy',
    handler: async (context) => {
      const network = await callerNetwork(context);
      return { ...networkMetrics(network), labels: network.labels };
    },
  }),
  defineRoute({
    id: 'network.communities',
    method: 'GET',
    url: '/api/network/communities',
    tag: 'network',
    summary: 'Communities by Leiden (best modularity of 10 runs from the seed)',
    access: ACCESS,
    query: graphQuery.extend({
      seed: z.coerce
        .number()
        .int()
        .min(0)
        .max(2 ** 31)
        .default(1),
    }),
    response: z.object({
      communities: z.record(z.string(), z.number()),
      modularity: z.number(),
      count: z.number(),
      labels,
    }),
    rateLimit: 'heavy',
    handler: async (context) => {
      const network = await callerNetwork(context);
      return { ...networkCommunities(network, context.query.seed), labels: network.labels };
    },
  }),
  defineRoute({
    id: 'network.keyplayers',
    method: 'GET',
    url: '/api/network/keyplayers',
    tag: 'network',
    summary: 'Key players: the k nodes whose removal fragments the network most (Borgatti), and what remains',
    access: ACCESS,
    query: graphQuery.extend({ k: z.coerce.number().int().min(1).max(100).default(5) }),
    response: z.object({
      k: z.number(),
      set: z.array(z.string()),
      fragmentation: z.number(),
      remaining: z.record(z.string(), z.number()),
      labels,
    }),
    rateLimit: 'heavy',
    handler: async (context) => {
      const network = await callerNetwork(context);
      return { ...networkKeyPlayers(network, context.query.k), labels: network.labels };
    },
  }),
  defineRoute({
    id: 'network.path',
    method: 'GET',
    url: '/api/network/path',
    tag: 'network',
    summary: 'The k shortest paths (hops) between two nodes the caller can see (none when either is not one)',
    access: ACCESS,
    query: graphQuery.extend({
      from: z.string().min(1).max(200),
      to: z.string().min(1).max(200),
      k: z.coerce.number().int().min(1).max(20).default(1),
    }),
    response: z.object({
      paths: z.array(z.object({ nodes: z.array(z.string()), hops: z.number(), length: z.number() })),
      labels,
    }),
    rateLimit: 'heavy',
    handler: async (context) => {
      const network = await callerNetwork(context);
      const { from, to, k } = context.query;
      return { ...networkPaths(network, from, to, k), labels: network.labels };
    },
  }),
  defineRoute({
    id: 'money.patterns',
    method: 'GET',
    url: '/api/money/patterns',
    tag: 'network',
    summary:
      'Money patterns of the financial records the caller may see: flows, hubs, cycles, pass-through accounts, structuring (US dollars, threshold 10,000); null without transactions',
    access: ACCESS,
    query: graphQuery.omit({ relation: true, weighting: true }),
    response: z.object({ report: z.record(z.string(), z.unknown()).nullable(), labels }),
    rateLimit: 'heavy',
    handler: async (context) => {
      const network = await callerNetwork(context);
      const report = networkMoneyPatterns(network);
      return { report: report as unknown as Record<string, unknown> | null, labels: network.labels };
    },
  }),
];
