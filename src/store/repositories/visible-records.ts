import type { Queryable } from '../database.ts';
import type { StoredRecord } from './records.ts';

/**
 * Record queries that can only return what a caller may see. The scope comes from the server's
 * access module (never built by hand in a handler): the (organisation, source) pairs granted and,
 * for field researchers, the one sentinel site whose interviews they may see. An empty scope sees
 * nothing.
 */
export interface RecordScope {
  grants: readonly { organisationId: number; sourceId: number | null }[];
  /** When set, only interview records whose `site` field equals it. */
  site: string | null;
}

const COLUMNS = `r.id, r.source_id AS "sourceId", s.name AS source, r.kind, r.organisation_id AS "organisationId",
  r.batch_id AS "batchId", r.row_number AS "rowNumber", r.record_key AS "recordKey", r.fields, r.sealed,
  r.place_code AS "placeCode", r.event_date::text AS "eventDate", r.pseudonym, b.file_name AS "fileName",
  b.file_hash AS "fileHash"`;
const FROM = 'records r JOIN sources s ON s.id = r.source_id JOIN import_batches b ON b.id = r.batch_id';

/** The SQL condition for a scope on the alias `r`, its parameters appended to `parameters`. */
export function scopeCondition(scope: RecordScope, parameters: unknown[]): string {
  if (scope.grants.length === 0) return 'false';
  parameters.push(scope.grants.map((grant) => grant.organisationId));
  const organisations = parameters.length;
  parameters.push(scope.grants.map((grant) => grant.sourceId ?? 0));
  const sources = parameters.length;
  let condition = `EXISTS (SELECT 1 FROM unnest($${organisations}::bigint[], $${sources}::bigint[]) AS g(organisation_id, source_id)
    WHERE r.organisation_id = g.organisation_id AND (g.source_id = 0 OR r.source_id = g.source_id))`;
  if (scope.site !== null) {
    parameters.push(scope.site);
    condition += ` AND r.kind = 'interview' AND r.fields->>'site' = $${parameters.length}`;
  }
  return condition;
}

export async function getVisibleRecord(
  db: Queryable,
  scope: RecordScope,
  id: number,
): Promise<StoredRecord | undefined> {
  const parameters: unknown[] = [id];
  const { rows } = await db.query<StoredRecord>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1 AND ${scopeCondition(scope, parameters)}`,
    parameters,
  );
  return rows[0];
}

/** Visible records, optionally of one source, in id order after `afterId`. */
export async function listVisibleRecords(
  db: Queryable,
  scope: RecordScope,
  filter: { sourceName?: string; afterId?: number; limit: number },
): Promise<StoredRecord[]> {
  const parameters: unknown[] = [filter.afterId ?? 0, filter.sourceName ?? null, filter.limit];
  const { rows } = await db.query<StoredRecord>(
    `SELECT ${COLUMNS} FROM ${FROM}
     WHERE r.id > $1 AND ($2::text IS NULL OR s.name = $2) AND ${scopeCondition(scope, parameters)}
     ORDER BY r.id LIMIT $3`,
    parameters,
  );
  return rows;
}

/** Visible records that carry a blind index with this digest for this field. */
export async function findVisibleByBlindIndex(
  db: Queryable,
  scope: RecordScope,
  field: string,
  digest: string,
  limit: number,
): Promise<StoredRecord[]> {
  const parameters: unknown[] = [field, digest, limit];
  const { rows } = await db.query<StoredRecord>(
    `SELECT ${COLUMNS} FROM ${FROM}
     WHERE r.id IN (SELECT record_id FROM record_blind_indexes WHERE field = $1 AND digest = $2)
       AND ${scopeCondition(scope, parameters)}
     ORDER BY r.id LIMIT $3`,
    parameters,
  );
  return rows;
}

export interface VisibleSourceCount {
  sourceId: number;
  name: string;
  kind: string;
  organisationId: number;
  organisation: string;
  records: number;
}

/** Per source: how many of its records are visible (sources with none visible are left out). */
export async function countVisibleBySource(db: Queryable, scope: RecordScope): Promise<VisibleSourceCount[]> {
  const parameters: unknown[] = [];
  const { rows } = await db.query<VisibleSourceCount>(
    `SELECT s.id AS "sourceId", s.name, s.kind, o.id AS "organisationId", o.name AS organisation, count(*)::int AS records
     FROM records r JOIN sources s ON s.id = r.source_id JOIN organisations o ON o.id = r.organisation_id
     WHERE ${scopeCondition(scope, parameters)}
     GROUP BY s.id, s.name, s.kind, o.id, o.name ORDER BY s.name`,
    parameters,
  );
  return rows;
}

/** Visible records per province code. */
export async function countVisibleByPlace(
  db: Queryable,
  scope: RecordScope,
): Promise<{ placeCode: string; records: number }[]> {
  const parameters: unknown[] = [];
  const { rows } = await db.query<{ placeCode: string; records: number }>(
    `SELECT r.place_code AS "placeCode", count(*)::int AS records FROM records r
     WHERE r.place_code IS NOT NULL AND ${scopeCondition(scope, parameters)}
     GROUP BY r.place_code ORDER BY r.place_code`,
    parameters,
  );
  return rows;
}

export interface VisibleImport {
  id: number;
  source: string;
  kind: string;
  fileName: string;
  rowCount: number;
  finishedAt: string;
  unresolvedPlaces: number;
}

/** Import batches of the sources a scope reaches (with no site restriction: field researchers see none). */
export async function listVisibleImports(
  db: Queryable,
  scope: RecordScope,
  limit: number,
): Promise<VisibleImport[]> {
  if (scope.site !== null || scope.grants.length === 0) return [];
  const parameters: unknown[] = [limit];
  parameters.push(scope.grants.map((grant) => grant.organisationId));
  const organisations = parameters.length;
  parameters.push(scope.grants.map((grant) => grant.sourceId ?? 0));
  const sources = parameters.length;
  const { rows } = await db.query<VisibleImport>(
    `SELECT b.id, s.name AS source, s.kind, b.file_name AS "fileName", b.row_count AS "rowCount",
       to_char(b.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "finishedAt",
       jsonb_array_length(b.unresolved_places)::int AS "unresolvedPlaces"
     FROM import_batches b JOIN sources s ON s.id = b.source_id
     WHERE EXISTS (SELECT 1 FROM unnest($${organisations}::bigint[], $${sources}::bigint[]) AS g(organisation_id, source_id)
       WHERE b.organisation_id = g.organisation_id AND (g.source_id = 0 OR b.source_id = g.source_id))
     ORDER BY b.id DESC LIMIT $1`,
    parameters,
  );
  return rows;
}
