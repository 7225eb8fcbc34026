import { UserError } from '../../domain/errors.ts';
import type { Queryable } from '../database.ts';

/**
 * Sentinel sites and their official counts. A site is a gazetteer place (admin-1 code), optionally
 * a border crossing, with the population it serves and the organisation that runs it. Which sites
 * a caller sees is a {@link SentinelScope}: an organisation, and for field researchers the one site
 * named on their account (`users.site`, matched to the site's code or name, case-insensitively).
 */
export interface SentinelScope {
  organisationId: number;
  /** Field researchers: the site on their account; null sees every site of the organisation. */
  site: string | null;
}

export interface SentinelSite {
  id: number;
  code: string;
  name: string;
  placeCode: string;
  crossingCode: string | null;
  populationServed: string;
  organisationId: number;
}

export interface NewSentinelSite {
  code: string;
  name: string;
  placeCode: string;
  crossingCode?: string | null;
  populationServed: string;
  organisationId: number;
}

export interface OfficialCount {
  siteId: number;
  period: string;
  periodStart: string;
  periodEnd: string;
  count: number;
  source: string;
}

const SITE_COLUMNS = `id, code, name, place_code AS "placeCode", crossing_code AS "crossingCode",
  population_served AS "populationServed", organisation_id AS "organisationId"`;

/** The SQL condition (and its parameters appended to `parameters`) of the sites a scope sees. */
export function siteScopeCondition(scope: SentinelScope, parameters: unknown[], alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  parameters.push(scope.organisationId);
  let condition = `${prefix}organisation_id = $${parameters.length}`;
  if (scope.site !== null) {
    parameters.push(scope.site.toLowerCase());
    condition += ` AND (lower(${prefix}code) = $${parameters.length} OR lower(${prefix}name) = $${parameters.length})`;
  }
  return condition;
}

export async function createSite(db: Queryable, site: NewSentinelSite): Promise<SentinelSite> {
  const existing = await db.query('SELECT 1 FROM sentinel_sites WHERE code = $1', [site.code]);
  if (existing.rows.length > 0) throw new UserError(`site "${site.code}" already exists`, 'conflict');
  const { rows } = await db.query<SentinelSite>(
    `INSERT INTO sentinel_sites (code, name, place_code, crossing_code, population_served, organisation_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SITE_COLUMNS}`,
    [
      site.code,
      site.name,
      site.placeCode,
      site.crossingCode ?? null,
      site.populationServed,
      site.organisationId,
    ],
  );
  return rows[0];
}

export async function listSites(db: Queryable, scope: SentinelScope): Promise<SentinelSite[]> {
  const parameters: unknown[] = [];
  const { rows } = await db.query<SentinelSite>(
    `SELECT ${SITE_COLUMNS} FROM sentinel_sites WHERE ${siteScopeCondition(scope, parameters)} ORDER BY code`,
    parameters,
  );
  return rows;
}

/** A site by code or id as the scope sees it; a site outside the scope does not exist (not found). */
export async function findSite(
  db: Queryable,
  scope: SentinelScope,
  codeOrId: string | number,
): Promise<SentinelSite> {
  const parameters: unknown[] = [];
  const condition = siteScopeCondition(scope, parameters);
  parameters.push(String(codeOrId));
  const { rows } = await db.query<SentinelSite>(
    `SELECT ${SITE_COLUMNS} FROM sentinel_sites WHERE ${condition}
       AND (code = $${parameters.length} OR id::text = $${parameters.length})`,
    parameters,
  );
  if (!rows[0]) throw new UserError(`no sentinel site "${codeOrId}"`, 'not_found');
  return rows[0];
}

/** Records (or replaces) the official count of a site for a period, e.g. deportees handed over in a week. */
export async function recordOfficialCount(
  db: Queryable,
  count: OfficialCount,
  recordedBy: string,
): Promise<void> {
  await db.query(
    `INSERT INTO sentinel_official_counts (site_id, period, period_start, period_end, count, source, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (site_id, period) DO UPDATE SET period_start = EXCLUDED.period_start,
       period_end = EXCLUDED.period_end, count = EXCLUDED.count, source = EXCLUDED.source,
       recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
    [count.siteId, count.period, count.periodStart, count.periodEnd, count.count, count.source, recordedBy],
  );
}

/** A site's official counts, optionally only the periods that overlap [from, to]. */
export async function listOfficialCounts(
  db: Queryable,
  siteId: number,
  within?: { from: string; to: string },
): Promise<OfficialCount[]> {
  const parameters: unknown[] = [siteId];
  let condition = 'site_id = $1';
  if (within) {
    parameters.push(within.from, within.to);
    condition += ' AND period_end >= $2 AND period_start <= $3';
  }
  const { rows } = await db.query<OfficialCount>(
    `SELECT site_id AS "siteId", period, to_char(period_start, 'YYYY-MM-DD') AS "periodStart",
       to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", count, source
     FROM sentinel_official_counts WHERE ${condition} ORDER BY period_start, period`,
    parameters,
  );
  return rows;
}
