import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../database.ts';

/**
 * The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and tamper-evident.
 * Each entry's hash is SHA-256 over the previous entry's hash, a newline and the entry's canonical
 * form (a JSON array of its fields in a fixed order, object keys sorted), so that changing,
 * removing, inserting or reordering any entry breaks every hash after it. Appends are serialised by
 * a transaction-scoped advisory lock so that concurrent writers cannot fork the chain.
 */
export interface NewAuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
  address?: string | null;
  organisationId?: number | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  address: string | null;
  organisationId: number | null;
  previousHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 0x5157_0a0d;

/** JSON with object keys sorted at every depth: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of an entry chained to the one before it. */
export function auditEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const canonical = canonicalJson([
    entry.id,
    entry.at,
    entry.actor,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.details,
    entry.address,
    entry.organisationId,
  ]);
  return createHash('sha256').update(`${entry.previousHash}\n${canonical}`).digest('hex');
}

const SELECT_COLUMNS = `id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action,
  target_type AS "targetType", target_id AS "targetId", details, address, organisation_id AS "organisationId",
  previous_hash AS "previousHash", hash`;

/** Appends an entry inside a transaction the caller already holds (so that it commits with the change). */
export async function appendAuditIn(transaction: Queryable, entry: NewAuditEntry): Promise<AuditEntry> {
  await transaction.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const last = await transaction.query<{ hash: string }>(
    'SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1',
  );
  const next = await transaction.query<{ id: number }>(
    "SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::bigint AS id",
  );
  const withoutHash: Omit<AuditEntry, 'hash'> = {
    id: Number(next.rows[0].id),
    at: new Date().toISOString(),
    actor: entry.actor,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    details: JSON.parse(canonicalJson(entry.details ?? {})) as Record<string, unknown>,
    address: entry.address ?? null,
    organisationId: entry.organisationId ?? null,
    previousHash: last.rows[0]?.hash ?? GENESIS_HASH,
  };
  const full: AuditEntry = { ...withoutHash, hash: auditEntryHash(withoutHash) };
  await transaction.query(
    `INSERT INTO audit_log (id, at, actor, action, target_type, target_id, details, address, organisation_id,
       previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      full.id,
      full.at,
      full.actor,
      full.action,
      full.targetType,
      full.targetId,
      JSON.stringify(full.details),
      full.address,
      full.organisationId,
      full.previousHash,
      full.hash,
    ],
  );
  return full;
}

/** Appends an entry in its own transaction. */
export function appendAudit(database: Database, entry: NewAuditEntry): Promise<AuditEntry> {
  return database.transaction((transaction) => appendAuditIn(transaction, entry));
}

/** Newest first, optionally only one organisation's actors, a page at a time. */
export async function listAudit(
  db: Queryable,
  filter: { organisationId?: number; beforeId?: number; limit: number; action?: string },
): Promise<AuditEntry[]> {
  const { rows } = await db.query<AuditEntry>(
    `SELECT ${SELECT_COLUMNS} FROM audit_log
     WHERE ($1::bigint IS NULL OR organisation_id = $1) AND ($2::bigint IS NULL OR id < $2)
       AND ($3::text IS NULL OR action = $3)
     ORDER BY id DESC LIMIT $4`,
    [filter.organisationId ?? null, filter.beforeId ?? null, filter.action ?? null, filter.limit],
  );
  return rows;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose link or hash is wrong, and why. */
  firstBad?: { id: number; at: string; action: string; reason: string };
}

/** Walks the whole chain in id order and reports the first entry that does not verify. */
export async function verifyAuditChain(db: Queryable, pageSize = 5_000): Promise<AuditVerification> {
  let previousHash = GENESIS_HASH;
  let afterId = 0;
  let entries = 0;
  for (;;) {
    const { rows } = await db.query<AuditEntry>(
      `SELECT ${SELECT_COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, pageSize],
    );
    for (const row of rows) {
      const entry = {
        ...row,
        id: Number(row.id),
        organisationId: row.organisationId === null ? null : Number(row.organisationId),
      };
      const bad = (reason: string): AuditVerification => ({
        ok: false,
        entries,
        firstBad: { id: entry.id, at: entry.at, action: entry.action, reason },
      });
      if (entry.previousHash !== previousHash)
        return bad(
          'its previous_hash does not match the hash of the entry before it (an entry was removed, inserted or changed)',
        );
      const { hash, ...rest } = entry;
      if (auditEntryHash(rest) !== hash)
        return bad('its content does not match its hash (the entry was changed)');
      previousHash = hash;
      entries++;
      afterId = entry.id;
    }
    if (rows.length < pageSize) return { ok: true, entries };
  }
}
