import type { Queryable } from '../database.ts';

export interface SourceStatus {
  source: string;
  kind: string;
  organisation: string;
  records: number;
  entities: number;
  events: number;
  batches: number;
}

/**
 * Per source: records, the entities its records belong to, dated events among its records, and
 * import batches.
 */
export async function sourceStatus(db: Queryable): Promise<SourceStatus[]> {
  const { rows } = await db.query<SourceStatus>(
    `SELECT s.name AS source, s.kind, o.name AS organisation,
       (SELECT count(*) FROM records r WHERE r.source_id = s.id)::int AS records,
       (SELECT count(DISTINCT m.entity_id) FROM entity_members m JOIN records r ON r.id = m.record_id
          WHERE r.source_id = s.id)::int AS entities,
       (SELECT count(*) FROM records r WHERE r.source_id = s.id AND r.event_date IS NOT NULL)::int AS events,
       (SELECT count(*) FROM import_batches b WHERE b.source_id = s.id)::int AS batches
     FROM sources s JOIN organisations o ON o.id = s.organisation_id
     ORDER BY s.name`,
  );
  return rows;
}

/** Records per province code (for the map), optionally limited to some organisations. */
export async function recordsByPlace(
  db: Queryable,
  organisationIds?: readonly number[],
): Promise<{ placeCode: string; records: number }[]> {
  const { rows } = await db.query<{ placeCode: string; records: number }>(
    `SELECT place_code AS "placeCode", count(*)::int AS records FROM records
     WHERE place_code IS NOT NULL AND ($1::bigint[] IS NULL OR organisation_id = ANY($1::bigint[]))
     GROUP BY place_code ORDER BY place_code`,
    [organisationIds ? [...organisationIds] : null],
  );
  return rows;
}
