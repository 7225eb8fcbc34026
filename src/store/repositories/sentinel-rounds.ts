import { UserError } from '../../domain/errors.ts';
import type { Queryable } from '../database.ts';

/**
 * Rounds of a sentinel site, the selections their sampling plan generated and what happened to each
 * in the field. A systematic plan lists one selection per arrival number to interview (code
 * `<week>-A<number>`); a time–location plan lists its drawn slots (code = the slot id) and the team
 * adds one selection per person intercepted in a slot (code `<slot>-<n>`). Refusals are outcomes;
 * replacements are further selections that name the one they replace. Probabilities come from the
 * stored plan, never from the field.
 */
export type PlanKind = 'systematic' | 'time-location';
export type SelectionOutcomeValue = 'pending' | 'completed' | 'refused' | 'not_eligible' | 'not_contacted';

export interface SentinelRound {
  id: number;
  siteId: number;
  label: string;
  startsOn: string;
  endsOn: string;
  team: string;
  targetSampleSize: number;
  planKind: PlanKind | null;
  planSeed: number | null;
  plan: unknown;
}

export interface NewSentinelRound {
  siteId: number;
  label: string;
  startsOn: string;
  endsOn: string;
  team: string;
  targetSampleSize: number;
}

export interface NewSelection {
  code: string;
  stratum: string;
  slot?: string | null;
  arrivalNumber?: number | null;
  scheduledDay?: string | null;
  scheduledStart?: string | null;
  scheduledEnd?: string | null;
  selectionProbability: number;
  replacement?: boolean;
  replacesSelectionId?: number | null;
}

export interface Selection extends Required<Omit<NewSelection, 'replacesSelectionId'>> {
  id: number;
  roundId: number;
  outcome: SelectionOutcomeValue;
  replacesSelectionId: number | null;
  interviewInstanceId: string | null;
}

const ROUND_COLUMNS = `id, site_id AS "siteId", label, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
  to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", team, target_sample_size AS "targetSampleSize",
  plan_kind AS "planKind", plan_seed AS "planSeed", plan`;

const SELECTION_COLUMNS = `s.id, s.round_id AS "roundId", s.code, s.stratum, s.slot, s.arrival_number AS "arrivalNumber",
  to_char(s.scheduled_day, 'YYYY-MM-DD') AS "scheduledDay", s.scheduled_start AS "scheduledStart",
  s.scheduled_end AS "scheduledEnd", s.selection_probability AS "selectionProbability", s.outcome,
  s.replacement, s.replaces_selection_id AS "replacesSelectionId", i.instance_id AS "interviewInstanceId"`;

export async function createRound(
  db: Queryable,
  round: NewSentinelRound,
  createdBy: string,
): Promise<SentinelRound> {
  const existing = await db.query('SELECT 1 FROM sentinel_rounds WHERE site_id = $1 AND label = $2', [
    round.siteId,
    round.label,
  ]);
  if (existing.rows.length > 0) throw new UserError(`round "${round.label}" already exists`, 'conflict');
  const { rows } = await db.query<SentinelRound>(
    `INSERT INTO sentinel_rounds (site_id, label, starts_on, ends_on, team, target_sample_size, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${ROUND_COLUMNS}`,
    [round.siteId, round.label, round.startsOn, round.endsOn, round.team, round.targetSampleSize, createdBy],
  );
  return rows[0];
}

export async function listRounds(db: Queryable, siteId: number): Promise<SentinelRound[]> {
  const { rows } = await db.query<SentinelRound>(
    `SELECT ${ROUND_COLUMNS} FROM sentinel_rounds WHERE site_id = $1 ORDER BY starts_on, label`,
    [siteId],
  );
  return rows;
}

export async function findRound(db: Queryable, siteId: number, labelOrId: string): Promise<SentinelRound> {
  const { rows } = await db.query<SentinelRound>(
    `SELECT ${ROUND_COLUMNS} FROM sentinel_rounds WHERE site_id = $1 AND (label = $2 OR id::text = $2)`,
    [siteId, labelOrId],
  );
  if (!rows[0]) throw new UserError(`no round "${labelOrId}" at this site`, 'not_found');
  return rows[0];
}

/**
 * Stores a round's sampling plan and the selections it generated. A plan is fixed once the field has
 * recorded any outcome or interview: a new draw then would change probabilities already used.
 */
export async function setRoundPlan(
  db: Queryable,
  roundId: number,
  plan: { kind: PlanKind; seed: number; definition: unknown },
  selections: readonly NewSelection[],
): Promise<void> {
  const used = await db.query(
    `SELECT 1 FROM sentinel_selections WHERE round_id = $1 AND (outcome <> 'pending' OR replacement) LIMIT 1`,
    [roundId],
  );
  if (used.rows.length > 0)
    throw new UserError('the round already has field outcomes: its plan can no longer change', 'conflict');
  await db.query('DELETE FROM sentinel_selections WHERE round_id = $1', [roundId]);
  await db.query('UPDATE sentinel_rounds SET plan_kind = $2, plan_seed = $3, plan = $4 WHERE id = $1', [
    roundId,
    plan.kind,
    plan.seed,
    JSON.stringify(plan.definition),
  ]);
  await insertSelections(db, roundId, selections);
}

async function insertSelections(
  db: Queryable,
  roundId: number,
  selections: readonly NewSelection[],
): Promise<number[]> {
  const ids: number[] = [];
  const chunk = 500;
  for (let start = 0; start < selections.length; start += chunk) {
    const part = selections.slice(start, start + chunk);
    const parameters: unknown[] = [];
    const values = part.map((selection) => {
      const row = [
        roundId,
        selection.code,
        selection.stratum,
        selection.slot ?? null,
        selection.arrivalNumber ?? null,
        selection.scheduledDay ?? null,
        selection.scheduledStart ?? null,
        selection.scheduledEnd ?? null,
        selection.selectionProbability,
        selection.replacement ?? false,
        selection.replacesSelectionId ?? null,
      ];
      const placeholders = row.map((value) => {
        parameters.push(value);
        return `$${parameters.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO sentinel_selections (round_id, code, stratum, slot, arrival_number, scheduled_day,
         scheduled_start, scheduled_end, selection_probability, replacement, replaces_selection_id)
       VALUES ${values.join(', ')} RETURNING id`,
      parameters,
    );
    ids.push(...rows.map((row) => Number(row.id)));
  }
  return ids;
}

export async function listSelections(db: Queryable, roundId: number): Promise<Selection[]> {
  const { rows } = await db.query<Selection>(
    `SELECT ${SELECTION_COLUMNS} FROM sentinel_selections s
       LEFT JOIN sentinel_interviews i ON i.selection_id = s.id
     WHERE s.round_id = $1 ORDER BY s.id`,
    [roundId],
  );
  return rows;
}

export async function findSelection(db: Queryable, roundId: number, code: string): Promise<Selection> {
  const { rows } = await db.query<Selection>(
    `SELECT ${SELECTION_COLUMNS} FROM sentinel_selections s
       LEFT JOIN sentinel_interviews i ON i.selection_id = s.id
     WHERE s.round_id = $1 AND s.code = $2`,
    [roundId, code],
  );
  if (!rows[0]) throw new UserError(`no selection "${code}" in this round`, 'not_found');
  return rows[0];
}

/** Adds selections made in the field: replacements, and people intercepted in a time slot. */
export async function addSelections(
  db: Queryable,
  roundId: number,
  selections: readonly NewSelection[],
): Promise<number[]> {
  const codes = selections.map((selection) => selection.code);
  const clash = await db.query<{ code: string }>(
    'SELECT code FROM sentinel_selections WHERE round_id = $1 AND code = ANY($2::text[])',
    [roundId, codes],
  );
  if (clash.rows.length > 0)
    throw new UserError(`selection "${clash.rows[0].code}" already exists in this round`, 'conflict');
  return insertSelections(db, roundId, selections);
}

/** Records what happened to a selection in the field. */
export async function recordSelectionOutcome(
  db: Queryable,
  selectionId: number,
  outcome: SelectionOutcomeValue,
  recordedBy: string,
): Promise<void> {
  await db.query(
    `UPDATE sentinel_selections SET outcome = $2, outcome_recorded_by = $3, outcome_recorded_at = now()
     WHERE id = $1`,
    [selectionId, outcome, recordedBy],
  );
}

/** Time–location plans: the arrivals the team counted in a drawn slot. */
export async function recordSlotArrivals(
  db: Queryable,
  roundId: number,
  slot: string,
  arrivals: number,
  recordedBy: string,
): Promise<void> {
  await db.query(
    `INSERT INTO sentinel_slot_arrivals (round_id, slot, arrivals, recorded_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (round_id, slot) DO UPDATE SET arrivals = EXCLUDED.arrivals,
       recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
    [roundId, slot, arrivals, recordedBy],
  );
}

export async function listSlotArrivals(
  db: Queryable,
  roundId: number,
): Promise<{ slot: string; arrivals: number }[]> {
  const { rows } = await db.query<{ slot: string; arrivals: number }>(
    'SELECT slot, arrivals FROM sentinel_slot_arrivals WHERE round_id = $1 ORDER BY slot',
    [roundId],
  );
  return rows;
}
