import type { z } from 'zod';
import { blindIndexForm } from '../../ingest/import-files.ts';
import type { FieldCipher } from '../../store/crypto.ts';
import type { Queryable } from '../../store/database.ts';
import type { StoredRecord } from '../../store/repositories/records.ts';
import {
  findVisibleByBlindIndex,
  getVisibleRecord,
  listVisibleRecords,
} from '../../store/repositories/visible-records.ts';
import { levelOfRecord, mayDecrypt, type RecordVisibility, recordScope } from '../access.ts';
import type { recordView } from '../schemas.ts';

export type RecordView = z.infer<typeof recordView>;

/**
 * Reading records for a caller: every query takes its scope from the caller's visibility, and each
 * record is presented at its level. Personal fields are decrypted only at the `full` level; the
 * caller's handler audits every record returned with personal data.
 */
export function presentRecord(
  cipher: FieldCipher,
  visibility: RecordVisibility,
  record: StoredRecord,
): RecordView | null {
  const level = levelOfRecord(visibility, record);
  if (level === null || level === 'aggregate') return null;
  const base: RecordView = {
    id: Number(record.id),
    source: record.source,
    kind: record.kind as RecordView['kind'],
    level,
    pseudonym: record.pseudonym,
    recordKey: level === 'full' ? record.recordKey : null,
    placeCode: record.placeCode,
    eventDate: record.eventDate,
    fields: record.fields,
  };
  if (!mayDecrypt(level)) return base;
  const opened = JSON.parse(cipher.decrypt(record.sealed)) as {
    personal: Record<string, unknown>;
    raw: Record<string, string>;
  };
  return {
    ...base,
    personal: opened.personal,
    raw: opened.raw,
    provenance: {
      batchId: Number(record.batchId),
      fileName: record.fileName,
      fileHash: record.fileHash,
      rowNumber: record.rowNumber,
    },
  };
}

function presentAll(
  cipher: FieldCipher,
  visibility: RecordVisibility,
  records: readonly StoredRecord[],
): RecordView[] {
  return records
    .map((record) => presentRecord(cipher, visibility, record))
    .filter((view): view is RecordView => view !== null);
}

export async function readRecord(
  db: Queryable,
  cipher: FieldCipher,
  visibility: RecordVisibility,
  id: number,
): Promise<RecordView | null> {
  const record = await getVisibleRecord(db, recordScope(visibility, 'pseudonymised'), id);
  return record ? presentRecord(cipher, visibility, record) : null;
}

export async function listRecordsFor(
  db: Queryable,
  cipher: FieldCipher,
  visibility: RecordVisibility,
  filter: { sourceName?: string; afterId?: number; limit: number },
): Promise<{ items: RecordView[]; next: number | null }> {
  const records = await listVisibleRecords(db, recordScope(visibility, 'pseudonymised'), filter);
  const items = presentAll(cipher, visibility, records);
  const last = records.at(-1);
  return { items, next: records.length === filter.limit && last ? Number(last.id) : null };
}

/** Records whose personal field has this value (by blind index), among those visible in full. */
export async function searchRecordsFor(
  db: Queryable,
  cipher: FieldCipher,
  visibility: RecordVisibility,
  query: { field: string; value: string; limit: number },
): Promise<RecordView[]> {
  const form = blindIndexForm(query.field, query.value);
  if (!form) return [];
  const digest = cipher.blindIndex(query.field, form);
  const records = await findVisibleByBlindIndex(
    db,
    recordScope(visibility, 'full'),
    query.field,
    digest,
    query.limit,
  );
  return presentAll(cipher, visibility, records);
}

/** Every visible record of a source, a page at a time (for exports). */
export async function* recordsOfSourceFor(
  db: Queryable,
  cipher: FieldCipher,
  visibility: RecordVisibility,
  sourceName: string,
  pageSize = 1_000,
): AsyncGenerator<RecordView[]> {
  let afterId = 0;
  for (;;) {
    const records = await listVisibleRecords(db, recordScope(visibility, 'pseudonymised'), {
      sourceName,
      afterId,
      limit: pageSize,
    });
    if (records.length === 0) return;
    yield presentAll(cipher, visibility, records);
    if (records.length < pageSize) return;
    afterId = Number(records.at(-1)?.id);
  }
}
