import type { Queryable } from '../database.ts';

/** A record still sealed under an older key, with what is needed to recompute its derived values. */
export interface RecordToRotate {
  id: number;
  kind: string;
  sourceId: number;
  recordKey: string | null;
  fileHash: string;
  rowNumber: number;
  fields: Record<string, unknown>;
  sealed: Buffer;
  indexedFields: string[];
}

/** The next records (in id order) whose key version is not the current key's id. */
export async function recordsToRotate(
  db: Queryable,
  currentKeyId: number,
  limit: number,
): Promise<RecordToRotate[]> {
  const { rows } = await db.query<RecordToRotate>(
    `SELECT r.id, r.kind, r.source_id AS "sourceId", r.record_key AS "recordKey", b.file_hash AS "fileHash",
       r.row_number AS "rowNumber", r.fields, r.sealed,
       COALESCE((SELECT array_agg(DISTINCT i.field) FROM record_blind_indexes i WHERE i.record_id = r.id), '{}') AS "indexedFields"
     FROM records r JOIN import_batches b ON b.id = r.batch_id
     WHERE r.key_version <> $1 ORDER BY r.id LIMIT $2`,
    [currentKeyId, limit],
  );
  return rows;
}

export async function countRecordsToRotate(db: Queryable, currentKeyId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM records WHERE key_version <> $1',
    [currentKeyId],
  );
  return Number(rows[0].n);
}

/** Stores re-encrypted records with their new pseudonyms and replaces their blind indexes. */
export async function saveRotatedRecords(
  db: Queryable,
  keyId: number,
  records: readonly {
    id: number;
    sealed: Buffer;
    pseudonym: string;
    blindIndexes: { field: string; digest: string }[];
  }[],
): Promise<void> {
  if (records.length === 0) return;
  const ids = records.map((record) => record.id);
  await db.query(
    `UPDATE records r SET sealed = u.sealed, pseudonym = u.pseudonym, key_version = $1
     FROM unnest($2::bigint[], $3::bytea[], $4::text[]) AS u(id, sealed, pseudonym) WHERE r.id = u.id`,
    [keyId, ids, records.map((record) => record.sealed), records.map((record) => record.pseudonym)],
  );
  await db.query('DELETE FROM record_blind_indexes WHERE record_id = ANY($1::bigint[])', [ids]);
  const recordIds: number[] = [];
  const fields: string[] = [];
  const digests: string[] = [];
  for (const record of records)
    for (const index of record.blindIndexes) {
      recordIds.push(record.id);
      fields.push(index.field);
      digests.push(index.digest);
    }
  if (recordIds.length > 0)
    await db.query(
      'INSERT INTO record_blind_indexes (record_id, field, digest) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])',
      [recordIds, fields, digests],
    );
}
