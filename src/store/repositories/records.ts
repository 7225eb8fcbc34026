import type { Queryable } from '../database.ts';

/**
 * The columns of `records` that a prepared COPY line fills, after the id. The importer writes one
 * line per record (see {@link CopyLineWriter}); the personal fields and the raw row are sealed together as
 * `{ personal, raw }` in `sealed`.
 */
export const RECORD_LINE_COLUMNS = [
  'source_id',
  'organisation_id',
  'batch_id',
  'kind',
  'key_version',
  'row_number',
  'record_key',
  'fields',
  'sealed',
  'place_code',
  'event_date',
  'pseudonym',
] as const;

/** The columns of `record_blind_indexes` that a blind-index line fills, after the record id. */
export const BLIND_INDEX_LINE_COLUMNS = ['field', 'digest'] as const;

const COPY_SPECIALS = /[\\\n\r\t]/;
const COPY_SPECIALS_ALL = /[\\\n\r\t]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};
/** Each line starts with the record id, written later in this many zero-padded digits (int8 input accepts leading zeros). */
const ID_DIGITS = 16;
const ID_PLACEHOLDER = '0'.repeat(ID_DIGITS);
const TAB = 0x09;
const NEWLINE = 0x0a;

/** Lines of COPY text, as UTF-8 bytes, and where each line (its id) starts. */
export interface CopyLines {
  bytes: Uint8Array<ArrayBuffer>;
  lineStarts: Int32Array;
}

/**
 * Writes COPY text format (PostgreSQL manual, COPY, "Text Format"): values separated by tabs, null
 * as `\N`, backslash, newline, carriage return and tab escaped, bytea as `\x` + hex. Every line
 * begins with a placeholder for an id that is not known yet (see {@link copyRecords}). Each value is
 * encoded straight into the buffer (no line string is built); the bytes go straight to the database
 * (and between threads without copying).
 */
export class CopyLineWriter {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  private starts: number[] = [];

  get lineCount(): number {
    return this.starts.length;
  }

  /** Adds a line; a Uint8Array is a bytea value. */
  add(values: readonly (string | number | Uint8Array | null)[]): void {
    let most = ID_DIGITS + 1;
    for (const value of values)
      most +=
        value === null
          ? 3
          : typeof value === 'number'
            ? 25
            : typeof value === 'string'
              ? value.length * 3 + 1
              : value.length * 2 + 4;
    if (this.length + most > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + most));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    const buffer = this.buffer;
    this.starts.push(this.length);
    let at = this.length + buffer.write(ID_PLACEHOLDER, this.length, 'latin1');
    for (const value of values) {
      buffer[at++] = TAB;
      if (value === null) at += buffer.write('\\N', at, 'latin1');
      else if (typeof value === 'number') at += buffer.write(String(value), at, 'latin1');
      else if (value instanceof Uint8Array) {
        at += buffer.write('\\\\x', at, 'latin1');
        at += buffer.write(
          Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex'),
          at,
          'latin1',
        );
      } else
        at += buffer.write(
          COPY_SPECIALS.test(value)
            ? value.replace(COPY_SPECIALS_ALL, (special) => COPY_ESCAPES[special])
            : value,
          at,
          'utf8',
        );
    }
    buffer[at++] = NEWLINE;
    this.length = at;
  }

  /** The lines written so far; the writer starts afresh. */
  take(): CopyLines {
    const lines = {
      bytes: new Uint8Array(
        this.buffer.buffer,
        this.buffer.byteOffset,
        this.length,
      ) as Uint8Array<ArrayBuffer>,
      lineStarts: Int32Array.from(this.starts),
    };
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.length = 0;
    this.starts = [];
    return lines;
  }
}

/** Records prepared for storing, with their blind indexes and, per blind index, its record (a line number in `records`). */
export interface PreparedRecords {
  records: CopyLines;
  blindIndexes: CopyLines;
  blindIndexOwners: Int32Array;
}

/** New record ids from the records sequence, in ascending order, one per record about to be stored. */
export async function reserveRecordIds(db: Queryable, count: number): Promise<number[]> {
  const { rows } = await db.query<{ ids: string }>(
    "SELECT string_agg(nextval('records_id_seq')::text, ',') AS ids FROM generate_series(1, $1::int)",
    [count],
  );
  return rows[0].ids.split(',').map(Number);
}

function writeId(lines: CopyLines, line: number, id: number): void {
  Buffer.from(lines.bytes.buffer, lines.bytes.byteOffset, lines.bytes.byteLength).write(
    String(id).padStart(ID_DIGITS, '0'),
    lines.lineStarts[line],
    'latin1',
  );
}

/** Stores prepared records and their blind indexes with COPY, after writing their new ids into the lines. */
export async function copyRecords(db: Queryable, prepared: PreparedRecords): Promise<void> {
  const count = prepared.records.lineStarts.length;
  if (count === 0) return;
  const ids = await reserveRecordIds(db, count);
  for (let line = 0; line < count; line++) writeId(prepared.records, line, ids[line]);
  await db.copyFrom('records', ['id', ...RECORD_LINE_COLUMNS], prepared.records.bytes);
  const indexes = prepared.blindIndexOwners.length;
  if (indexes === 0) return;
  for (let line = 0; line < indexes; line++)
    writeId(prepared.blindIndexes, line, ids[prepared.blindIndexOwners[line]]);
  await db.copyFrom(
    'record_blind_indexes',
    ['record_id', ...BLIND_INDEX_LINE_COLUMNS],
    prepared.blindIndexes.bytes,
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

/** The records with these ids that exist, in one query, by id. */
export async function getRecords(db: Queryable, ids: readonly number[]): Promise<StoredRecord[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<StoredRecord>(
    `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE r.id = ANY($1::bigint[]) ORDER BY r.id`,
    [[...new Set(ids)]],
  );
  return rows;
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
