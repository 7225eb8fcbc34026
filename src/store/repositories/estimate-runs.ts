import type { FieldCipher } from '../crypto.ts';
import type { Queryable } from '../database.ts';

/**
 * Stored estimate runs: what was computed (method, parameters, seed, results, warnings), from what
 * (the input's hash and source, and the input itself sealed with the field cipher so that the run
 * can be executed again) and by which code (package version and git commit). A run belongs to an
 * organisation (null: saved at the command line before `--save` gave runs an owner; the API lists
 * such a run to nobody).
 */
export interface NewEstimateRun {
  organisationId: number | null;
  method: string;
  inputHash: string;
  inputSource: string;
  /** The whole request (tables, parameters, seed) as JSON; sealed before it is stored. */
  request: unknown;
  parameters: Record<string, unknown>;
  seed: number | null;
  results: Record<string, unknown>;
  warnings: readonly string[];
  codeVersion: string;
  createdBy: string;
  jobId: number | null;
}

export interface EstimateRunSummary {
  id: number;
  organisationId: number | null;
  method: string;
  inputHash: string;
  inputSource: string | null;
  seed: number | null;
  codeVersion: string;
  createdBy: string | null;
  createdAt: string;
  jobId: number | null;
}

export interface EstimateRun extends EstimateRunSummary {
  parameters: Record<string, unknown>;
  results: Record<string, unknown>;
  warnings: string[];
}

const SUMMARY_COLUMNS = `id, organisation_id AS "organisationId", method, input_hash AS "inputHash",
  input_source AS "inputSource", seed, code_version AS "codeVersion", created_by AS "createdBy",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt", job_id AS "jobId"`;

/** Which runs a reader may see: one organisation's, or (the command line) every run. */
export type RunScope = { organisationId: number } | 'all';

function scopeClause(scope: RunScope, parameterIndex: number): { sql: string; parameters: unknown[] } {
  return scope === 'all'
    ? { sql: 'TRUE', parameters: [] }
    : { sql: `organisation_id = $${parameterIndex}`, parameters: [scope.organisationId] };
}

export async function insertEstimateRun(
  db: Queryable,
  cipher: FieldCipher,
  run: NewEstimateRun,
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO estimate_runs (organisation_id, method, input_hash, input_source, input_sealed, parameters,
       seed, results, warnings, code_version, created_by, job_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      run.organisationId,
      run.method,
      run.inputHash,
      run.inputSource,
      cipher.encrypt(JSON.stringify(run.request)),
      JSON.stringify(run.parameters),
      run.seed,
      JSON.stringify(run.results),
      JSON.stringify(run.warnings),
      run.codeVersion,
      run.createdBy,
      run.jobId,
    ],
  );
  return Number(rows[0].id);
}

/** The newest runs in scope, newest first. */
export async function listEstimateRuns(
  db: Queryable,
  scope: RunScope,
  limit = 100,
): Promise<EstimateRunSummary[]> {
  const where = scopeClause(scope, 2);
  const { rows } = await db.query<EstimateRunSummary>(
    `SELECT ${SUMMARY_COLUMNS} FROM estimate_runs WHERE ${where.sql} ORDER BY id DESC LIMIT $1`,
    [limit, ...where.parameters],
  );
  return rows;
}

/** One run in scope (without its input), or undefined. */
export async function findEstimateRun(
  db: Queryable,
  id: number,
  scope: RunScope,
): Promise<EstimateRun | undefined> {
  const where = scopeClause(scope, 2);
  const { rows } = await db.query<EstimateRun>(
    `SELECT ${SUMMARY_COLUMNS}, parameters, results, warnings FROM estimate_runs
     WHERE id = $1 AND ${where.sql}`,
    [id, ...where.parameters],
  );
  return rows[0];
}

/**
 * The stored request of a run, unsealed (it may hold personal data: callers audit the read), or
 * undefined when the run is not in scope or was stored without its input.
 */
export async function readEstimateRunRequest(
  db: Queryable,
  cipher: FieldCipher,
  id: number,
  scope: RunScope,
): Promise<unknown | undefined> {
  const where = scopeClause(scope, 2);
  const { rows } = await db.query<{ sealed: Buffer | null }>(
    `SELECT input_sealed AS sealed FROM estimate_runs WHERE id = $1 AND ${where.sql}`,
    [id, ...where.parameters],
  );
  const sealed = rows[0]?.sealed;
  return sealed ? JSON.parse(cipher.decrypt(sealed)) : undefined;
}
