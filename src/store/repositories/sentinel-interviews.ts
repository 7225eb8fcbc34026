import type { FieldCipher } from '../crypto.ts';
import type { Queryable } from '../database.ts';
import { appendAuditIn } from './audit.ts';

/**
 * Sentinel interviews and the submission batches that brought them. Non-personal answers (keyed by
 * the instrument's stable question ids) and the canonical answers that determination rules read are
 * stored in clear; personal answers (brokers' names, phones, villages…) are sealed with the field
 * cipher and every read of them is audited. Selection probability and design weight are copied from
 * the selection the plan generated; the calibrated weight is recomputed from the round's plan,
 * outcomes and official counts (see `computeDesignWeights`).
 */
export interface NewInterview {
  instanceId: string;
  organisationId: number;
  siteId: number;
  roundId: number;
  selectionId: number;
  instrumentId: number;
  rowNumber: number;
  interviewedOn: string | null;
  submittedAt: string | null;
  selectionProbability: number;
  designWeight: number;
  answers: Record<string, unknown>;
  canonicalAnswers: Record<string, unknown>;
  personalAnswers: Record<string, unknown>;
}

export interface StoredInterview {
  id: number;
  instanceId: string;
  organisationId: number;
  siteId: number;
  roundId: number;
  selectionId: number;
  selectionCode: string;
  stratum: string;
  slot: string | null;
  instrumentId: number;
  batchId: number;
  rowNumber: number;
  interviewedOn: string | null;
  submittedAt: string | null;
  selectionProbability: number;
  designWeight: number;
  weight: number | null;
  answers: Record<string, unknown>;
  canonicalAnswers: Record<string, unknown>;
  hasPersonalAnswers: boolean;
}

export interface SubmissionBatch {
  roundId: number;
  instrumentId: number;
  fileName: string;
  fileHash: string;
  rowCount: number;
  importedBy: string;
}

const COLUMNS = `i.id, i.instance_id AS "instanceId", i.organisation_id AS "organisationId", i.site_id AS "siteId",
  i.round_id AS "roundId", i.selection_id AS "selectionId", s.code AS "selectionCode", s.stratum, s.slot,
  i.instrument_id AS "instrumentId", i.batch_id AS "batchId", i.row_number AS "rowNumber",
  to_char(i.interviewed_on, 'YYYY-MM-DD') AS "interviewedOn",
  to_char(i.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "submittedAt",
  i.selection_probability AS "selectionProbability", i.design_weight AS "designWeight", i.weight,
  i.answers, i.canonical_answers AS "canonicalAnswers", (i.sealed IS NOT NULL) AS "hasPersonalAnswers"`;

/** Instance ids among `instanceIds` that are already stored. */
export async function existingInstanceIds(
  db: Queryable,
  instanceIds: readonly string[],
): Promise<Set<string>> {
  const { rows } = await db.query<{ instance_id: string }>(
    'SELECT instance_id FROM sentinel_interviews WHERE instance_id = ANY($1::text[])',
    [[...instanceIds]],
  );
  return new Set(rows.map((row) => row.instance_id));
}

export async function createSubmissionBatch(db: Queryable, batch: SubmissionBatch): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO sentinel_submission_batches (round_id, instrument_id, file_name, file_hash, row_count, imported_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [batch.roundId, batch.instrumentId, batch.fileName, batch.fileHash, batch.rowCount, batch.importedBy],
  );
  return Number(rows[0].id);
}

/** Inserts interviews of one batch (call inside the batch's transaction). */
export async function insertInterviews(
  db: Queryable,
  cipher: FieldCipher,
  batchId: number,
  interviews: readonly NewInterview[],
): Promise<void> {
  for (const interview of interviews) {
    const personal = Object.keys(interview.personalAnswers).length > 0;
    await db.query(
      `INSERT INTO sentinel_interviews (instance_id, organisation_id, site_id, round_id, selection_id, instrument_id,
         batch_id, row_number, interviewed_on, submitted_at, selection_probability, design_weight, answers,
         canonical_answers, sealed, key_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        interview.instanceId,
        interview.organisationId,
        interview.siteId,
        interview.roundId,
        interview.selectionId,
        interview.instrumentId,
        batchId,
        interview.rowNumber,
        interview.interviewedOn,
        interview.submittedAt,
        interview.selectionProbability,
        interview.designWeight,
        JSON.stringify(interview.answers),
        JSON.stringify(interview.canonicalAnswers),
        personal ? cipher.encrypt(JSON.stringify(interview.personalAnswers)) : null,
        personal ? cipher.currentKeyId : null,
      ],
    );
  }
}

/** Interviews of a round (or of a site when `roundId` is omitted), without personal answers. */
export async function listInterviews(
  db: Queryable,
  filter: { siteId: number; roundId?: number },
): Promise<StoredInterview[]> {
  const parameters: unknown[] = [filter.siteId];
  let condition = 'i.site_id = $1';
  if (filter.roundId !== undefined) {
    parameters.push(filter.roundId);
    condition += ' AND i.round_id = $2';
  }
  const { rows } = await db.query<StoredInterview>(
    `SELECT ${COLUMNS} FROM sentinel_interviews i JOIN sentinel_selections s ON s.id = i.selection_id
     WHERE ${condition} ORDER BY i.id`,
    parameters,
  );
  return rows;
}

export async function findInterview(
  db: Queryable,
  siteId: number,
  instanceId: string,
): Promise<StoredInterview | undefined> {
  const { rows } = await db.query<StoredInterview>(
    `SELECT ${COLUMNS} FROM sentinel_interviews i JOIN sentinel_selections s ON s.id = i.selection_id
     WHERE i.site_id = $1 AND i.instance_id = $2`,
    [siteId, instanceId],
  );
  return rows[0];
}

/**
 * Decrypts the personal answers of some interviews (e.g. brokers' names for network linkage), with
 * one audit entry naming the reader, the purpose and the interviews read, in the same transaction.
 */
export async function readPersonalAnswers(
  db: Queryable,
  cipher: FieldCipher,
  interviewIds: readonly number[],
  audit: { actor: string; purpose: string; organisationId?: number | null; address?: string | null },
): Promise<Map<number, Record<string, unknown>>> {
  const { rows } = await db.query<{ id: number; sealed: Buffer }>(
    'SELECT id, sealed FROM sentinel_interviews WHERE id = ANY($1::bigint[]) AND sealed IS NOT NULL ORDER BY id',
    [[...interviewIds]],
  );
  await appendAuditIn(db, {
    actor: audit.actor,
    action: 'sentinel.personal_answers.read',
    targetType: 'sentinel_interview',
    targetId: rows.length === 1 ? String(rows[0].id) : null,
    details: { purpose: audit.purpose, interviews: rows.map((row) => Number(row.id)) },
    organisationId: audit.organisationId ?? null,
    address: audit.address ?? null,
  });
  return new Map(
    rows.map((row) => [Number(row.id), JSON.parse(cipher.decrypt(row.sealed)) as Record<string, unknown>]),
  );
}

/** Stores recomputed calibrated weights. */
export async function updateInterviewWeights(
  db: Queryable,
  weights: readonly { interviewId: number; weight: number }[],
): Promise<void> {
  if (weights.length === 0) return;
  await db.query(
    `UPDATE sentinel_interviews i SET weight = w.weight
     FROM unnest($1::bigint[], $2::float8[]) AS w(id, weight) WHERE i.id = w.id`,
    [weights.map((item) => item.interviewId), weights.map((item) => item.weight)],
  );
}
