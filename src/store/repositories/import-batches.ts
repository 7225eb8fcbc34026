import type { Queryable } from '../database.ts';

export interface UnresolvedPlace {
  row: number;
  column: string;
  field: string;
  value: string;
}

export interface NewImportBatch {
  sourceId: number;
  organisationId: number;
  fileName: string;
  fileHash: string;
  fileSize: number;
  fileFormat: string;
  encoding: string | null;
  mapping: unknown;
  forced: boolean;
  importedBy: string;
  startedAt: Date;
}

export interface ImportBatch {
  id: number;
  source: string;
  kind: string;
  organisation: string;
  fileName: string;
  fileHash: string;
  fileFormat: string;
  encoding: string | null;
  rowCount: number;
  unresolvedPlaces: UnresolvedPlace[];
  forced: boolean;
  importedBy: string | null;
  finishedAt: string;
}

/** The earlier import of the same file (by its SHA-256) into the same source, if any. */
export async function findBatchByHash(
  db: Queryable,
  sourceId: number,
  fileHash: string,
): Promise<{ id: number; finishedAt: string } | undefined> {
  const { rows } = await db.query<{ id: number; finishedAt: string }>(
    'SELECT id, finished_at::text AS "finishedAt" FROM import_batches WHERE source_id = $1 AND file_hash = $2 ORDER BY id LIMIT 1',
    [sourceId, fileHash],
  );
  return rows[0];
}

export async function insertBatch(db: Queryable, batch: NewImportBatch): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO import_batches (source_id, organisation_id, file_name, file_hash, file_size, file_format, encoding,
       row_count, mapping, forced, imported_by, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $10, $11) RETURNING id`,
    [
      batch.sourceId,
      batch.organisationId,
      batch.fileName,
      batch.fileHash,
      batch.fileSize,
      batch.fileFormat,
      batch.encoding,
      JSON.stringify(batch.mapping),
      batch.forced,
      batch.importedBy,
      batch.startedAt.toISOString(),
    ],
  );
  return rows[0].id;
}

export async function completeBatch(
  db: Queryable,
  batchId: number,
  rowCount: number,
  unresolvedPlaces: readonly UnresolvedPlace[],
): Promise<void> {
  await db.query(
    'UPDATE import_batches SET row_count = $2, unresolved_places = $3, finished_at = now() WHERE id = $1',
    [batchId, rowCount, JSON.stringify(unresolvedPlaces)],
  );
}

export async function listBatches(db: Queryable, limit = 100): Promise<ImportBatch[]> {
  const { rows } = await db.query<ImportBatch>(
    `SELECT b.id, s.name AS source, s.kind, o.name AS organisation, b.file_name AS "fileName", b.file_hash AS "fileHash",
       b.file_format AS "fileFormat", b.encoding, b.row_count AS "rowCount", b.unresolved_places AS "unresolvedPlaces",
       b.forced, b.imported_by AS "importedBy", b.finished_at::text AS "finishedAt"
     FROM import_batches b JOIN sources s ON s.id = b.source_id JOIN organisations o ON o.id = b.organisation_id
     ORDER BY b.id DESC LIMIT $1`,
    [limit],
  );
  return rows;
}
