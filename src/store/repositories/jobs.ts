import type { FieldCipher } from '../crypto.ts';
import type { Queryable } from '../database.ts';

/**
 * The job queue: long runs (estimates and their reproductions) taken off the request path. A job
 * is queued with its request sealed (it holds the input tables), claimed by one runner, reports its
 * progress, and ends succeeded or failed; the sealed request is erased when it ends.
 */
export type JobKind = 'estimate' | 'reproduce';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface NewJob {
  kind: JobKind;
  organisationId: number | null;
  /** For an estimate: its request (sealed before it is stored). */
  request?: unknown;
  /** For a reproduction: the run to execute again. */
  runId?: number;
  createdBy: string;
}

export interface Job {
  id: number;
  kind: JobKind;
  organisationId: number | null;
  status: JobStatus;
  progress: number;
  runId: number | null;
  outcome: Record<string, unknown> | null;
  error: string | null;
  attempts: number;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A job a runner has claimed, with its request unsealed. */
export interface ClaimedJob extends Job {
  request: unknown;
}

const timestamp = (column: string, name: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "${name}"`;

const COLUMNS = `id, kind, organisation_id AS "organisationId", status, progress, run_id AS "runId", outcome,
  error, attempts, created_by AS "createdBy", ${timestamp('created_at', 'createdAt')},
  ${timestamp('started_at', 'startedAt')}, ${timestamp('finished_at', 'finishedAt')}`;

export async function enqueueJob(db: Queryable, cipher: FieldCipher, job: NewJob): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO jobs (kind, organisation_id, request_sealed, run_id, created_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      job.kind,
      job.organisationId,
      job.request === undefined ? null : cipher.encrypt(JSON.stringify(job.request)),
      job.runId ?? null,
      job.createdBy,
    ],
  );
  return Number(rows[0].id);
}

/**
 * Claims the oldest queued job for `runner`, or returns undefined. `FOR UPDATE SKIP LOCKED` makes
 * concurrent runners (several server processes on one PostgreSQL) each take a different job.
 */
export async function claimNextJob(
  db: Queryable,
  cipher: FieldCipher,
  runner: string,
): Promise<ClaimedJob | undefined> {
  const { rows } = await db.query<Job & { sealed: Buffer | null }>(
    `UPDATE jobs SET status = 'running', started_at = now(), heartbeat_at = now(), attempts = attempts + 1,
       claimed_by = $1
     WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}, request_sealed AS sealed`,
    [runner],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { sealed, ...job } = row;
  return { ...job, request: sealed ? JSON.parse(cipher.decrypt(sealed)) : undefined };
}

/** Stamps a running job as still held by a live runner. */
export async function beatJob(db: Queryable, id: number): Promise<void> {
  await db.query(`UPDATE jobs SET heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [id]);
}

/**
 * Takes back the jobs whose runner has given no heartbeat for `staleSeconds` (it was killed or lost
 * its database): queued again while they have had fewer than `maxAttempts` attempts, failed with a
 * message after that, so that a job that kills its runner cannot take every runner down in turn.
 */
export async function recoverAbandonedJobs(
  db: Queryable,
  options: { staleSeconds: number; maxAttempts: number },
): Promise<{ requeued: number; failed: number }> {
  const { rows } = await db.query<{ status: JobStatus }>(
    `UPDATE jobs SET
       status = CASE WHEN attempts < $2 THEN 'queued' ELSE 'failed' END,
       claimed_by = NULL,
       error = CASE WHEN attempts < $2 THEN NULL
         ELSE 'abandoned: the runner holding it stopped answering ' || attempts || ' times' END,
       finished_at = CASE WHEN attempts < $2 THEN NULL ELSE now() END,
       request_sealed = CASE WHEN attempts < $2 THEN request_sealed ELSE NULL END
     WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)
     RETURNING status`,
    [options.staleSeconds, options.maxAttempts],
  );
  return {
    requeued: rows.filter((row) => row.status === 'queued').length,
    failed: rows.filter((row) => row.status === 'failed').length,
  };
}

/** Records how far a running job has got (a fraction between 0 and 1). */
export async function reportJobProgress(db: Queryable, id: number, progress: number): Promise<void> {
  await db.query(`UPDATE jobs SET progress = $2 WHERE id = $1 AND status = 'running'`, [
    id,
    Math.min(1, Math.max(0, progress)),
  ]);
}

/** Ends a job as succeeded, with the run it made or used and its outcome; erases the sealed request. */
export async function finishJob(
  db: Queryable,
  id: number,
  result: { runId: number; outcome?: Record<string, unknown> },
): Promise<void> {
  await db.query(
    `UPDATE jobs SET status = 'succeeded', progress = 1, run_id = $2, outcome = $3, finished_at = now(),
       request_sealed = NULL
     WHERE id = $1`,
    [id, result.runId, result.outcome === undefined ? null : JSON.stringify(result.outcome)],
  );
}

/** Ends a job as failed with a message a user can act on; erases the sealed request. */
export async function failJob(db: Queryable, id: number, message: string): Promise<void> {
  await db.query(
    `UPDATE jobs SET status = 'failed', error = $2, finished_at = now(), request_sealed = NULL WHERE id = $1`,
    [id, message],
  );
}

/** One job, if it belongs to the organisation (or any job, for the command line). */
export async function findJob(
  db: Queryable,
  id: number,
  scope: { organisationId: number } | 'all',
): Promise<Job | undefined> {
  const { rows } =
    scope === 'all'
      ? await db.query<Job>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id])
      : await db.query<Job>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1 AND organisation_id = $2`, [
          id,
          scope.organisationId,
        ]);
  return rows[0];
}
