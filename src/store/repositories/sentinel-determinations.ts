import type { Queryable } from '../database.ts';

/**
 * Trafficking determinations of sentinel interviews. The rule set itself is stored under its
 * fingerprint (a hash of its canonical JSON), so that any stored determination can be re-run with
 * exactly the rule that made it and two rule sets' results compared. Classifying again with the
 * same fingerprint replaces that rule set's determinations; other rule sets' stay.
 */
export interface StoredRuleSet {
  fingerprint: string;
  ruleSetId: string;
  version: string;
  title: string;
  definition: unknown;
}

export interface NewDetermination {
  interviewId: number;
  status: 'trafficked' | 'not_trafficked' | 'undetermined';
  firedIndicators: readonly string[];
  unknownIndicators: readonly string[];
  decisions: Record<string, boolean | null>;
}

export interface StoredDetermination extends NewDetermination {
  instanceId: string;
  roundId: number;
  ruleSetId: string;
  ruleSetVersion: string;
  ruleSetFingerprint: string;
}

export async function saveRuleSet(db: Queryable, ruleSet: StoredRuleSet): Promise<void> {
  await db.query(
    `INSERT INTO sentinel_rule_sets (fingerprint, rule_set_id, version, title, definition)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (fingerprint) DO NOTHING`,
    [
      ruleSet.fingerprint,
      ruleSet.ruleSetId,
      ruleSet.version,
      ruleSet.title,
      JSON.stringify(ruleSet.definition),
    ],
  );
}

export async function findRuleSet(db: Queryable, fingerprint: string): Promise<StoredRuleSet | undefined> {
  const { rows } = await db.query<StoredRuleSet>(
    `SELECT fingerprint, rule_set_id AS "ruleSetId", version, title, definition FROM sentinel_rule_sets
     WHERE fingerprint = $1`,
    [fingerprint],
  );
  return rows[0];
}

/** Stores determinations made with one stored rule set, replacing earlier ones by the same fingerprint. */
export async function storeDeterminations(
  db: Queryable,
  ruleSet: Pick<StoredRuleSet, 'fingerprint' | 'ruleSetId' | 'version'>,
  determinations: readonly NewDetermination[],
  classifiedBy: string,
): Promise<void> {
  if (determinations.length === 0) return;
  await db.query(
    `INSERT INTO sentinel_determinations (interview_id, rule_set_id, rule_set_version, rule_set_fingerprint,
       status, fired_indicators, unknown_indicators, decisions, classified_by)
     SELECT d.interview_id, $1, $2, $3, d.status, d.fired, d.unknown, d.decisions, $4
     FROM jsonb_to_recordset($5::jsonb) AS d(interview_id bigint, status text, fired jsonb, unknown jsonb, decisions jsonb)
     ON CONFLICT (interview_id, rule_set_fingerprint) DO UPDATE SET status = EXCLUDED.status,
       fired_indicators = EXCLUDED.fired_indicators, unknown_indicators = EXCLUDED.unknown_indicators,
       decisions = EXCLUDED.decisions, classified_by = EXCLUDED.classified_by, classified_at = now()`,
    [
      ruleSet.ruleSetId,
      ruleSet.version,
      ruleSet.fingerprint,
      classifiedBy,
      JSON.stringify(
        determinations.map((item) => ({
          interview_id: item.interviewId,
          status: item.status,
          fired: item.firedIndicators,
          unknown: item.unknownIndicators,
          decisions: item.decisions,
        })),
      ),
    ],
  );
}

/** Determinations of a site's interviews (optionally one round, one rule set fingerprint or id). */
export async function listDeterminations(
  db: Queryable,
  filter: { siteId: number; roundId?: number; fingerprint?: string; ruleSetId?: string },
): Promise<StoredDetermination[]> {
  const parameters: unknown[] = [filter.siteId];
  let condition = 'i.site_id = $1';
  if (filter.roundId !== undefined) {
    parameters.push(filter.roundId);
    condition += ` AND i.round_id = $${parameters.length}`;
  }
  if (filter.fingerprint !== undefined) {
    parameters.push(filter.fingerprint);
    condition += ` AND d.rule_set_fingerprint = $${parameters.length}`;
  }
  if (filter.ruleSetId !== undefined) {
    parameters.push(filter.ruleSetId);
    condition += ` AND d.rule_set_id = $${parameters.length}`;
  }
  const { rows } = await db.query<StoredDetermination>(
    `SELECT d.interview_id AS "interviewId", i.instance_id AS "instanceId", i.round_id AS "roundId",
       d.rule_set_id AS "ruleSetId", d.rule_set_version AS "ruleSetVersion",
       d.rule_set_fingerprint AS "ruleSetFingerprint", d.status, d.fired_indicators AS "firedIndicators",
       d.unknown_indicators AS "unknownIndicators", d.decisions
     FROM sentinel_determinations d JOIN sentinel_interviews i ON i.id = d.interview_id
     WHERE ${condition} ORDER BY d.interview_id, d.rule_set_fingerprint`,
    parameters,
  );
  return rows;
}
