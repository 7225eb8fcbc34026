import type { Queryable } from '../database.ts';

/**
 * Resolved person entities: their members (records, role `subject`), their status and the history
 * of every change to their membership. A history entry keeps, per record it moved, the entity the
 * record belonged to before (null: none), which is all an undo needs.
 */
export type EntityAction = 'create' | 'merge' | 'split' | 'add' | 'remove' | 'undo';

export interface EntityHistoryDetails {
  /** Records that joined the entity (for `undo`: the records put back). */
  records: number[];
  /** Entities the records came from. */
  from: number[];
  /** Each moved record's entity before the change (null: in none). */
  before: Record<string, number | null>;
  reason: string;
  /** What decided the change: the model's score, an analyst, or an undo. */
  reasonKind: 'score' | 'decision' | 'undo';
  /** For `undo`: the history entry it reverted. */
  undoes?: number;
}

export interface EntityHistoryEntry {
  id: number;
  entityId: number;
  action: EntityAction;
  details: EntityHistoryDetails;
  actor: string;
  at: string;
  runId: number | null;
  decisionId: number | null;
  undoneBy: number | null;
}

export interface EntityRow {
  id: number;
  kind: string;
  status: 'active' | 'merged' | 'retired';
  mergedInto: number | null;
  createdAt: string;
}

const HISTORY_COLUMNS = `id, entity_id AS "entityId", action, details, actor,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, run_id AS "runId",
  decision_id AS "decisionId", undone_by AS "undoneBy"`;

function numbered<T extends { id: number }>(row: T): T {
  return { ...row, id: Number(row.id) };
}

/** The person entity of each record that has one, for the given records (all when absent). */
export async function personEntityOf(
  db: Queryable,
  recordIds?: readonly number[],
): Promise<Map<number, number>> {
  const { rows } = await db.query<{ recordId: number; entityId: number }>(
    `SELECT m.record_id AS "recordId", m.entity_id AS "entityId"
     FROM entity_members m JOIN entities e ON e.id = m.entity_id
     WHERE e.kind = 'person' AND m.role = 'subject' AND ($1::bigint[] IS NULL OR m.record_id = ANY($1::bigint[]))`,
    [recordIds ? [...recordIds] : null],
  );
  return new Map(rows.map((row) => [Number(row.recordId), Number(row.entityId)]));
}

/** Creates `count` active person entities and returns their ids in order. */
export async function createPersonEntities(db: Queryable, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO entities (kind) SELECT 'person' FROM generate_series(1, $1::int) RETURNING id`,
    [count],
  );
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

/** Puts each record in an entity (as its subject), or takes it out of any (entity null). */
export async function moveRecords(
  db: Queryable,
  moves: readonly { recordId: number; entityId: number | null }[],
): Promise<void> {
  const leaving = moves.filter((move) => move.entityId === null).map((move) => move.recordId);
  const joining = moves.filter((move) => move.entityId !== null);
  if (leaving.length > 0)
    await db.query(`DELETE FROM entity_members WHERE role = 'subject' AND record_id = ANY($1::bigint[])`, [
      leaving,
    ]);
  if (joining.length > 0)
    await db.query(
      `INSERT INTO entity_members (entity_id, record_id, role)
       SELECT * , 'subject' FROM unnest($1::bigint[], $2::bigint[])
       ON CONFLICT (record_id, role) DO UPDATE SET entity_id = EXCLUDED.entity_id, added_at = now()`,
      [joining.map((move) => move.entityId), joining.map((move) => move.recordId)],
    );
}

/**
 * Brings the status of these entities in line with their members: an entity with members is
 * active; one left without is `merged` into `mergedInto` when given, otherwise `retired`.
 */
export async function settleEntityStatus(
  db: Queryable,
  entityIds: readonly number[],
  mergedInto: ReadonlyMap<number, number> = new Map(),
): Promise<void> {
  if (entityIds.length === 0) return;
  const ids = [...new Set(entityIds)];
  await db.query(
    `UPDATE entities e SET
       status = CASE WHEN EXISTS (SELECT 1 FROM entity_members m WHERE m.entity_id = e.id) THEN 'active'
                     WHEN t.merged_into IS NOT NULL THEN 'merged' ELSE 'retired' END,
       merged_into = CASE WHEN EXISTS (SELECT 1 FROM entity_members m WHERE m.entity_id = e.id) THEN NULL
                          ELSE t.merged_into END
     FROM unnest($1::bigint[], $2::bigint[]) AS t(id, merged_into)
     WHERE e.id = t.id`,
    [ids, ids.map((id) => mergedInto.get(id) ?? null)],
  );
}

export async function appendEntityHistory(
  db: Queryable,
  entry: {
    entityId: number;
    action: EntityAction;
    details: EntityHistoryDetails;
    actor: string;
    runId?: number | null;
    decisionId?: number | null;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO entity_history (entity_id, action, details, actor, run_id, decision_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      entry.entityId,
      entry.action,
      JSON.stringify(entry.details),
      entry.actor,
      entry.runId ?? null,
      entry.decisionId ?? null,
    ],
  );
  return Number(rows[0].id);
}

export async function getEntityHistoryEntry(
  db: Queryable,
  id: number,
): Promise<EntityHistoryEntry | undefined> {
  const { rows } = await db.query<EntityHistoryEntry>(
    `SELECT ${HISTORY_COLUMNS} FROM entity_history WHERE id = $1`,
    [id],
  );
  return rows[0] && numbered(rows[0]);
}

/** Later entries that moved any of these records (what an undo would silently overwrite). */
export async function laterHistoryMoving(
  db: Queryable,
  afterId: number,
  recordIds: readonly number[],
): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM entity_history
     WHERE id > $1 AND undone_by IS NULL AND action <> 'undo'
       AND EXISTS (SELECT 1 FROM jsonb_object_keys(details->'before') AS k WHERE k::bigint = ANY($2::bigint[]))
     ORDER BY id`,
    [afterId, [...recordIds]],
  );
  return rows.map((row) => Number(row.id));
}

export async function markHistoryUndone(db: Queryable, id: number, undoneBy: number): Promise<void> {
  await db.query('UPDATE entity_history SET undone_by = $2 WHERE id = $1', [id, undoneBy]);
}

export async function getEntity(db: Queryable, id: number): Promise<EntityRow | undefined> {
  const { rows } = await db.query<EntityRow>(
    `SELECT id, kind, status, merged_into AS "mergedInto",
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
     FROM entities WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  return (
    row && { ...row, id: Number(row.id), mergedInto: row.mergedInto === null ? null : Number(row.mergedInto) }
  );
}

/** The history of an entity, oldest first: entries on it and entries that took records from it. */
export async function listEntityHistory(db: Queryable, entityId: number): Promise<EntityHistoryEntry[]> {
  const { rows } = await db.query<EntityHistoryEntry>(
    `SELECT ${HISTORY_COLUMNS} FROM entity_history
     WHERE entity_id = $1 OR details->'from' @> to_jsonb($1::bigint)
     ORDER BY id`,
    [entityId],
  );
  return rows.map(numbered);
}

export async function entityMemberIds(db: Queryable, entityId: number): Promise<number[]> {
  const { rows } = await db.query<{ recordId: number }>(
    `SELECT record_id AS "recordId" FROM entity_members WHERE entity_id = $1 AND role = 'subject' ORDER BY record_id`,
    [entityId],
  );
  return rows.map((row) => Number(row.recordId));
}

export interface MembershipPatterns {
  /** Source names, one column each, in name order. */
  sources: string[];
  /** Each observed pattern (1 = the entity has a record in that source) with its number of entities. */
  patterns: { pattern: number[]; count: number }[];
}

/**
 * The list-membership pattern table of multiple systems estimation from the stored person entities:
 * one column per source, one row per pattern of presence with the number of entities showing it.
 * With `sources`, only those lists count, and entities seen in none of them are left out.
 */
export async function personMembershipPatterns(
  db: Queryable,
  sources?: readonly string[],
): Promise<MembershipPatterns> {
  const { rows } = await db.query<{ lists: string[]; count: number }>(
    `SELECT lists, count(*)::int AS count FROM (
       SELECT m.entity_id, array_agg(DISTINCT s.name ORDER BY s.name) AS lists
       FROM entity_members m
       JOIN entities e ON e.id = m.entity_id AND e.kind = 'person' AND e.status = 'active'
       JOIN records r ON r.id = m.record_id
       JOIN sources s ON s.id = r.source_id
       WHERE m.role = 'subject' AND ($1::text[] IS NULL OR s.name = ANY($1::text[]))
       GROUP BY m.entity_id) AS per_entity
     GROUP BY lists ORDER BY lists`,
    [sources ? [...sources] : null],
  );
  const names = sources ? [...sources].sort() : [...new Set(rows.flatMap((row) => row.lists))].sort();
  return {
    sources: names,
    patterns: rows.map((row) => ({
      pattern: names.map((name) => (row.lists.includes(name) ? 1 : 0)),
      count: Number(row.count),
    })),
  };
}
