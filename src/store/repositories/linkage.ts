import type { Queryable } from '../database.ts';

/**
 * Linkage runs, scored candidate pairs, analysts' decisions on pairs and `same_as` relations. Pairs
 * are always stored with the smaller record id on the left. Explanations are the waterfall of
 * `explainPair` without the compared values (those are personal and stay encrypted in the records).
 */
export interface StoredWaterfallStep {
  step: string;
  kind: 'prior' | 'comparison' | 'termFrequency';
  /** The record field the step compares (null for the prior). */
  field: string | null;
  level: string | null;
  m: number | null;
  u: number | null;
  weight: number;
  cumulative: number;
}

export interface StoredExplanation {
  steps: StoredWaterfallStep[];
  weight: number;
  probability: number;
}

export interface ScoredPair {
  left: number;
  right: number;
  probability: number;
  weight: number;
  explanation: StoredExplanation;
}

export interface LinkageRunRow {
  id: number;
  actor: string;
  sources: string[];
  parameters: Record<string, unknown>;
  summary: Record<string, unknown>;
  startedAt: string;
  finishedAt: string;
}

export async function insertLinkageRun(
  db: Queryable,
  run: {
    actor: string;
    sources: readonly string[];
    parameters: Record<string, unknown>;
    model: unknown;
    summary: Record<string, unknown>;
    startedAt: Date;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO linkage_runs (actor, sources, parameters, model, summary, started_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      run.actor,
      JSON.stringify(run.sources),
      JSON.stringify(run.parameters),
      JSON.stringify(run.model),
      JSON.stringify(run.summary),
      run.startedAt.toISOString(),
    ],
  );
  return Number(rows[0].id);
}

export async function updateLinkageRunSummary(
  db: Queryable,
  id: number,
  summary: Record<string, unknown>,
): Promise<void> {
  await db.query('UPDATE linkage_runs SET summary = $2, finished_at = now() WHERE id = $1', [
    id,
    JSON.stringify(summary),
  ]);
}

export async function listLinkageRuns(db: Queryable, limit: number): Promise<LinkageRunRow[]> {
  const { rows } = await db.query<LinkageRunRow>(
    `SELECT id, actor, sources, parameters, summary,
       to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startedAt",
       to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "finishedAt"
     FROM linkage_runs ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

const UNNEST_PAIRS = `unnest($1::bigint[], $2::bigint[], $3::double precision[], $4::double precision[], $5::jsonb[])
  AS p(left_record, right_record, probability, weight, explanation)`;

function pairParameters(pairs: readonly ScoredPair[]): unknown[] {
  return [
    pairs.map((pair) => pair.left),
    pairs.map((pair) => pair.right),
    pairs.map((pair) => pair.probability),
    pairs.map((pair) => pair.weight),
    pairs.map((pair) => JSON.stringify(pair.explanation)),
  ];
}

/** Stores (or rescores) candidate pairs of a run, a chunk per statement. */
export async function upsertCandidates(
  db: Queryable,
  runId: number,
  pairs: readonly ScoredPair[],
): Promise<void> {
  for (let start = 0; start < pairs.length; start += 5_000) {
    const chunk = pairs.slice(start, start + 5_000);
    await db.query(
      `INSERT INTO linkage_candidates (left_record, right_record, probability, weight, explanation, run_id)
       SELECT p.*, $6 FROM ${UNNEST_PAIRS}
       ON CONFLICT (left_record, right_record) DO UPDATE SET probability = EXCLUDED.probability,
         weight = EXCLUDED.weight, explanation = EXCLUDED.explanation, run_id = EXCLUDED.run_id`,
      [...pairParameters(chunk), runId],
    );
  }
}

/** Stores `same_as` relations between records (score = match probability, with the explanation). */
export async function upsertSameAsRelations(db: Queryable, pairs: readonly ScoredPair[]): Promise<void> {
  for (let start = 0; start < pairs.length; start += 5_000) {
    const chunk = pairs.slice(start, start + 5_000);
    await db.query(
      `INSERT INTO relations (kind, from_record, to_record, score, explanation)
       SELECT 'same_as', p.left_record, p.right_record, p.probability, p.explanation FROM ${UNNEST_PAIRS}
       ON CONFLICT (from_record, to_record) WHERE kind = 'same_as'
       DO UPDATE SET score = EXCLUDED.score, explanation = EXCLUDED.explanation`,
      pairParameters(chunk),
    );
  }
}

export async function deleteSameAsRelation(db: Queryable, left: number, right: number): Promise<void> {
  await db.query(`DELETE FROM relations WHERE kind = 'same_as' AND from_record = $1 AND to_record = $2`, [
    left,
    right,
  ]);
}

export async function getCandidate(
  db: Queryable,
  left: number,
  right: number,
): Promise<ScoredPair | undefined> {
  const { rows } = await db.query<ScoredPair>(
    `SELECT left_record AS "left", right_record AS "right", probability, weight, explanation
     FROM linkage_candidates WHERE left_record = $1 AND right_record = $2`,
    [left, right],
  );
  const row = rows[0];
  return row && { ...row, left: Number(row.left), right: Number(row.right) };
}

export interface CandidateFilter {
  lower: number;
  upper: number;
  limit: number;
  /** Only pairs with a record of this source. */
  source?: string;
  /** The SQL condition on a record (alias `r`) that the caller may see it; it appends its parameters. */
  visible: (parameters: unknown[]) => string;
}

/** Undecided candidate pairs with lower <= probability <= upper, nearest the middle of the band first. */
export async function listCandidates(db: Queryable, filter: CandidateFilter): Promise<ScoredPair[]> {
  const parameters: unknown[] = [filter.lower, filter.upper, filter.limit, filter.source ?? null];
  const leftVisible = filter.visible(parameters);
  const rightVisible = filter.visible(parameters);
  const { rows } = await db.query<ScoredPair>(
    `SELECT c.left_record AS "left", c.right_record AS "right", c.probability, c.weight, c.explanation
     FROM linkage_candidates c
     WHERE c.probability BETWEEN $1 AND $2
       AND NOT EXISTS (SELECT 1 FROM linkage_decisions d WHERE d.withdrawn_at IS NULL
         AND d.left_record = c.left_record AND d.right_record = c.right_record)
       AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM records r JOIN sources s ON s.id = r.source_id
         WHERE s.name = $4 AND r.id IN (c.left_record, c.right_record)))
       AND EXISTS (SELECT 1 FROM records r WHERE r.id = c.left_record AND ${leftVisible})
       AND EXISTS (SELECT 1 FROM records r WHERE r.id = c.right_record AND ${rightVisible})
     ORDER BY abs(c.probability - ($1 + $2) / 2), c.left_record, c.right_record
     LIMIT $3`,
    parameters,
  );
  return rows.map((row) => ({ ...row, left: Number(row.left), right: Number(row.right) }));
}

/** `same_as` relations among these records, with their scores and explanations. */
export async function sameAsAmong(db: Queryable, recordIds: readonly number[]): Promise<ScoredPair[]> {
  const { rows } = await db.query<ScoredPair>(
    `SELECT from_record AS "left", to_record AS "right", score AS probability,
       (explanation->>'weight')::double precision AS weight, explanation FROM relations
     WHERE kind = 'same_as' AND from_record = ANY($1::bigint[]) AND to_record = ANY($1::bigint[])
     ORDER BY from_record, to_record`,
    [[...recordIds]],
  );
  return rows.map((row) => ({ ...row, left: Number(row.left), right: Number(row.right) }));
}

export type PairDecision = 'confirm' | 'reject';

export interface LinkageDecision {
  id: number;
  left: number;
  right: number;
  decision: PairDecision;
  note: string | null;
  decidedBy: string;
  decidedAt: string;
}

const DECISION_COLUMNS = `id, left_record AS "left", right_record AS "right", decision, note, decided_by AS "decidedBy",
  to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "decidedAt"`;

function decisionRow(row: LinkageDecision): LinkageDecision {
  return { ...row, id: Number(row.id), left: Number(row.left), right: Number(row.right) };
}

/** Records a decision on a pair, withdrawing the pair's current one. */
export async function insertDecision(
  db: Queryable,
  decision: {
    left: number;
    right: number;
    decision: PairDecision;
    note: string | null;
    decidedBy: string;
    organisationId: number | null;
  },
): Promise<LinkageDecision> {
  await withdrawDecisions(db, decision.left, decision.right, decision.decidedBy);
  const { rows } = await db.query<LinkageDecision>(
    `INSERT INTO linkage_decisions (left_record, right_record, decision, note, decided_by, organisation_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${DECISION_COLUMNS}`,
    [
      decision.left,
      decision.right,
      decision.decision,
      decision.note,
      decision.decidedBy,
      decision.organisationId,
    ],
  );
  return decisionRow(rows[0]);
}

/** Withdraws the current decision on a pair (an undo of what it did, or a new decision). */
export async function withdrawDecisions(
  db: Queryable,
  left: number,
  right: number,
  by: string,
): Promise<void> {
  await db.query(
    `UPDATE linkage_decisions SET withdrawn_at = now(), withdrawn_by = $3
     WHERE left_record = $1 AND right_record = $2 AND withdrawn_at IS NULL`,
    [left, right, by],
  );
}

export async function getDecision(db: Queryable, id: number): Promise<LinkageDecision | undefined> {
  const { rows } = await db.query<LinkageDecision>(
    `SELECT ${DECISION_COLUMNS} FROM linkage_decisions WHERE id = $1`,
    [id],
  );
  return rows[0] && decisionRow(rows[0]);
}

/** Current (not withdrawn) decisions on pairs whose two records are both among `recordIds` (all when absent). */
export async function currentDecisions(
  db: Queryable,
  recordIds?: readonly number[],
): Promise<LinkageDecision[]> {
  const { rows } = await db.query<LinkageDecision>(
    `SELECT ${DECISION_COLUMNS} FROM linkage_decisions
     WHERE withdrawn_at IS NULL AND ($1::bigint[] IS NULL OR (left_record = ANY($1::bigint[]) AND right_record = ANY($1::bigint[])))
     ORDER BY id`,
    [recordIds ? [...recordIds] : null],
  );
  return rows.map(decisionRow);
}

/** Person records to link: id, source, kind, typed fields and the sealed personal fields. */
export interface LinkableRecord {
  id: number;
  sourceId: number;
  source: string;
  kind: string;
  organisationId: number;
  recordKey: string | null;
  fields: Record<string, unknown>;
  sealed: Buffer;
}

/** Records of these kinds (optionally of these sources), in id order, a page at a time. */
export async function listLinkableRecords(
  db: Queryable,
  filter: { kinds: readonly string[]; sources?: readonly string[]; afterId: number; limit: number },
): Promise<LinkableRecord[]> {
  const { rows } = await db.query<LinkableRecord>(
    `SELECT r.id, r.source_id AS "sourceId", s.name AS source, r.kind, r.organisation_id AS "organisationId",
       r.record_key AS "recordKey", r.fields, r.sealed
     FROM records r JOIN sources s ON s.id = r.source_id
     WHERE r.id > $1 AND r.kind = ANY($2::text[]) AND ($3::text[] IS NULL OR s.name = ANY($3::text[]))
     ORDER BY r.id LIMIT $4`,
    [filter.afterId, [...filter.kinds], filter.sources ? [...filter.sources] : null, filter.limit],
  );
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    sourceId: Number(row.sourceId),
    organisationId: Number(row.organisationId),
  }));
}
