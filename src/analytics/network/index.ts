/**
 * Network analytics: centrality, communities, brokerage, key players, paths, temporal metrics and
 * money-flow patterns over a typed-array graph. Pure functions; randomness only from a seeded
 * `Random` passed in.
 */

export { comparePartitions, type PartitionAgreement } from './adjusted-rand-index.ts';
export { type BetweennessOptions, type BetweennessResult, betweennessCentrality } from './betweenness.ts';
export {
  type SampledBetweennessOptions,
  type SampledBetweennessResult,
  sampledBetweennessCentrality,
} from './betweenness-sampled.ts';
export {
  BROKERAGE_ROLES,
  type BrokerageResult,
  type BrokerageRole,
  brokerageRoles,
  type RoleScores,
  type RoleValues,
  SNA_ROLE_NAMES,
} from './brokerage.ts';
export { type ClosenessOptions, type ClosenessResult, closenessCentrality } from './closeness.ts';
export { type ClusteringResult, clusteringCoefficients } from './clustering.ts';
export { type ComponentsResult, connectedComponents, stronglyConnectedComponents } from './components.ts';
export { burtConstraint, type ConstraintOptions } from './constraint.ts';
export { type CorenessResult, coreness } from './coreness.ts';
export { type DegreeResult, degreeCentrality } from './degree.ts';
export {
  type DisruptionOptions,
  type DisruptionResult,
  type DisruptionStep,
  simulateDisruption,
} from './disruption.ts';
export { type EgoNetwork, egoNetwork } from './ego-network.ts';
export { type EigenvectorOptions, type EigenvectorResult, eigenvectorCentrality } from './eigenvector.ts';
export { type GeneralizedDegreeOptions, generalizedDegree } from './generalized-degree.ts';
export {
  type BuildGraphOptions,
  buildGraph,
  buildGraphFromIndices,
  byNodeId,
  type EdgeRow,
  type Graph,
  inducedSubgraph,
  nodeIndex,
  toUndirected,
} from './graph.ts';
export { type GraphologyLike, graphFromGraphology } from './graphology.ts';
export {
  type KeyPlayerObjective,
  type KeyPlayerOptions,
  type KeyPlayerResult,
  keyPlayerScorer,
  keyPlayers,
  type RemainingNetwork,
  remainingNetwork,
} from './key-players.ts';
export { type LeidenOptions, leidenCommunities } from './leiden.ts';
export { type CommunityOptions, type CommunityResult, louvainCommunities } from './louvain.ts';
export {
  type MetricsByPeriodResult,
  metricsByPeriod,
  type PeriodMetrics,
  type PeriodNodeMetrics,
  type PeriodRow,
  type RoleChange,
} from './metrics-by-period.ts';
export { type ModularityOptions, modularity } from './modularity.ts';
export * from './money/index.ts';
export { type PageRankOptions, type PageRankResult, pageRank } from './pagerank.ts';
export { type FoundPath, kShortestPaths, type PathOptions, shortestPath } from './path.ts';
export { edgeLengths, type WeightAs } from './shortest-paths.ts';
export {
  type Arrival,
  earliestArrivals,
  type TemporalPathOptions,
  type TimedContact,
  timeRespectingPath,
} from './temporal-paths.ts';
