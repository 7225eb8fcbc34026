import type { Queryable } from '../database.ts';

/** A published output (briefing, data sheet, map, data set): what readers and the public may see. */
export interface Publication {
  id: number;
  organisation: string;
  kind: string;
  title: string;
  summary: string;
  body: unknown;
  publishedAt: string;
}

const COLUMNS = `p.id, o.name AS organisation, p.kind, p.title, p.summary, p.body,
  to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "publishedAt"`;

export async function listPublished(db: Queryable, limit = 100): Promise<Omit<Publication, 'body'>[]> {
  const { rows } = await db.query<Omit<Publication, 'body'>>(
    `SELECT p.id, o.name AS organisation, p.kind, p.title, p.summary,
       to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "publishedAt"
     FROM publications p JOIN organisations o ON o.id = p.organisation_id
     WHERE p.published_at IS NOT NULL ORDER BY p.published_at DESC, p.id DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

/** One publication, only if it has been published. */
export async function findPublished(db: Queryable, id: number): Promise<Publication | undefined> {
  const { rows } = await db.query<Publication>(
    `SELECT ${COLUMNS} FROM publications p JOIN organisations o ON o.id = p.organisation_id
     WHERE p.id = $1 AND p.published_at IS NOT NULL`,
    [id],
  );
  return rows[0];
}

export async function insertPublication(
  db: Queryable,
  publication: {
    organisationId: number;
    kind: string;
    title: string;
    summary: string;
    body: unknown;
    published: boolean;
    createdBy: string;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO publications (organisation_id, kind, title, summary, body, published_at, created_by)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END, $7) RETURNING id`,
    [
      publication.organisationId,
      publication.kind,
      publication.title,
      publication.summary,
      JSON.stringify(publication.body),
      publication.published,
      publication.createdBy,
    ],
  );
  return rows[0].id;
}
