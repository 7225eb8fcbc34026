import { UserError } from '../../domain/errors.ts';
import type { Queryable } from '../database.ts';

/**
 * Versioned instruments (XLSForm questionnaires). Each version keeps its parsed definition, a hash of
 * it, the version it follows and the difference from that version (computed by the ingest side
 * before the version is stored, so that it can be shown before use). A (form id, version) pair is
 * stored once; storing the same definition again is a no-op, a different one a conflict.
 */
export interface StoredInstrument<Definition = unknown> {
  id: number;
  formId: string;
  version: string;
  title: string;
  definition: Definition;
  definitionHash: string;
  previousId: number | null;
  diff: unknown;
  createdAt: string;
}

const COLUMNS = `id, form_id AS "formId", version, title, definition, definition_hash AS "definitionHash",
  previous_id AS "previousId", diff, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"`;

export async function saveInstrument<Definition>(
  db: Queryable,
  instrument: {
    formId: string;
    version: string;
    title: string;
    definition: Definition;
    definitionHash: string;
    previousId: number | null;
    diff: unknown;
  },
  createdBy: string,
): Promise<{ instrument: StoredInstrument<Definition>; created: boolean }> {
  const existing = await db.query<StoredInstrument<Definition>>(
    `SELECT ${COLUMNS} FROM sentinel_instruments WHERE form_id = $1 AND version = $2`,
    [instrument.formId, instrument.version],
  );
  if (existing.rows[0]) {
    if (existing.rows[0].definitionHash !== instrument.definitionHash)
      throw new UserError(
        `instrument ${instrument.formId} version ${instrument.version} is already stored with a different definition: give the new form a new version`,
        'conflict',
      );
    return { instrument: existing.rows[0], created: false };
  }
  const { rows } = await db.query<StoredInstrument<Definition>>(
    `INSERT INTO sentinel_instruments (form_id, version, title, definition, definition_hash, previous_id, diff, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [
      instrument.formId,
      instrument.version,
      instrument.title,
      JSON.stringify(instrument.definition),
      instrument.definitionHash,
      instrument.previousId,
      instrument.diff === null ? null : JSON.stringify(instrument.diff),
      createdBy,
    ],
  );
  return { instrument: rows[0], created: true };
}

/** One version, or the latest stored version of the form when `version` is omitted. */
export async function findInstrument<Definition = unknown>(
  db: Queryable,
  formId: string,
  version?: string,
): Promise<StoredInstrument<Definition>> {
  const { rows } = await db.query<StoredInstrument<Definition>>(
    version === undefined
      ? `SELECT ${COLUMNS} FROM sentinel_instruments WHERE form_id = $1 ORDER BY id DESC LIMIT 1`
      : `SELECT ${COLUMNS} FROM sentinel_instruments WHERE form_id = $1 AND version = $2`,
    version === undefined ? [formId] : [formId, version],
  );
  if (!rows[0])
    throw new UserError(
      `no instrument ${formId}${version === undefined ? '' : ` version ${version}`}`,
      'not_found',
    );
  return rows[0];
}

export async function findInstrumentById<Definition = unknown>(
  db: Queryable,
  id: number,
): Promise<StoredInstrument<Definition>> {
  const { rows } = await db.query<StoredInstrument<Definition>>(
    `SELECT ${COLUMNS} FROM sentinel_instruments WHERE id = $1`,
    [id],
  );
  if (!rows[0]) throw new UserError(`no instrument with id ${id}`, 'not_found');
  return rows[0];
}

/** Every stored version (without definitions), oldest first. */
export async function listInstruments(
  db: Queryable,
): Promise<Omit<StoredInstrument, 'definition' | 'diff'>[]> {
  const { rows } = await db.query<Omit<StoredInstrument, 'definition' | 'diff'>>(
    `SELECT id, form_id AS "formId", version, title, definition_hash AS "definitionHash", previous_id AS "previousId",
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
     FROM sentinel_instruments ORDER BY form_id, id`,
  );
  return rows;
}
