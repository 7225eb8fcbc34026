import { requireInput } from '../common/index.ts';

/**
 * Stable entity ids across linkage runs. A new clustering (of old and newly imported records) is
 * reconciled with the entities known before: each new cluster keeps the id of the old entity it
 * shares most records with (ties: the smaller id), each old id goes to at most one cluster, and a
 * cluster matching no old entity gets a fresh id. Every change is logged as an event with the
 * membership before it, so it can be undone: `create` (a new entity), `add` (new records joined an
 * entity), `merge` (records of other entities joined it), `split` (records left an entity for a new
 * one). A re-run on unchanged data yields no event and changes nothing (tested).
 * Reasons come from the links: the strongest link across a merge, or "no link at or above the
 * threshold" for a split; an analyst decision can be passed as the reason instead.
 * Method: greedy maximum-overlap matching of clusters to entities (as in Splink's and Zingg's
 * cluster-id stabilisation; cf. Christen 2012, "Data Matching", §6.9). Complexity: O(records log records).
 */
export interface EntityState {
  /** Entity id of each known record, by the record's stable key. */
  entityOf: Record<string, string>;
  /** Number of the next fresh id (ids are `${prefix}${number}`). */
  nextNumber: number;
  prefix: string;
}

export type EntityEventType = 'create' | 'add' | 'merge' | 'split';

export interface EntityEvent {
  type: EntityEventType;
  entity: string;
  /** Records that joined `entity` in this event. */
  records: string[];
  /** Entities the records came from (merge, split). */
  from: string[];
  reason: string;
  /** Each moved record's entity before the event (null = not known before): enough to undo it. */
  before: Record<string, string | null>;
}

export interface ReconcileOptions {
  /** Links between records (by key) with probabilities, to give reasons. */
  links?: { left: string; right: string; probability: number }[];
  /** A reason that overrides the computed ones (an analyst's decision, say). */
  reason?: string;
}

export interface ReconcileResult {
  state: EntityState;
  events: EntityEvent[];
}

/** An empty state: no records, ids starting at `${prefix}1`. */
export function emptyEntityState(prefix = 'E'): EntityState {
  return { entityOf: {}, nextNumber: 1, prefix };
}

function compareIds(a: string, b: string): number {
  const na = Number(a.replace(/^\D+/, ''));
  const nb = Number(b.replace(/^\D+/, ''));
  return Number.isFinite(na) && Number.isFinite(nb) && na !== nb ? na - nb : a < b ? -1 : a > b ? 1 : 0;
}

export function reconcileEntities(
  state: EntityState,
  recordKeys: readonly string[],
  cluster: ArrayLike<number>,
  options: ReconcileOptions = {},
): ReconcileResult {
  requireInput(
    recordKeys.length === cluster.length,
    'linkage/incremental',
    'one cluster label per record key is needed',
  );
  requireInput(
    new Set(recordKeys).size === recordKeys.length,
    'linkage/incremental',
    'record keys must be unique',
  );
  const members = new Map<number, string[]>();
  recordKeys.forEach((key, index) => {
    const label = cluster[index];
    const list = members.get(label);
    if (list) list.push(key);
    else members.set(label, [key]);
  });
  const overlaps: { label: number; entity: string; count: number }[] = [];
  for (const [label, keys] of members) {
    const counts = new Map<string, number>();
    for (const key of keys) {
      const entity = state.entityOf[key];
      if (entity !== undefined) counts.set(entity, (counts.get(entity) ?? 0) + 1);
    }
    for (const [entity, count] of counts) overlaps.push({ label, entity, count });
  }
  overlaps.sort((a, b) => b.count - a.count || compareIds(a.entity, b.entity) || a.label - b.label);
  const entityOfLabel = new Map<number, string>();
  const takenEntities = new Set<string>();
  for (const { label, entity } of overlaps) {
    if (entityOfLabel.has(label) || takenEntities.has(entity)) continue;
    entityOfLabel.set(label, entity);
    takenEntities.add(entity);
  }
  const entityOf: Record<string, string> = { ...state.entityOf };
  let nextNumber = state.nextNumber;
  const events: EntityEvent[] = [];
  const strongest = (
    a: string[],
    b: Set<string>,
  ): { left: string; right: string; probability: number } | null => {
    let best: { left: string; right: string; probability: number } | null = null;
    const inA = new Set(a);
    for (const link of options.links ?? [])
      if ((inA.has(link.left) && b.has(link.right)) || (inA.has(link.right) && b.has(link.left)))
        if (!best || link.probability > best.probability) best = link;
    return best;
  };
  const labels = [...members.keys()].sort((a, b) => a - b);
  for (const label of labels) {
    const keys = members.get(label)!;
    let entity = entityOfLabel.get(label);
    const fresh = entity === undefined;
    if (entity === undefined) entity = `${state.prefix}${nextNumber++}`;
    const newRecords = keys.filter((key) => state.entityOf[key] === undefined);
    const movedByEntity = new Map<string, string[]>();
    for (const key of keys) {
      const old = state.entityOf[key];
      if (old !== undefined && old !== entity) {
        const list = movedByEntity.get(old);
        if (list) list.push(key);
        else movedByEntity.set(old, [key]);
      }
    }
    const stayed = new Set(keys.filter((key) => state.entityOf[key] === entity));
    if (newRecords.length > 0) {
      const link = fresh ? null : strongest(newRecords, stayed);
      events.push({
        type: fresh && movedByEntity.size === 0 ? 'create' : 'add',
        entity,
        records: newRecords,
        from: [],
        reason:
          options.reason ??
          (link
            ? `match probability ${link.probability.toFixed(4)} between ${link.left} and ${link.right}`
            : fresh
              ? 'new records with no link to a known entity'
              : 'linked to the entity'),
        before: Object.fromEntries(newRecords.map((key) => [key, null])),
      });
    }
    for (const [old, moved] of [...movedByEntity].sort((a, b) => compareIds(a[0], b[0]))) {
      const link = strongest(moved, new Set(keys.filter((key) => !moved.includes(key))));
      events.push({
        type: fresh ? 'split' : 'merge',
        entity,
        records: moved,
        from: [old],
        reason:
          options.reason ??
          (fresh
            ? `no link at or above the threshold to the rest of ${old}`
            : link
              ? `match probability ${link.probability.toFixed(4)} between ${link.left} and ${link.right}`
              : `clustered with ${entity}`),
        before: Object.fromEntries(moved.map((key) => [key, old])),
      });
    }
    for (const key of keys) entityOf[key] = entity;
  }
  return { state: { entityOf, nextNumber, prefix: state.prefix }, events };
}

/** Undoes events (latest first), restoring each moved record's previous entity. */
export function undoEntityEvents(state: EntityState, events: readonly EntityEvent[]): EntityState {
  const entityOf: Record<string, string> = { ...state.entityOf };
  for (const event of [...events].reverse())
    for (const [key, previous] of Object.entries(event.before)) {
      if (previous === null) delete entityOf[key];
      else entityOf[key] = previous;
    }
  return { entityOf, nextNumber: state.nextNumber, prefix: state.prefix };
}
