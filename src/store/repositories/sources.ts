import type { SourceKind } from '../../domain/fields.ts';
import type { Queryable } from '../database.ts';

export interface Source {
  id: number;
  name: string;
  kind: SourceKind;
  organisationId: number;
}

const COLUMNS = 'id, name, kind, organisation_id AS "organisationId"';

export async function findSourceByName(db: Queryable, name: string): Promise<Source | undefined> {
  const { rows } = await db.query<Source>(`SELECT ${COLUMNS} FROM sources WHERE name = $1`, [name]);
  return rows[0];
}

export async function createSource(
  db: Queryable,
  name: string,
  kind: SourceKind,
  organisationId: number,
): Promise<Source> {
  const { rows } = await db.query<Source>(
    `INSERT INTO sources (name, kind, organisation_id) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
    [name, kind, organisationId],
  );
  return rows[0];
}

export async function listSources(db: Queryable): Promise<Source[]> {
  const { rows } = await db.query<Source>(`SELECT ${COLUMNS} FROM sources ORDER BY name`);
  return rows;
}
