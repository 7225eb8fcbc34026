import type { Command } from 'commander';
import { createRandom } from '../../analytics/common/index.ts';
import {
  BROKERAGE_ROLES,
  betweennessCentrality,
  brokerageRoles,
  buildGraph,
  burtConstraint,
  closenessCentrality,
  clusteringCoefficients,
  comparePartitions,
  connectedComponents,
  coreness,
  degreeCentrality,
  type EdgeRow,
  egoNetwork,
  eigenvectorCentrality,
  type Graph,
  type KeyPlayerObjective,
  keyPlayers,
  kShortestPaths,
  leidenCommunities,
  louvainCommunities,
  metricsByPeriod,
  pageRank,
  sampledBetweennessCentrality,
  simulateDisruption,
  type TimedContact,
  timeRespectingPath,
  type WeightAs,
} from '../../analytics/network/index.ts';
import { type InputProblem, invalidInput, UserError } from '../../domain/errors.ts';
import { readTableFile, requireColumns, type Table } from '../../ingest/read-table.ts';
import {
  analyticsRows,
  buildNetworkGraph,
  type EdgeWeighting,
  type NetworkGraph,
  networkAuditEntries,
} from '../../server/services/network-graph.ts';
import { appendAudit } from '../../store/repositories/audit.ts';
import { listOrganisations } from '../../store/repositories/organisations.ts';
import { commandLineActor, withStore } from '../context.ts';
import { printJson, printTable } from '../output.ts';

interface GraphFlags {
  directed?: boolean;
  weight?: string;
  source: string;
  target: string;
  db?: boolean;
  relation?: string;
  weighting?: string;
  names?: boolean;
}

const DB_HELP = `
--db: instead of a file, the graph of the integrated model in the store (SIREN_DATA or DATABASE_URL):
resolved entities (else person records) and phones, documents, accounts and named brokers as nodes;
edges paid (financial records), recruited_by (cases, interviews), reported (hotline), advertised
(posts), shared_address and every relation of the store (called, transported, employed_by ...).
With --db, --source names store sources (comma-separated), --relation keeps only those edge kinds,
--weighting count (default: one per record or contact) or amount (paid edges by their US dollar
sum); node ids are pseudonyms, --names labels nodes with names (audited) in "labels".`;

/** The store's graph as the command line sees it: every organisation's records, in full. */
export async function storeGraph(flags: GraphFlags, sourceGiven: boolean): Promise<NetworkGraph> {
  return withStore(async (store) => {
    const organisations = await listOrganisations(store.database);
    const visibility = {
      grants: organisations.map((o) => ({
        organisationId: Number(o.id),
        sourceId: null,
        level: 'full' as const,
      })),
      site: null,
    };
    const graph = await buildNetworkGraph(store.database, store.cipher, visibility, {
      sources: sourceGiven ? splitList(flags.source) : undefined,
      relations: flags.relation ? splitList(flags.relation) : undefined,
      names: flags.names === true,
    });
    for (const entry of networkAuditEntries(graph))
      await appendAudit(store.database, { ...entry, actor: commandLineActor() });
    if (graph.edges.length === 0)
      throw new UserError('the store holds no network edges for this selection', 'not_found');
    return graph;
  });
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function weightingFlag(value: string | undefined): EdgeWeighting {
  if (value === undefined || value === 'count' || value === 'amount') return value ?? 'count';
  throw new UserError(`--weighting must be count or amount, got "${value}"`, 'invalid_input');
}

/** Whether --source was typed (with --db it names store sources, not a column). */
function sourceGiven(command: Command): boolean {
  return command.getOptionValueSource('source') === 'cli';
}

const CONVENTIONS = `
Edge file: CSV/TSV/XLSX/JSON with columns source,target[,weight][,time] (names via --source/--target).
Rows joining the same pair are merged (undirected: a,b and b,a are one tie; self-loops dropped); with
--weight COL their weights are summed, without it every tie has weight 1.

Conventions (igraph's):
  degree       distinct neighbours (directed: in + out); strength = sum of --weight
  betweenness  unnormalised, each unordered pair counted once in an undirected graph (ordered pairs
               when --directed); --normalized divides by (n-1)(n-2)/2 (directed (n-1)(n-2))
  closeness    (r-1) / sum of distances to the r-1 reachable nodes (igraph; 0 for an isolated node)
  harmonic     sum of 1/distance over the other nodes (--normalized divides by n-1)
  path metrics (betweenness, closeness, harmonic, paths) are unweighted unless --weight-as says how
               the weight becomes a length: distance = the weight is the length (igraph);
               strength = a tie strength such as a call count, length = 1/weight
  eigenvector  weighted by --weight, scaled so that the largest is 1 (directed: in-ties)
  pagerank     weighted by --weight, damping 0.85, dangling nodes jump uniformly, sums to 1 (PRPACK)
  core         k-core number (coreness, mode all)
  clustering   local transitivity, 0 when degree < 2 (igraph mode "zero"); ties read undirected`;

function graphRows(table: Table, flags: GraphFlags): EdgeRow[] {
  requireColumns(table, flags.source, flags.target, ...(flags.weight ? [flags.weight] : []));
  const problems: InputProblem[] = [];
  const rows = table.rows.map((row, index) => {
    const source = row[flags.source];
    const target = row[flags.target];
    for (const [column, value] of [
      [flags.source, source],
      [flags.target, target],
    ] as const)
      if (value === '')
        problems.push({
          file: table.file,
          row: index + 2,
          column,
          value,
          reason: 'is empty (expected a node id)',
        });
    let weight = 1;
    if (flags.weight) {
      const text = row[flags.weight];
      weight = Number(text);
      if (text === '' || !Number.isFinite(weight) || weight <= 0) {
        problems.push({
          file: table.file,
          row: index + 2,
          column: flags.weight,
          value: text,
          reason: 'is not a positive number (weights are tie strengths or lengths)',
        });
        weight = 1;
      }
    }
    return { source, target, weight };
  });
  if (problems.length > 0) throw invalidInput(`${table.file} has bad edges`, problems);
  if (rows.length === 0)
    throw invalidInput(`${table.file} has no edges`, [{ file: table.file, reason: 'no rows' }]);
  return rows;
}

interface LoadedGraph {
  graph: Graph;
  /** Node labels (--db --names) */
  labels?: Record<string, string>;
  stored?: NetworkGraph;
}

async function loadGraph(
  file: string | undefined,
  flags: GraphFlags,
  command: Command,
): Promise<LoadedGraph> {
  if (flags.db) {
    const weighting = weightingFlag(flags.weighting);
    const stored = await storeGraph(flags, sourceGiven(command));
    const graph = buildGraph(analyticsRows(stored, weighting), {
      directed: flags.directed ?? false,
    });
    const labels = flags.names
      ? Object.fromEntries(stored.nodes.filter((n) => n.label !== n.id).map((n) => [n.id, n.label]))
      : undefined;
    return { graph, labels, stored };
  }
  if (file === undefined) throw new UserError('give an edge file or --db', 'invalid_input');
  const table = await readTableFile(file);
  return { graph: buildGraph(graphRows(table, flags), { directed: flags.directed ?? false }) };
}

/** Options of a graph subcommand: the graph flags and the subcommand's own. */
type GraphOptions = GraphFlags & Record<string, string | boolean | undefined>;

/**
 * The commander action of a subcommand over a graph: loads the graph (edge file or --db) from
 * commander's arguments, then runs the subcommand with it, its options and the edge file.
 */
function graphAction(
  run: (loaded: LoadedGraph, options: GraphOptions, file: string | undefined) => Promise<void>,
): (file: string | undefined, options: GraphOptions, command: Command) => Promise<void> {
  return async (file, options, command) => run(await loadGraph(file, options, command), options, file);
}

function weightAsFlag(value: string | undefined): WeightAs {
  if (value === undefined) return 'none';
  if (value !== 'distance' && value !== 'strength')
    throw new UserError(`--weight-as must be distance or strength, got "${value}"`, 'invalid_input');
  return value;
}

function wholeNumber(value: string | undefined, flag: string, fallback: number, minimum = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum)
    throw new UserError(`${flag} must be a whole number >= ${minimum}, got "${value}"`, 'invalid_input');
  return parsed;
}

function nodeOf(graph: Graph, id: string, flag: string): number {
  const index = graph.ids.indexOf(id);
  if (index < 0) throw new UserError(`${flag} "${id}" is not a node of the edge file`, 'not_found');
  return index;
}

function withGraphFlags(command: Command): Command {
  return command
    .option('--directed', 'read rows as arcs source -> target')
    .option('--weight <column>', 'weight column (summed over rows joining the same pair)')
    .option('--source <column>', 'source column', 'source')
    .option('--target <column>', 'target column', 'target')
    .option('--db', 'use the graph of the store instead of a file (see below)')
    .option('--relation <kinds>', 'with --db: only these edge kinds (comma-separated)')
    .option('--weighting <how>', 'with --db: count or amount', 'count')
    .option('--names', 'with --db: label nodes with names where records are readable (audited)')
    .option('--json', 'print JSON')
    .addHelpText('after', DB_HELP);
}

async function readGroups(
  file: string,
  idColumn: string,
  groupColumn: string,
): Promise<Record<string, string>> {
  const table = await readTableFile(file);
  requireColumns(table, idColumn, groupColumn);
  const groups: Record<string, string> = {};
  table.rows.forEach((row) => {
    groups[row[idColumn]] = row[groupColumn];
  });
  return groups;
}

/** Groups of the store's nodes for brokerage: their kind, or the first source they appear in. */
function storeGroups(stored: NetworkGraph | undefined, group: string): Record<string, string> {
  if (stored === undefined) throw new UserError('--groups is required with an edge file', 'invalid_input');
  if (group !== 'kind' && group !== 'source')
    throw new UserError(
      `with --db and no --groups, --group must be kind or source, got "${group}"`,
      'invalid_input',
    );
  return Object.fromEntries(
    stored.nodes.map((node) => [node.id, group === 'kind' ? node.kind : (node.sources[0] ?? 'none')]),
  );
}

function registerMetrics(network: Command): void {
  withGraphFlags(network.command('metrics [edges]'))
    .description(
      'centrality per node: degree, strength, betweenness, closeness, harmonic, eigenvector, PageRank, core, clustering',
    )
    .option('--normalized', 'normalise betweenness and harmonic centrality')
    .option('--weight-as <how>', 'edge length for path metrics: distance (weight) or strength (1/weight)')
    .option('--betweenness-samples <k>', 'estimate betweenness from k sampled sources (large graphs)')
    .option('--seed <n>', 'seed for sampled betweenness', '1')
    .option('--top <n>', 'rows in the table (by betweenness)', '20')
    .addHelpText('after', CONVENTIONS)
    .action(
      graphAction(async ({ graph, labels }, options) => {
        const weightAs = weightAsFlag(options.weightAs as string | undefined);
        const weighted = Boolean(options.weight);
        const normalized = Boolean(options.normalized);
        const degree = degreeCentrality(graph);
        const samples = options.betweennessSamples as string | undefined;
        const betweenness =
          samples === undefined
            ? betweennessCentrality(graph, { weightAs, normalized }).values
            : sampledBetweennessCentrality(graph, {
                samples: wholeNumber(samples, '--betweenness-samples', 256),
                weightAs,
                normalized,
                random: createRandom(wholeNumber(options.seed as string, '--seed', 1, 0)),
              }).values;
        const closeness = closenessCentrality(graph, { weightAs, normalized });
        const eigenvector = eigenvectorCentrality(graph, { weighted });
        const rank = pageRank(graph, { weighted });
        const cores = coreness(graph);
        const clustering = clusteringCoefficients(graph);
        const components = connectedComponents(graph);
        const nodes: Record<string, Record<string, number>> = {};
        for (let v = 0; v < graph.nodeCount; v++)
          nodes[graph.ids[v]] = {
            degree: degree.degree[v],
            strength: weighted ? degree.strength[v] : degree.degree[v],
            ...(graph.directed ? { inDegree: degree.inDegree[v], outDegree: degree.outDegree[v] } : {}),
            betweenness: betweenness[v],
            closeness: closeness.closeness[v],
            harmonic: closeness.harmonic[v],
            eigenvector: eigenvector.values[v],
            pagerank: rank.values[v],
            core: cores.values[v],
            clustering: clustering.local[v],
          };
        const n = graph.nodeCount;
        const result = {
          nodes,
          graph: {
            nodes: n,
            edges: graph.edgeCount,
            directed: graph.directed,
            weighted,
            totalWeight: weighted ? graph.totalWeight : graph.edgeCount,
            density: n > 1 ? (graph.edgeCount * (graph.directed ? 1 : 2)) / (n * (n - 1)) : 0,
            components: components.count,
            largestComponent: components.sizes[components.largest] ?? 0,
            transitivity: clustering.transitivity,
            averageClustering: clustering.averageClustering,
            maxCore: cores.maxCore,
            eigenvalue: eigenvector.eigenvalue,
            pagerankIterations: rank.iterations,
            betweenness: samples === undefined ? 'exact' : `sampled from ${samples} sources`,
            weightAs,
            normalized,
          },
          ...(labels ? { labels } : {}),
        };
        if (options.json) return printJson(result);
        const top = wholeNumber(options.top as string, '--top', 20);
        const rows = Object.entries(nodes)
          .sort((a, b) => b[1].betweenness - a[1].betweenness)
          .slice(0, top)
          .map(([id, m]) => ({ node: id, ...m }));
        process.stdout.write(
          `${n} nodes, ${graph.edgeCount} ${graph.directed ? 'arcs' : 'ties'}, ${components.count} components, transitivity ${clustering.transitivity.toFixed(4)}\n`,
        );
        printTable(rows);
      }),
    );
}

function registerCommunities(network: Command): void {
  withGraphFlags(network.command('communities [edges]'))
    .description('communities by Leiden (default) or Louvain, best modularity over restarts, with levels')
    .option('--method <name>', 'leiden or louvain', 'leiden')
    .option('--seed <n>', 'random seed', '1')
    .option('--restarts <n>', 'independent runs; the best modularity wins', '10')
    .option('--resolution <gamma>', 'modularity resolution', '1')
    .option('--truth <file>', 'true partition (node file) to score with the adjusted Rand index')
    .option('--truth-column <column>', 'group column of the truth file', 'group')
    .option('--id-column <column>', 'node id column of the truth file', 'id')
    .addHelpText(
      'after',
      `
Modularity (Newman-Girvan, weighted by --weight, resolution gamma) of the best of --restarts runs
seeded from --seed; same seed, same partition. Leiden (Traag et al. 2019) refines Louvain so that
communities stay connected. JSON: {"communities": {"<id>": <community>}, "modularity", "count",
"levels": [{"modularity", "communities"}], "runs": [modularity per run], "agreement" (with --truth)}.`,
    )
    .action(
      graphAction(async ({ graph, labels }, options) => {
        const method = options.method as string;
        if (method !== 'leiden' && method !== 'louvain')
          throw new UserError(`--method must be leiden or louvain, got "${method}"`, 'invalid_input');
        const resolution = Number(options.resolution);
        if (!(resolution > 0)) throw new UserError(`--resolution must be a positive number`, 'invalid_input');
        const settings = {
          random: createRandom(wholeNumber(options.seed as string, '--seed', 1, 0)),
          restarts: wholeNumber(options.restarts as string, '--restarts', 10),
          weighted: Boolean(options.weight),
          resolution,
        };
        const result =
          method === 'leiden' ? leidenCommunities(graph, settings) : louvainCommunities(graph, settings);
        const communities: Record<string, number> = {};
        for (let v = 0; v < graph.nodeCount; v++) communities[graph.ids[v]] = result.membership[v];
        let agreement: ReturnType<typeof comparePartitions> | undefined;
        if (options.truth)
          agreement = comparePartitions(
            communities,
            await readGroups(
              options.truth as string,
              options.idColumn as string,
              options.truthColumn as string,
            ),
          );
        const output = {
          communities,
          modularity: result.modularity,
          method,
          count: result.count,
          levels: result.levels.map((level, i) => ({
            modularity: result.levelModularity[i],
            communities: new Set(level).size,
          })),
          runs: result.runModularity,
          ...(agreement ? { agreement } : {}),
          ...(labels ? { labels } : {}),
        };
        if (options.json) return printJson(output);
        process.stdout.write(
          `${method}: ${result.count} communities, modularity ${result.modularity.toFixed(6)} (best of ${settings.restarts})\n`,
        );
        if (agreement)
          process.stdout.write(
            `against ${options.truth}: adjusted Rand index ${agreement.adjustedRandIndex.toFixed(4)}, NMI ${agreement.normalizedMutualInformation.toFixed(4)}\n`,
          );
        const sizes = new Map<number, string[]>();
        for (const [id, c] of Object.entries(communities)) sizes.set(c, [...(sizes.get(c) ?? []), id]);
        printTable(
          [...sizes.entries()].map(([c, members]) => ({
            community: c,
            size: members.length,
            members: members.slice(0, 8).join(' ') + (members.length > 8 ? ' …' : ''),
          })),
        );
      }),
    );
}

function registerBrokerage(network: Command): void {
  withGraphFlags(network.command('brokerage [edges]'))
    .description("Gould-Fernandez brokerage roles by group, with Burt's constraint")
    .option('--groups <file>', 'node file with an id column and a group column')
    .requiredOption(
      '--group <column>',
      'group column (country, organisation, family); with --db and no --groups: kind or source of the node',
    )
    .option('--id-column <column>', 'node id column of the groups file', 'id')
    .addHelpText(
      'after',
      `
Roles of broker b on a two-path a -> b -> c without the arc a -> c (R sna brokerage): coordinator
(all one group), itinerant (a and c share a group, b differs), representative (a, b share; c differs),
gatekeeper (b, c share; a differs), liaison (three groups). Ties are binary; an undirected graph counts
both arcs. expected and z are sna's, under a random graph of the same density. constraint is Burt's
(igraph/networkx), weighted by --weight. JSON: {"nodes": {"<id>": {"group", "raw", "expected", "z",
"constraint"}}, "global": {"raw", "expected", "z"}, "density", "groupSizes"}.`,
    )
    .action(
      graphAction(async ({ graph, labels, stored }, options) => {
        const groups =
          options.groups === undefined
            ? storeGroups(stored, options.group as string)
            : await readGroups(options.groups as string, options.idColumn as string, options.group as string);
        const missing = graph.ids.filter((id) => groups[id] === undefined || groups[id] === '');
        if (missing.length > 0)
          throw invalidInput(
            `${options.groups} lacks a group for ${missing.length} node${missing.length > 1 ? 's' : ''} of the edge file`,
            missing.map((id) => ({
              file: String(options.groups),
              column: String(options.group),
              value: id,
              reason: 'node has no group',
            })),
          );
        const result = brokerageRoles(graph, groups);
        const constraint = burtConstraint(graph, { weighted: Boolean(options.weight) });
        const nodes: Record<string, unknown> = {};
        for (let v = 0; v < graph.nodeCount; v++)
          nodes[graph.ids[v]] = {
            group: groups[graph.ids[v]],
            raw: result.raw[v],
            expected: result.expected[v],
            z: result.z[v],
            constraint: constraint[v],
          };
        if (options.json)
          return printJson({
            nodes,
            global: result.global,
            density: result.density,
            groupSizes: result.groupSizes,
            ...(labels ? { labels } : {}),
          });
        const rows = graph.ids
          .map((id, v) => ({ node: id, group: groups[id], ...result.raw[v], constraint: constraint[v] }))
          .sort((a, b) => b.total - a.total)
          .slice(0, 25);
        printTable(rows, ['node', 'group', ...BROKERAGE_ROLES, 'constraint']);
      }),
    );
}

function registerKeyPlayers(network: Command): void {
  withGraphFlags(network.command('keyplayers [edges]'))
    .description(
      'key players: the k nodes whose removal fragments the network most (Borgatti), and what remains',
    )
    .requiredOption('--k <n>', 'size of the set')
    .option(
      '--objective <name>',
      'fragmentation | distance-fragmentation | reach | distance-reach',
      'fragmentation',
    )
    .option('--candidates <n>', 'consider only the n highest-degree nodes (default: all up to 2000 nodes)')
    .addHelpText(
      'after',
      `
Greedy selection then Borgatti's swap optimisation on the undirected, unweighted graph.
fragmentation F = 1 - sum_c s_c(s_c - 1) / (n(n - 1)) over the components left; distance-fragmentation
uses 1/distance; reach = share of the rest within 2 steps of the set; distance-reach = mean 1/distance.
JSON: {"k", "set": [ids], "objective", "value", "fragmentation", "remaining": {nodes, ties, components,
largestComponent, largestComponentShare, fragmentation, isolates}, "disruption": [steps]}.`,
    )
    .action(
      graphAction(async ({ graph, labels }, options) => {
        const k = wholeNumber(options.k as string, '--k', 1);
        if (k >= graph.nodeCount)
          throw new UserError(`--k must be below the number of nodes (${graph.nodeCount})`, 'invalid_input');
        const objective = options.objective as KeyPlayerObjective;
        const candidates =
          options.candidates !== undefined
            ? wholeNumber(options.candidates as string, '--candidates', 1)
            : graph.nodeCount > 2000
              ? 300
              : undefined;
        const result = keyPlayers(graph, { k, objective, candidates });
        const disruption = simulateDisruption(graph, { strategy: result.set, stopAtNodes: 0 });
        const output = {
          k,
          set: result.set.map((v) => graph.ids[v]),
          objective,
          value: result.value,
          fragmentation: result.remaining.fragmentation,
          remaining: result.remaining,
          disruption: disruption.steps.map((step) => ({
            removed: graph.ids[step.removed],
            largestComponentShareBefore: step.largestComponentShareBefore,
            componentsBefore: step.componentsBefore,
          })),
          ...(labels ? { labels } : {}),
        };
        if (options.json) return printJson(output);
        process.stdout.write(
          `key players (${objective} ${result.value.toFixed(4)}): ${output.set.join(', ')}\n`,
        );
        printTable([{ ...result.remaining }]);
      }),
    );
}

function registerPath(network: Command): void {
  withGraphFlags(network.command('path [edges]'))
    .description('shortest and k shortest paths between two nodes, or the earliest time-respecting journey')
    .requiredOption('--from <id>', 'start node')
    .requiredOption('--to <id>', 'end node')
    .option('--k <n>', 'number of shortest loopless paths (Yen)', '1')
    .option('--weight-as <how>', 'edge length: distance (weight) or strength (1/weight); hops by default')
    .option('--time <column>', 'time column: find the earliest journey whose contacts follow time order')
    .option('--hops <n>', 'also print the ego network of --from within n hops')
    .addHelpText(
      'after',
      `
Without --time: Yen's k shortest loopless paths, lengths per --weight-as. With --time (numbers or
ISO dates): the earliest-arriving journey whose successive contacts happen in time order (directed
with --directed). JSON: {"paths": [{"nodes": [ids], "length", "hops"}]} or {"journey": [contacts],
"arrival"}, plus "ego" with --hops.`,
    )
    .action(
      graphAction(async ({ graph, labels, stored }, options, file) => {
        const from = options.from as string;
        const to = options.to as string;
        let output: Record<string, unknown>;
        const timeColumn = options.time as string | undefined;
        const start = nodeOf(graph, from, '--from');
        const end = nodeOf(graph, to, '--to');
        if (timeColumn) {
          const contacts = stored
            ? storeContacts(stored)
            : await fileContacts(file as string, options, timeColumn);
          const journey = timeRespectingPath(contacts, from, to, { directed: options.directed ?? false });
          output = {
            journey: journey?.journey ?? null,
            arrival: journey?.time ?? null,
            hops: journey?.hops ?? null,
          };
        } else {
          const paths = kShortestPaths(graph, start, end, wholeNumber(options.k as string, '--k', 1), {
            weightAs: weightAsFlag(options.weightAs as string | undefined),
          });
          output = {
            paths: paths.map((p) => ({
              nodes: p.nodes.map((v) => graph.ids[v]),
              length: p.length,
              hops: p.hops,
            })),
          };
        }
        if (options.hops !== undefined) {
          const ego = egoNetwork(graph, start, wholeNumber(options.hops as string, '--hops', 1, 0));
          output.ego = {
            nodes: Object.fromEntries(ego.nodes.map((v, i) => [graph.ids[v], ego.distances[i]])),
            ties: ego.ties.map(([a, b, w]) => [graph.ids[a], graph.ids[b], w]),
          };
        }
        if (labels) output.labels = labels;
        if (options.json) return printJson(output);
        if (output.paths) {
          const paths = output.paths as { nodes: string[]; length: number; hops: number }[];
          if (paths.length === 0) process.stdout.write(`no path from ${from} to ${to}\n`);
          printTable(
            paths.map((p, i) => ({ rank: i + 1, length: p.length, hops: p.hops, path: p.nodes.join(' > ') })),
          );
        } else if (output.journey === null)
          process.stdout.write(`no time-respecting journey from ${from} to ${to}\n`);
        else printTable(output.journey as unknown as Record<string, unknown>[]);
      }),
    );
}

async function fileContacts(file: string, flags: GraphFlags, timeColumn: string): Promise<TimedContact[]> {
  const table = await readTableFile(file);
  requireColumns(table, timeColumn);
  return table.rows.map((row, index) => ({
    source: row[flags.source],
    target: row[flags.target],
    time: parseTime(table, index, timeColumn),
  }));
}

/** The store's dated edges as contacts, at the first date of each (days since 1970-01-01). */
function storeContacts(stored: NetworkGraph): TimedContact[] {
  return stored.edges
    .filter((edge) => edge.first !== null)
    .map((edge) => ({
      source: edge.source,
      target: edge.target,
      time: Date.parse(edge.first as string) / 86_400_000,
    }));
}

/** A time cell: a number, or an ISO date/time (converted to days since 1970-01-01). */
export function parseTime(table: Table, index: number, column: string): number {
  const text = table.rows[index][column];
  const number = Number(text);
  if (text !== '' && Number.isFinite(number)) return number;
  const parsed = Date.parse(text);
  if (text === '' || Number.isNaN(parsed))
    throw invalidInput(`${table.file} has a bad time`, [
      { file: table.file, row: index + 2, column, value: text, reason: 'is not a number or an ISO date' },
    ]);
  return parsed / 86_400_000;
}

function registerPeriods(network: Command): void {
  withGraphFlags(network.command('periods [edges]'))
    .description('metrics per period (phase, month) and the largest role changes between periods')
    .requiredOption('--period <column>', "period column (with --db: month or year of each edge's first date)")
    .option('--weight-as <how>', 'edge length for betweenness: distance or strength')
    .action(async (file: string | undefined, options: GraphOptions, command: Command) => {
      const period = options.period as string;
      const rows = options.db
        ? await storePeriodRows(options, command, period)
        : await filePeriodRows(file, options, period);
      const result = metricsByPeriod(rows, {
        directed: options.directed ?? false,
        weightAs: weightAsFlag(options.weightAs as string | undefined),
      });
      if (options.json) return printJson(result);
      printTable(
        result.periods.map((p) => {
          const top = Object.entries(p.metrics).sort(
            (a, b) => a[1].betweennessRank - b[1].betweennessRank,
          )[0];
          return {
            period: p.period,
            nodes: p.nodes,
            ties: p.ties,
            density: p.density,
            top: top?.[0],
            betweenness: top?.[1].betweenness,
          };
        }),
      );
    });
}

async function filePeriodRows(file: string | undefined, flags: GraphFlags, period: string) {
  if (file === undefined) throw new UserError('give an edge file or --db', 'invalid_input');
  const table = await readTableFile(file);
  requireColumns(table, period);
  return graphRows(table, flags).map((row, i) => ({ ...row, period: table.rows[i][period] }));
}

async function storePeriodRows(flags: GraphFlags, command: Command, period: string) {
  if (period !== 'month' && period !== 'year')
    throw new UserError(`with --db, --period must be month or year, got "${period}"`, 'invalid_input');
  const stored = await storeGraph(flags, sourceGiven(command));
  const rows = analyticsRows(stored, weightingFlag(flags.weighting));
  return rows.flatMap((row, i) => {
    const first = stored.edges[i].first;
    return first === null ? [] : [{ ...row, period: first.slice(0, period === 'month' ? 7 : 4) }];
  });
}

function registerBench(network: Command): void {
  withGraphFlags(network.command('bench [edges]'))
    .description('time graph operations on an edge file (after loading)')
    .option(
      '--ops <list>',
      'comma-separated: pagerank,louvain,leiden,coreness,components,clustering,eigenvector,betweenness-sampled',
      'pagerank,louvain,coreness,components',
    )
    .option('--seed <n>', 'seed for louvain/leiden/sampling', '1')
    .addHelpText(
      'after',
      '\nJSON: {"ops": {"<op>": {"seconds", "checksum"}}, "nodes", "edges"}; louvain/leiden: one run.',
    )
    .action(
      graphAction(async ({ graph }, options) => {
        const seed = wholeNumber(options.seed as string, '--seed', 1, 0);
        const weighted = Boolean(options.weight);
        const available: Record<string, () => number> = {
          pagerank: () =>
            pageRank(graph, { weighted, tolerance: 1e-10 }).values.reduce((s, x, i) => s + x * (i % 7), 0),
          louvain: () =>
            louvainCommunities(graph, { random: createRandom(seed), restarts: 1, weighted }).modularity,
          leiden: () =>
            leidenCommunities(graph, { random: createRandom(seed), restarts: 1, weighted }).modularity,
          coreness: () => coreness(graph).values.reduce((s, x) => s + x, 0),
          components: () => connectedComponents(graph).count,
          clustering: () => clusteringCoefficients(graph).transitivity,
          eigenvector: () => eigenvectorCentrality(graph, { weighted }).values.reduce((s, x) => s + x, 0),
          'betweenness-sampled': () =>
            sampledBetweennessCentrality(graph, { samples: 64, random: createRandom(seed) }).values.reduce(
              (s, x) => s + x,
              0,
            ),
        };
        const names = String(options.ops)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = names.filter((name) => !(name in available));
        if (unknown.length > 0)
          throw new UserError(
            `--ops: unknown ${unknown.join(', ')} (known: ${Object.keys(available).join(', ')})`,
            'invalid_input',
          );
        const ops: Record<string, { seconds: number; checksum: number }> = {};
        for (const name of names) {
          const start = performance.now();
          const checksum = available[name]();
          ops[name] = { seconds: (performance.now() - start) / 1000, checksum };
        }
        if (options.json) return printJson({ ops, nodes: graph.nodeCount, edges: graph.edgeCount });
        printTable(Object.entries(ops).map(([op, r]) => ({ op, seconds: r.seconds, checksum: r.checksum })));
      }),
    );
}

function registerGraph(network: Command): void {
  network
    .command('graph')
    .description('print the graph of the integrated model in the store (nodes and typed, dated edges)')
    .requiredOption('--db', 'read the store (the only input of this command)')
    .option('--source <names>', 'only records of these sources (comma-separated)')
    .option('--relation <kinds>', 'only these edge kinds (comma-separated)')
    .option('--names', 'label nodes with names where records are readable (audited)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `${DB_HELP}
JSON: {"nodes": [{"id", "kind", "label", "records", "sources"}], "edges": [{"source", "target", "kind",
"weight", "count", "amountUsd", "first", "last"}], "labelsAre", "records", "relations"}.`,
    )
    .action(async (options: GraphFlags & { json?: boolean }, command: Command) => {
      const stored = await storeGraph(options, sourceGiven(command));
      const { nodes, edges, labelsAre, records, relations } = stored;
      if (options.json) return printJson({ nodes, edges, labelsAre, records, relations });
      process.stdout.write(
        `${records} records: ${nodes.length} nodes, ${edges.length} edges (${labelsAre})\n`,
      );
      const kinds = new Map<string, number>();
      for (const edge of edges) kinds.set(edge.kind, (kinds.get(edge.kind) ?? 0) + 1);
      printTable([...kinds].map(([kind, count]) => ({ kind, edges: count })));
    });
}

/** `siren network ...`: link analysis over an edge file. */
export function registerNetworkCommands(program: Command): void {
  const network = program
    .command('network')
    .description(
      'link analysis over an edge file or the store (--db): graph, metrics, communities, brokerage, key players, paths, periods, bench',
    )
    .addHelpText('after', CONVENTIONS);
  registerGraph(network);
  registerMetrics(network);
  registerCommunities(network);
  registerBrokerage(network);
  registerKeyPlayers(network);
  registerPath(network);
  registerPeriods(network);
  registerBench(network);
}
