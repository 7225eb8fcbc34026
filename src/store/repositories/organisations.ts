import type { Queryable } from '../database.ts';

export interface Organisation {
  id: number;
  name: string;
}

export async function findOrganisationByName(db: Queryable, name: string): Promise<Organisation | undefined> {
  const { rows } = await db.query<Organisation>('SELECT id, name FROM organisations WHERE name = $1', [name]);
  return rows[0];
}

export async function createOrganisation(db: Queryable, name: string): Promise<Organisation> {
  const { rows } = await db.query<Organisation>(
    'INSERT INTO organisations (name) VALUES ($1) RETURNING id, name',
    [name],
  );
  return rows[0];
}

/** The organisation imports act for when none is named: the first one created. */
export async function firstOrganisation(db: Queryable): Promise<Organisation | undefined> {
  const { rows } = await db.query<Organisation>('SELECT id, name FROM organisations ORDER BY id LIMIT 1');
  return rows[0];
}

export async function listOrganisations(db: Queryable): Promise<Organisation[]> {
  const { rows } = await db.query<Organisation>('SELECT id, name FROM organisations ORDER BY id');
  return rows;
}
