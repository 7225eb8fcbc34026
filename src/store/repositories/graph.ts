import type { Queryable } from '../database.ts';
import { type RecordScope, scopeCondition } from './visible-records.ts';

/**
 * What the network graph is built from: the records a caller may see (with the resolved entity each
 * belongs to, when linkage has made one) and the typed relations between records or entities.
 */
export interface GraphRecord {
  id: number;
  sourceId: number;
  source: string;
  organisationId: number;
  kind: string;
  fields: Record<string, unknown>;
  sealed: Buffer;
  pseudonym: string;
  eventDate: string | null;
  /** The active entity the record is a subject of (following one merge), or null. */
  entityId: number | null;
}

export interface GraphRelation {
  id: number;
  kind: string;
  fromEntity: number | null;
  toEntity: number | null;
  fromRecord: number | null;
  toRecord: number | null;
  weight: number | null;
  occurredAt: string | null;
}

const PAGE = 10_000;

/** Visible records of the given kinds (and sources, when named), in id order, read a page at a time. */
export async function listGraphRecords(
  db: Queryable,
  scope: RecordScope,
  filter: { kinds: readonly string[]; sources?: readonly string[] },
): Promise<GraphRecord[]> {
  const all: GraphRecord[] = [];
  let afterId = 0;
  for (;;) {
    const parameters: unknown[] = [
      afterId,
      [...filter.kinds],
      filter.sources ? [...filter.sources] : null,
      PAGE,
    ];
    const { rows } = await db.query<GraphRecord>(
      `SELECT r.id, r.source_id AS "sourceId", s.name AS source, r.organisation_id AS "organisationId", r.kind,
         r.fields, r.sealed, r.pseudonym, r.event_date::text AS "eventDate",
         (SELECT COALESCE(e.merged_into, e.id) FROM entity_members m JOIN entities e ON e.id = m.entity_id
           WHERE m.record_id = r.id AND m.role = 'subject' AND e.status <> 'retired' LIMIT 1) AS "entityId"
       FROM records r JOIN sources s ON s.id = r.source_id
       WHERE r.id > $1 AND r.kind = ANY($2::text[]) AND ($3::text[] IS NULL OR s.name = ANY($3::text[]))
         AND ${scopeCondition(scope, parameters)}
       ORDER BY r.id LIMIT $4`,
      parameters,
    );
    for (const row of rows)
      all.push({
        ...row,
        id: Number(row.id),
        sourceId: Number(row.sourceId),
        organisationId: Number(row.organisationId),
        entityId: row.entityId === null ? null : Number(row.entityId),
      });
    if (rows.length < PAGE) return all;
    afterId = Number(rows[rows.length - 1].id);
  }
}

/** Typed relations (all kinds but `same_as`, or only the kinds named); the caller keeps those it may see. */
export async function listGraphRelations(
  db: Queryable,
  filter: { kinds?: readonly string[] },
): Promise<GraphRelation[]> {
  const { rows } = await db.query<GraphRelation>(
    `SELECT id, kind, from_entity AS "fromEntity", to_entity AS "toEntity", from_record AS "fromRecord",
       to_record AS "toRecord", weight, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "occurredAt"
     FROM relations WHERE kind <> 'same_as' AND ($1::text[] IS NULL OR kind = ANY($1::text[])) ORDER BY id`,
    [filter.kinds ? [...filter.kinds] : null],
  );
  const id = (value: number | null) => (value === null ? null : Number(value));
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    fromEntity: id(row.fromEntity),
    toEntity: id(row.toEntity),
    fromRecord: id(row.fromRecord),
    toRecord: id(row.toRecord),
    weight: row.weight === null ? null : Number(row.weight),
  }));
}
