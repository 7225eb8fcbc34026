/**
 * Broker networks from sentinel interviews: the brokers respondents name (a name, a phone, a
 * village; personal data) are linked across interviews into broker entities, and the entities form
 * a network with the respondents: respondent–broker ties (a payment when the respondent paid a fee)
 * and broker–broker ties when one interview names two brokers (co-mention, e.g. a village recruiter
 * handing over to a cross-border transporter). Brokers named by several respondents surface first,
 * with what they charged, their degree and betweenness in the network.
 *
 * Linkage: deterministic rules over the linkage analytics' normalisers (a rule-based classifier as in
 * Christen, P. (2012), *Data Matching*, Springer, §6.2, doi:10.1007/978-3-642-31164-2, chosen over
 * Fellegi–Sunter EM because a round names tens to hundreds of brokers, too few to train on). Two
 * mentions are the same broker when their phones normalise to the same number; or when their names
 * agree (same order-insensitive form, same phonetic key, or Jaro–Winkler ≥ 0.94 on the normalised
 * name) and their villages do not disagree and their phones do not disagree (both present and
 * different). Links are closed transitively (connected components), so one shared phone joins a
 * nickname to a full name.
 * Network measures: degree and Brandes betweenness (network analytics).
 * Complexity: O(mentions × candidates per block) to link; O(V·E) for betweenness.
 */
import { requireInput } from '../common/errors.ts';
import { clusterConnectedComponents } from '../linkage/cluster-components.ts';
import { jaroWinklerSimilarity } from '../linkage/jaro-winkler.ts';
import { prepareName } from '../linkage/normalise-name.ts';
import { normalisePhone } from '../linkage/normalise-phone.ts';
import { foldText } from '../linkage/normalise-text.ts';
import { betweennessCentrality } from '../network/betweenness.ts';
import { degreeCentrality } from '../network/degree.ts';
import { buildGraph, type EdgeRow } from '../network/graph.ts';

export interface BrokerMention {
  /** The interview (respondent) that named the broker. */
  interviewId: string;
  name?: string | null;
  phone?: string | null;
  village?: string | null;
  /** Fee the respondent paid this broker, when known. */
  fee?: number | null;
}

export interface BrokerFeeSummary {
  payers: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface BrokerEntity {
  /** Stable within one result: B1, B2, … in order of respondents named by, then first mention. */
  brokerId: string;
  respondents: number;
  mentions: number;
  /** Personal: the distinct names, phones and villages given for this broker. */
  names: string[];
  phones: string[];
  villages: string[];
  fees: BrokerFeeSummary;
  degree: number;
  betweenness: number;
}

export interface BrokerNetworkEdge {
  source: string;
  target: string;
  kind: 'named' | 'paid' | 'co_mentioned';
  weight: number;
}

export interface BrokerNetwork {
  brokers: BrokerEntity[];
  /** Respondent ids are `R:<interviewId>`, brokers their brokerId. */
  edges: BrokerNetworkEdge[];
  /** Brokers named by at least `minimumRespondents` respondents. */
  namedBySeveral: BrokerEntity[];
  /** Which broker each mention was linked to, in input order (null: nothing to identify it by). */
  mentionBroker: (string | null)[];
}

export interface BrokerNetworkOptions {
  /** Respondents needed to surface a broker, default 2. */
  minimumRespondents?: number;
  /** Jaro–Winkler threshold on names, default 0.94. */
  nameSimilarity?: number;
}

const WHERE = 'surveillance/broker-network';

interface PreparedMention {
  phone: string | null;
  name: string | null;
  sortedName: string | null;
  phonetic: string | null;
  village: string | null;
}

function prepare(mention: BrokerMention): PreparedMention {
  const phone = mention.phone ? normalisePhone(mention.phone) : null;
  const name = mention.name ? prepareName(mention.name) : null;
  const village = mention.village ? foldText(mention.village) : '';
  return {
    phone: phone ? phone.value : null,
    name: name ? name.text : null,
    sortedName: name ? name.sorted : null,
    phonetic: name ? name.phonetic : null,
    village: village === '' ? null : village,
  };
}

function summariseFees(fees: readonly number[]): BrokerFeeSummary {
  if (fees.length === 0) return { payers: 0, mean: null, median: null, min: null, max: null };
  const sorted = [...fees].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return {
    payers: sorted.length,
    mean: sorted.reduce((sum, fee) => sum + fee, 0) / sorted.length,
    median: sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2,
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/** Links broker mentions into entities and builds the respondent–broker network. */
export function buildBrokerNetwork(
  mentions: readonly BrokerMention[],
  options: BrokerNetworkOptions = {},
): BrokerNetwork {
  const minimumRespondents = options.minimumRespondents ?? 2;
  const nameSimilarity = options.nameSimilarity ?? 0.94;
  requireInput(minimumRespondents >= 1, WHERE, `minimumRespondents must be >= 1, got ${minimumRespondents}`);
  mentions.forEach((mention, i) => {
    requireInput(mention.interviewId !== '', WHERE, `mention ${i + 1} has no interview id`);
    requireInput(
      mention.fee === null || mention.fee === undefined || (Number.isFinite(mention.fee) && mention.fee >= 0),
      WHERE,
      `mention ${i + 1} has a fee that is not a number >= 0 (${mention.fee})`,
    );
  });
  const prepared = mentions.map(prepare);
  const identifiable = prepared.map((item) => item.phone !== null || item.name !== null);

  // Blocking: mentions sharing a phone or a phonetic name token are compared.
  const blocks = new Map<string, number[]>();
  prepared.forEach((item, i) => {
    if (!identifiable[i]) return;
    const keys = [
      ...(item.phone ? [`p:${item.phone}`] : []),
      ...(item.phonetic ? item.phonetic.split(' ').map((token) => `n:${token}`) : []),
    ];
    for (const key of keys) blocks.set(key, [...(blocks.get(key) ?? []), i]);
  });
  const left: number[] = [];
  const right: number[] = [];
  const seen = new Set<number>();
  const same = (a: PreparedMention, b: PreparedMention): boolean => {
    if (a.phone !== null && a.phone === b.phone) return true;
    if (a.phone !== null && b.phone !== null) return false;
    if (a.village !== null && b.village !== null && a.village !== b.village) return false;
    if (a.name === null || b.name === null) return false;
    return (
      a.sortedName === b.sortedName ||
      a.phonetic === b.phonetic ||
      jaroWinklerSimilarity(a.name, b.name) >= nameSimilarity
    );
  };
  for (const members of blocks.values())
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x], members[y]];
        const pair = i * mentions.length + j;
        if (seen.has(pair)) continue;
        seen.add(pair);
        if (same(prepared[i], prepared[j])) {
          left.push(i);
          right.push(j);
        }
      }
  const clustering = clusterConnectedComponents(mentions.length, {
    left,
    right,
    probability: left.map(() => 1),
    count: left.length,
  });

  // Entities: clusters of identifiable mentions, ordered by respondents, then first mention.
  const clusters = new Map<number, number[]>();
  mentions.forEach((_, i) => {
    if (!identifiable[i]) return;
    const root = clustering.cluster[i];
    clusters.set(root, [...(clusters.get(root) ?? []), i]);
  });
  const respondentsOf = (members: number[]) => new Set(members.map((i) => mentions[i].interviewId)).size;
  const ordered = [...clusters.values()].sort((a, b) => respondentsOf(b) - respondentsOf(a) || a[0] - b[0]);
  const mentionBroker: (string | null)[] = mentions.map(() => null);
  ordered.forEach((members, k) => {
    for (const i of members) mentionBroker[i] = `B${k + 1}`;
  });

  // Network: respondent–broker (paid when a fee was paid) and broker–broker co-mentions.
  const edgeMap = new Map<string, BrokerNetworkEdge>();
  const addEdge = (source: string, target: string, kind: BrokerNetworkEdge['kind']) => {
    const key = `${source}\u0000${target}`;
    const edge = edgeMap.get(key);
    if (edge) {
      edge.weight++;
      if (kind === 'paid') edge.kind = 'paid';
    } else edgeMap.set(key, { source, target, kind, weight: 1 });
  };
  const brokersOfInterview = new Map<string, Set<string>>();
  mentions.forEach((mention, i) => {
    const broker = mentionBroker[i];
    if (broker === null) return;
    addEdge(`R:${mention.interviewId}`, broker, mention.fee && mention.fee > 0 ? 'paid' : 'named');
    brokersOfInterview.set(
      mention.interviewId,
      (brokersOfInterview.get(mention.interviewId) ?? new Set()).add(broker),
    );
  });
  for (const brokers of brokersOfInterview.values()) {
    const list = [...brokers].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) addEdge(list[x], list[y], 'co_mentioned');
  }
  const edges = [...edgeMap.values()];
  const brokerIds = ordered.map((_, k) => `B${k + 1}`);
  const graph = buildGraph(
    edges.map((edge): EdgeRow => ({ source: edge.source, target: edge.target, weight: edge.weight })),
    { nodes: brokerIds },
  );
  const degree = degreeCentrality(graph).degree;
  const betweenness = betweennessCentrality(graph).values;
  const distinct = (values: (string | null | undefined)[]) => [
    ...new Set(values.filter((value): value is string => !!value && value.trim() !== '')),
  ];
  const brokers = ordered.map(
    (members, k): BrokerEntity => ({
      brokerId: brokerIds[k],
      respondents: respondentsOf(members),
      mentions: members.length,
      names: distinct(members.map((i) => mentions[i].name)),
      phones: distinct(members.map((i) => mentions[i].phone)),
      villages: distinct(members.map((i) => mentions[i].village)),
      fees: summariseFees(
        members.flatMap((i) =>
          mentions[i].fee !== null && mentions[i].fee !== undefined && mentions[i].fee > 0
            ? [mentions[i].fee]
            : [],
        ),
      ),
      degree: degree[k],
      betweenness: betweenness[k],
    }),
  );
  return {
    brokers,
    edges,
    namedBySeveral: brokers.filter((broker) => broker.respondents >= minimumRespondents),
    mentionBroker,
  };
}
