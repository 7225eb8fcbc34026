import type { EdgeRow, Transaction } from '../../analytics/network/index.ts';
import { blindIndexForm } from '../../ingest/import-files.ts';
import type { FieldCipher } from '../../store/crypto.ts';
import type { Queryable } from '../../store/database.ts';
import {
  type GraphRecord,
  type GraphRelation,
  listGraphRecords,
  listGraphRelations,
} from '../../store/repositories/graph.ts';
import { levelOfRecord, type RecordVisibility, recordScope } from '../access.ts';

/**
 * The network graph of the integrated model, as a caller may see it: built from the records
 * visible to them at the `pseudonymised` level or above and from the typed relations between
 * records or resolved entities.
 *
 * Nodes. A record that linkage has resolved (`entity_members`) is its entity (`ent_<id>`); any other
 * person record (case, hotline call, interview, post) is a node of its own, named by the record's
 * pseudonym. Identifiers are nodes too: a phone (`tel_`), a document (`doc_`), an account (`acc_`),
 * a broker's name given without a phone (`nam_`). A person record with its own phone or document
 * number is the same node as that identifier (exact-identifier resolution, as the blind-index
 * lookups do), so a broker named by phone in an interview and the same phone in a police case are
 * one node; a resolved record keeps its entity and is tied to its identifiers by `uses_phone` /
 * `uses_document` edges instead.
 *
 * Edges (typed, weighted, dated; rows joining the same pair with the same kind are merged, counted,
 * summed, with the first and last date):
 * - `paid`: a financial record, from_account → to_account, weight 1 per transfer and the amount
 *   converted to US dollars at {@link USD_RATES};
 * - `recruited_by`: a case or an interview → the recruiter or broker it names (phone, else name);
 * - `reported`: a hotline call → the suspect it names;
 * - `advertised`: an online post → the phone in it;
 * - `shared_address`: two person nodes whose records give the same address;
 * - every relation of the `relations` table (recruited_by, paid, called, transported, employed_by …)
 *   between two visible records or two entities with a visible member, weight from the relation.
 *
 * Equality of identifiers across fields (a payer's account that receives elsewhere; a broker's phone
 * that is a subject's phone) is decided on keyed digests (HMAC, the blind-index key, one class per
 * identifier kind rather than per field): the sealed values are opened inside this service for that
 * purpose only. No personal value leaves it unless the caller asks for names and sees the record in
 * full; node labels are otherwise pseudonyms (`labelsAre: 'pseudonyms'`), and the records whose
 * personal values named a node are listed in `personalRecordIds` for the caller to audit.
 */

/** Record kinds that carry people, identifiers or money. */
export const GRAPH_RECORD_KINDS = [
  'case_management',
  'hotline',
  'interview',
  'financial',
  'online_post',
] as const;

/**
 * Units of each currency per US dollar (approximate 2024 averages, as used by the synthetic world);
 * an amount in any other currency keeps its face value and is counted in `unconvertedAmounts`.
 */
export const USD_RATES: Readonly<Record<string, number>> = {
  USD: 1,
  THB: 35,
  LAK: 20_000,
  MMK: 2_100,
  VND: 24_000,
  CNY: 7.2,
  KHR: 4_100,
};

export type GraphNodeKind = 'entity' | 'person' | 'phone' | 'document' | 'account' | 'name';

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  /** The pseudonymous id, or a name from a record the caller sees in full (when names were asked). */
  label: string;
  records: number;
  sources: string[];
}

export interface GraphEdge {
  source: string;
  target: string;
  kind: string;
  /** Records or relations merged into the edge (relations add their weight, default 1). */
  weight: number;
  count: number;
  /** Sum of the transfers in US dollars (`paid` edges from financial records), else null. */
  amountUsd: number | null;
  first: string | null;
  last: string | null;
}

export interface NetworkGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The financial records as transfers between account nodes (amounts in US dollars, time in days). */
  transactions: Transaction[];
  labelsAre: 'pseudonyms' | 'names';
  records: number;
  relations: number;
  unconvertedAmounts: number;
  /** Records whose decrypted personal values gave a node its label (to audit). */
  personalRecordIds: number[];
}

export interface BuildNetworkGraphOptions {
  /** Only records of these sources. */
  sources?: readonly string[];
  /** Only edges of these kinds (derived kinds and relation kinds alike). */
  relations?: readonly string[];
  /** Label nodes with names from records visible in full (the caller audits `personalRecordIds`). */
  names?: boolean;
}

const PRIORITY: Record<string, number> = { ent: 0, rec: 1, tel: 2, doc: 3, acc: 4, nam: 5 };
const KIND_OF_PREFIX: Record<string, GraphNodeKind> = {
  ent: 'entity',
  rec: 'person',
  tel: 'phone',
  doc: 'document',
  acc: 'account',
  nam: 'name',
};

/** Union-find over node keys; the root is the key of highest priority (entity, record, identifier). */
class NodeUnion {
  private readonly parent = new Map<string, string>();

  add(key: string): void {
    if (!this.parent.has(key)) this.parent.set(key, key);
  }

  find(key: string): string {
    this.add(key);
    let root = key;
    while (this.parent.get(root) !== root) root = this.parent.get(root) as string;
    let at = key;
    while (at !== root) {
      const next = this.parent.get(at) as string;
      this.parent.set(at, root);
      at = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const rank = (key: string) => PRIORITY[key.slice(0, 3)];
    const keep = rank(ra) < rank(rb) || (rank(ra) === rank(rb) && ra < rb) ? ra : rb;
    this.parent.set(keep === ra ? rb : ra, keep);
  }

  keys(): string[] {
    return [...this.parent.keys()];
  }
}

interface Opened {
  personal: Record<string, unknown>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A name's form for equality: letters and digits, upper case, tokens in sorted order. */
function nameForm(name: string): string {
  return name
    .split(/\s+/)
    .map((token) => blindIndexForm('name', token))
    .filter(Boolean)
    .sort()
    .join(' ');
}

function personName(personal: Record<string, unknown>): string | undefined {
  return (
    text(personal.full_name) ??
    ([text(personal.given_name), text(personal.family_name)].filter(Boolean).join(' ') || undefined)
  );
}

const COUNTERPART_FIELDS: Record<string, { phone: string; name: string; edge: string } | undefined> = {
  case_management: { phone: 'recruiter_phone', name: 'recruiter_name', edge: 'recruited_by' },
  interview: { phone: 'broker_phone', name: 'broker_name', edge: 'recruited_by' },
  hotline: { phone: 'reported_phone', name: 'reported_name', edge: 'reported' },
};

/** Identifier classes: phone, document, account, name, address. */
export type IdentifierKind = 'tel' | 'doc' | 'acc' | 'nam' | 'address';

/**
 * The key of an identifier node (`acc:<12 hex>`): a keyed digest (the blind-index key) of the
 * value's normal form, one class per identifier kind, so that equal values in different fields
 * (a payer's and a payee's account) meet; undefined when the value normalises to nothing.
 */
export function identifierKey(cipher: FieldCipher, kind: IdentifierKind, value: string): string | undefined {
  const form = kind === 'nam' ? nameForm(value) : blindIndexForm(kind === 'tel' ? 'phone' : kind, value);
  return form ? `${kind}:${cipher.blindIndex(`identifier:${kind}`, form).slice(0, 12)}` : undefined;
}

/** The node id of an identifier that no record or entity absorbed (`acc_<12 hex>`). */
export function identifierNodeId(
  cipher: FieldCipher,
  kind: IdentifierKind,
  value: string,
): string | undefined {
  return identifierKey(cipher, kind, value)?.replace(':', '_');
}

/** Builds the graph a caller may see (see the module comment for its nodes and edges). */
export async function buildNetworkGraph(
  db: Queryable,
  cipher: FieldCipher,
  visibility: RecordVisibility,
  options: BuildNetworkGraphOptions = {},
): Promise<NetworkGraph> {
  const records = await listGraphRecords(db, recordScope(visibility, 'pseudonymised'), {
    kinds: GRAPH_RECORD_KINDS,
    sources: options.sources,
  });
  const wanted = options.relations ? new Set(options.relations) : undefined;
  const union = new NodeUnion();
  const digest = (kind: IdentifierKind, value: string) => identifierKey(cipher, kind, value);
  const labelCandidates = new Map<string, { label: string; recordId: number }>();
  const offerLabel = (key: string, label: string | undefined, record: GraphRecord, full: boolean) => {
    if (full && label && !labelCandidates.has(key)) labelCandidates.set(key, { label, recordId: record.id });
  };
  const recordsOf = new Map<string, Set<number>>();
  const sourcesOf = new Map<string, Set<string>>();
  const touch = (key: string, record: GraphRecord) => {
    union.add(key);
    if (!recordsOf.has(key)) recordsOf.set(key, new Set());
    recordsOf.get(key)?.add(record.id);
    if (!sourcesOf.has(key)) sourcesOf.set(key, new Set());
    sourcesOf.get(key)?.add(record.source);
  };
  interface PendingEdge {
    from: string;
    to: string;
    kind: string;
    weight: number;
    amountUsd: number | null;
    date: string | null;
  }
  const pending: PendingEdge[] = [];
  const addresses = new Map<string, string[]>();
  const transfers: { record: GraphRecord; from: string; to: string; amount: number; time: number }[] = [];
  const recordKey = new Map<number, string>();
  const entityKeys = new Set<string>();
  let unconvertedAmounts = 0;

  for (const record of records) {
    const full = options.names === true && levelOfRecord(visibility, record) === 'full';
    const personal = (JSON.parse(cipher.decrypt(record.sealed)) as Opened).personal;
    const date = record.eventDate;
    if (record.kind === 'financial') {
      const from = text(personal.from_account) && digest('acc', text(personal.from_account) as string);
      const to = text(personal.to_account) && digest('acc', text(personal.to_account) as string);
      if (!from || !to || from === to) continue;
      touch(from, record);
      touch(to, record);
      offerLabel(from, text(personal.from_name) ?? text(personal.from_account), record, full);
      offerLabel(to, text(personal.to_name) ?? text(personal.to_account), record, full);
      const currency = text(record.fields.currency)?.toUpperCase() ?? 'USD';
      const rate = USD_RATES[currency];
      if (rate === undefined) unconvertedAmounts++;
      const amount = Number(record.fields.amount) / (rate ?? 1);
      const at = text(record.fields.occurred_at);
      pending.push({ from, to, kind: 'paid', weight: 1, amountUsd: amount, date: at?.slice(0, 10) ?? date });
      if (at && Number.isFinite(amount) && amount > 0)
        transfers.push({ record, from, to, amount, time: Date.parse(at) / 86_400_000 });
      continue;
    }
    const self = record.entityId === null ? `rec:${record.id}` : `ent:${record.entityId}`;
    if (record.entityId !== null) entityKeys.add(self);
    recordKey.set(record.id, self);
    touch(self, record);
    offerLabel(self, personName(personal), record, full);
    for (const [field, kind, edge] of [
      ['phone', 'tel', 'uses_phone'],
      ['document_number', 'doc', 'uses_document'],
    ] as const) {
      const value = text(personal[field]);
      const key = value && digest(kind, value);
      if (!key) continue;
      touch(key, record);
      if (record.kind === 'online_post') {
        pending.push({ from: self, to: key, kind: 'advertised', weight: 1, amountUsd: null, date });
        offerLabel(key, value, record, full);
      } else if (record.entityId === null) union.union(self, key);
      else pending.push({ from: self, to: key, kind: edge, weight: 1, amountUsd: null, date });
    }
    const address = text(personal.address);
    const addressKey = address && digest('address', address);
    if (addressKey) addresses.set(addressKey, [...(addresses.get(addressKey) ?? []), self]);
    const counterpart = COUNTERPART_FIELDS[record.kind];
    if (counterpart) {
      const phone = text(personal[counterpart.phone]);
      const name = text(personal[counterpart.name]);
      const key = (phone && digest('tel', phone)) || (name && digest('nam', name));
      if (key) {
        touch(key, record);
        offerLabel(key, name ?? phone, record, full);
        pending.push({ from: self, to: key, kind: counterpart.edge, weight: 1, amountUsd: null, date });
      }
    }
  }
  for (const members of addresses.values()) {
    const distinct = [...new Set(members)];
    if (distinct.length < 2 || distinct.length > 50) continue;
    for (let i = 0; i < distinct.length; i++)
      for (let j = i + 1; j < distinct.length; j++)
        pending.push({
          from: distinct[i],
          to: distinct[j],
          kind: 'shared_address',
          weight: 1,
          amountUsd: null,
          date: null,
        });
  }
  const relations = await listGraphRelations(db, { kinds: options.relations });
  let relationCount = 0;
  const endpoint = (entity: number | null, record: number | null) =>
    entity !== null
      ? entityKeys.has(`ent:${entity}`)
        ? `ent:${entity}`
        : undefined
      : record !== null
        ? recordKey.get(record)
        : undefined;
  for (const relation of relations as GraphRelation[]) {
    const from = endpoint(relation.fromEntity, relation.fromRecord);
    const to = endpoint(relation.toEntity, relation.toRecord);
    if (!from || !to) continue;
    relationCount++;
    pending.push({
      from,
      to,
      kind: relation.kind,
      weight: relation.weight !== null && relation.weight > 0 ? relation.weight : 1,
      amountUsd: null,
      date: relation.occurredAt?.slice(0, 10) ?? null,
    });
  }

  const pseudonymOf = new Map(records.map((record) => [`rec:${record.id}`, record.pseudonym]));
  const idOf = (key: string) => {
    const root = union.find(key);
    if (root.startsWith('rec:')) return pseudonymOf.get(root) as string;
    return `${root.slice(0, 3)}_${root.slice(4)}`;
  };
  const nodes = new Map<string, GraphNode & { recordIds: Set<number>; sourceSet: Set<string> }>();
  const personalRecordIds = new Set<number>();
  for (const key of union.keys()) {
    const root = union.find(key);
    const id = idOf(root);
    let node = nodes.get(id);
    if (!node) {
      node = {
        id,
        kind: KIND_OF_PREFIX[root.slice(0, 3)],
        label: id,
        records: 0,
        sources: [],
        recordIds: new Set(),
        sourceSet: new Set(),
      };
      nodes.set(id, node);
    }
    for (const recordId of recordsOf.get(key) ?? []) node.recordIds.add(recordId);
    for (const source of sourcesOf.get(key) ?? []) node.sourceSet.add(source);
  }
  const edges = new Map<string, GraphEdge>();
  for (const edge of pending) {
    if (wanted && !wanted.has(edge.kind)) continue;
    const source = idOf(edge.from);
    const target = idOf(edge.to);
    if (source === target) continue;
    const key = `${edge.kind}\u0000${source}\u0000${target}`;
    let merged = edges.get(key);
    if (!merged) {
      merged = {
        source,
        target,
        kind: edge.kind,
        weight: 0,
        count: 0,
        amountUsd: null,
        first: null,
        last: null,
      };
      edges.set(key, merged);
    }
    merged.weight += edge.weight;
    merged.count++;
    if (edge.amountUsd !== null) merged.amountUsd = (merged.amountUsd ?? 0) + edge.amountUsd;
    if (edge.date !== null) {
      if (merged.first === null || edge.date < merged.first) merged.first = edge.date;
      if (merged.last === null || edge.date > merged.last) merged.last = edge.date;
    }
  }
  const used = new Set<string>();
  for (const edge of edges.values()) {
    used.add(edge.source);
    used.add(edge.target);
  }
  for (const [key, candidate] of labelCandidates) {
    const node = nodes.get(idOf(key));
    if (node && used.has(node.id) && node.label === node.id) {
      node.label = candidate.label;
      personalRecordIds.add(candidate.recordId);
    }
  }
  const transactions: Transaction[] =
    wanted && !wanted.has('paid')
      ? []
      : transfers.map((transfer) => ({
          id: transfer.record.pseudonym,
          source: idOf(transfer.from),
          target: idOf(transfer.to),
          amount: transfer.amount,
          time: transfer.time,
          sourceCountry: text(transfer.record.fields.from_country),
          targetCountry: text(transfer.record.fields.to_country),
        }));
  return {
    nodes: [...nodes.values()]
      .filter((node) => used.has(node.id))
      .map(({ recordIds, sourceSet, ...node }) => ({
        ...node,
        records: recordIds.size,
        sources: [...sourceSet].sort(),
      })),
    edges: [...edges.values()],
    transactions,
    labelsAre: personalRecordIds.size > 0 ? 'names' : 'pseudonyms',
    records: records.length,
    relations: relationCount,
    unconvertedAmounts,
    personalRecordIds: [...personalRecordIds].sort((a, b) => a - b),
  };
}

/** How edge weights enter the analytics: one per record/contact, or money by its dollar amount. */
export type EdgeWeighting = 'count' | 'amount';

/**
 * The graph's edges as analytics rows (kinds merged per pair by `buildGraph`): `count` weighs every
 * edge by its number of records or relations; `amount` weighs `paid` edges by their US dollar sum
 * and the others by their count.
 */
export function analyticsRows(graph: NetworkGraph, weighting: EdgeWeighting = 'count'): EdgeRow[] {
  return graph.edges.map((edge) => ({
    source: edge.source,
    target: edge.target,
    weight:
      weighting === 'amount' && edge.amountUsd !== null && edge.amountUsd > 0 ? edge.amountUsd : edge.weight,
  }));
}

/**
 * The audit entries of building a graph: the sealed values opened to match identifiers across
 * fields (none of which leaves the service), and the records whose names label nodes.
 */
export function networkAuditEntries(
  graph: NetworkGraph,
): { action: string; targetType: string; details: Record<string, unknown> }[] {
  const entries: { action: string; targetType: string; details: Record<string, unknown> }[] = [
    {
      action: 'network.match_identifiers',
      targetType: 'records',
      details: {
        count: graph.records,
        purpose: 'keyed digests of phones, documents, accounts and addresses join the graph',
      },
    },
  ];
  const ids = graph.personalRecordIds;
  if (ids.length > 0)
    entries.push({
      action: 'network.read_personal',
      targetType: 'records',
      details: { recordIds: ids, count: ids.length },
    });
  return entries;
}
