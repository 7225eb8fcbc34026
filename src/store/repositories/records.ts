import type { Queryable } from '../database.ts';

/**
 * A record ready to store: typed non-personal fields in the clear; the personal fields and the raw
 * row sealed together (encrypted) as `{ personal, raw }`.
 */
export interface NewRecord {
  rowNumber: number;
  recordKey: string | null;
  fields: Record<string, unknown>;
  sealed: Buffer;
  placeCode: string | null;
  eventDate: string | null;
  pseudonym: string;
  blindIndexes: { field: string; digest: string }[];
}

export interface RecordBatchContext {
  sourceId: number;
  organisationId: number;
  batchId: number;
  kind: string;
  keyVersion: number;
}

/** Inserts records in one statement per call (array parameters unnested), then their blind indexes. */
export async function insertRecords(
  db: Queryable,
  context: RecordBatchContext,
  records: readonly NewRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO records (source_id, organisation_id, batch_id, kind, key_version, row_number, record_key, fields,
       sealed, place_code, event_date, pseudonym)
     SELECT $1, $2, $3, $4, $5, r.row_number, r.record_key, r.fields, r.sealed, r.place_code, r.event_date, r.pseudonym
     FROM unnest($6::int[], $7::text[], $8::jsonb[], $9::bytea[], $10::text[], $11::date[], $12::text[])
       AS r(row_number, record_key, fields, sealed, place_code, event_date, pseudonym)
     RETURNING id`,
    [
      context.sourceId,
      context.organisationId,
      context.batchId,
      context.kind,
      context.keyVersion,
      records.map((record) => record.rowNumber),
      records.map((record) => record.recordKey),
      records.map((record) => JSON.stringify(record.fields)),
      records.map((record) => record.sealed),
      records.map((record) => record.placeCode),
      records.map((record) => record.eventDate),
      records.map((record) => record.pseudonym),
    ],
  );
  const recordIds: number[] = [];
  const fields: string[] = [];
  const digests: string[] = [];
  records.forEach((record, index) => {
    for (const index_ of record.blindIndexes) {
      recordIds.push(rows[index].id);
      fields.push(index_.field);
      digests.push(index_.digest);
    }
  });
  if (recordIds.length > 0)
    await db.query(
      'INSERT INTO record_blind_indexes (record_id, field, digest) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])',
      [recordIds, fields, digests],
    );
}

export interface StoredRecord {
  id: number;
  sourceId: number;
  source: string;
  kind: string;
  organisationId: number;
  batchId: number;
  rowNumber: number;
  recordKey: string | null;
  fields: Record<string, unknown>;
  sealed: Buffer;
  placeCode: string | null;
  eventDate: string | null;
  pseudonym: string;
  fileName: string;
  fileHash: string;
}

const RECORD_COLUMNS = `r.id, r.source_id AS "sourceId", s.name AS source, r.kind, r.organisation_id AS "organisationId",
  r.batch_id AS "batchId", r.row_number AS "rowNumber", r.record_key AS "recordKey", r.fields, r.sealed,
  r.place_code AS "placeCode", r.event_date::text AS "eventDate", r.pseudonym, b.file_name AS "fileName", b.file_hash AS "fileHash"`;
const RECORD_FROM =
  'records r JOIN sources s ON s.id = r.source_id JOIN import_batches b ON b.id = r.batch_id';

export async function getRecord(db: Queryable, id: number): Promise<StoredRecord | undefined> {
  const { rows } = await db.query<StoredRecord>(
    `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE r.id = $1`,
    [id],
  );
  return rows[0];
}

/** Records of one source (or all), oldest first, a page at a time. */
export async function listRecords(
  db: Queryable,
  filter: { sourceName?: string; organisationIds?: readonly number[]; afterId?: number; limit: number },
): Promise<StoredRecord[]> {
  const conditions = ['r.id > $1'];
  const parameters: unknown[] = [filter.afterId ?? 0];
  if (filter.sourceName !== undefined) {
    parameters.push(filter.sourceName);
    conditions.push(`s.name = $${parameters.length}`);
  }
  if (filter.organisationIds !== undefined) {
    parameters.push([...filter.organisationIds]);
    conditions.push(`r.organisation_id = ANY($${parameters.length}::bigint[])`);
  }
  parameters.push(filter.limit);
  const { rows } = await db.query<StoredRecord>(
    `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE ${conditions.join(' AND ')} ORDER BY r.id LIMIT $${parameters.length}`,
    parameters,
  );
  return rows;
}
