import { createRandom } from '../../analytics/common/index.ts';
import {
  betweennessCentrality,
  buildGraph,
  clusteringCoefficients,
  coreness,
  degreeCentrality,
  eigenvectorCentrality,
  type Graph,
  generalizedDegree,
  keyPlayers,
  kShortestPaths,
  leidenCommunities,
  type MoneyPatterns,
  moneyPatterns,
  pageRank,
  sampledBetweennessCentrality,
} from '../../analytics/network/index.ts';
import type { Store } from '../../store/index.ts';
import type { RecordVisibility } from '../access.ts';
import {
  analyticsRows,
  type BuildNetworkGraphOptions,
  buildNetworkGraph,
  type EdgeWeighting,
  type NetworkGraph,
} from './network-graph.ts';

/**
 * The network analyses of the store's graph for one caller: build the graph they may see (names
 * only from records they see in full), run one analysis, and say which records' personal values
 * named the nodes returned so that the caller's transport can audit them. Exact betweenness up to
 * {@link EXACT_BETWEENNESS_NODES} nodes, sampled (256 sources, linear scaling) above.
 */
export const EXACT_BETWEENNESS_NODES = 2_000;

export interface NetworkRequest extends BuildNetworkGraphOptions {
  weighting?: EdgeWeighting;
}

export interface LoadedNetwork {
  stored: NetworkGraph;
  graph: Graph;
  labels: Record<string, string>;
}

export async function loadNetwork(
  store: Store,
  visibility: RecordVisibility,
  request: NetworkRequest,
): Promise<LoadedNetwork> {
  const stored = await buildNetworkGraph(store.database, store.cipher, visibility, request);
  const graph = buildGraph(analyticsRows(stored, request.weighting ?? 'count'));
  const labels = Object.fromEntries(stored.nodes.map((node) => [node.id, node.label]));
  return { stored, graph, labels };
}

export type NodeMetrics = {
  degree: number;
  strength: number;
  betweenness: number;
  pagerank: number;
  eigenvector: number;
  core: number;
  clustering: number;
  /** Opsahl et al.'s k^0.5 s^0.5: ties and their weight (with weighting=amount, dollars paid). */
  generalizedDegree: number;
};

export function networkMetrics(network: LoadedNetwork): {
  nodes: Record<string, NodeMetrics>;
  graph: { nodes: number; edges: number; betweenness: string };
} {
  const { graph } = network;
  if (graph.nodeCount === 0) return { nodes: {}, graph: { nodes: 0, edges: 0, betweenness: 'exact' } };
  const degree = degreeCentrality(graph);
  const exact = graph.nodeCount <= EXACT_BETWEENNESS_NODES;
  const betweenness = exact
    ? betweennessCentrality(graph, { weightAs: 'strength' }).values
    : sampledBetweennessCentrality(graph, { samples: 256, weightAs: 'strength', random: createRandom(1) })
        .values;
  const rank = pageRank(graph, { weighted: true });
  const eigenvector = eigenvectorCentrality(graph, { weighted: true });
  const cores = coreness(graph);
  const clustering = clusteringCoefficients(graph);
  const generalized = generalizedDegree(graph);
  const nodes: Record<string, NodeMetrics> = {};
  for (let v = 0; v < graph.nodeCount; v++)
    nodes[graph.ids[v]] = {
      degree: degree.degree[v],
      strength: degree.strength[v],
      betweenness: betweenness[v],
      pagerank: rank.values[v],
      eigenvector: eigenvector.values[v],
      core: cores.values[v],
      clustering: clustering.local[v],
      generalizedDegree: generalized[v],
    };
  return {
    nodes,
    graph: {
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      betweenness: exact ? 'exact' : 'sampled from 256 sources',
    },
  };
}

export function networkCommunities(
  network: LoadedNetwork,
  seed: number,
): { communities: Record<string, number>; modularity: number; count: number } {
  if (network.graph.edgeCount === 0) return { communities: {}, modularity: 0, count: 0 };
  const result = leidenCommunities(network.graph, {
    random: createRandom(seed),
    restarts: 10,
    weighted: true,
  });
  const communities: Record<string, number> = {};
  network.graph.ids.forEach((id, v) => {
    communities[id] = result.membership[v];
  });
  return { communities, modularity: result.modularity, count: result.count };
}

export function networkKeyPlayers(network: LoadedNetwork, k: number) {
  const { graph } = network;
  if (graph.nodeCount < 2)
    return {
      k,
      set: [],
      fragmentation: 0,
      remaining: {
        nodes: graph.nodeCount,
        ties: 0,
        components: graph.nodeCount,
        largestComponent: graph.nodeCount,
        largestComponentShare: 1,
        fragmentation: 0,
        isolates: graph.nodeCount,
      },
    };
  const result = keyPlayers(graph, {
    k: Math.min(k, Math.max(1, graph.nodeCount - 1)),
    candidates: graph.nodeCount > EXACT_BETWEENNESS_NODES ? 300 : undefined,
  });
  return {
    k,
    set: result.set.map((v) => graph.ids[v]),
    fragmentation: result.remaining.fragmentation,
    remaining: { ...result.remaining },
  };
}

/** Shortest paths (hops) between two nodes; none when either is not a node the caller can see. */
export function networkPaths(network: LoadedNetwork, from: string, to: string, k: number) {
  const { graph } = network;
  const start = graph.ids.indexOf(from);
  const end = graph.ids.indexOf(to);
  if (start < 0 || end < 0 || start === end) return { paths: [] };
  return {
    paths: kShortestPaths(graph, start, end, k).map((path) => ({
      nodes: path.nodes.map((v) => graph.ids[v]),
      hops: path.hops,
      length: path.length,
    })),
  };
}

/** The money patterns of the financial records (amounts in US dollars, threshold USD 10,000). */
export function networkMoneyPatterns(network: LoadedNetwork): MoneyPatterns | null {
  if (network.stored.transactions.length === 0) return null;
  return moneyPatterns(network.stored.transactions, {
    threshold: 10_000,
    window: 7,
    cycles: { maxLength: 6 },
  });
}
