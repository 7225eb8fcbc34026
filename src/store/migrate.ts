import type { Database } from './database.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';

/**
 * Applies every migration not yet applied, each in its own transaction, in id order. Forward only:
 * a database that has a migration this code does not know is refused (it was made by newer code).
 */
export async function migrate(
  database: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  await database.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const { rows } = await database.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
  const applied = new Set(rows.map((row) => row.id));
  const known = new Set(migrations.map((migration) => migration.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new Error(`the database has migrations this version of SIREN does not know: ${unknown.join(', ')}`);
  const newlyApplied: string[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    if (applied.has(migration.id)) continue;
    await database.transaction(async (transaction) => {
      await transaction.exec(migration.sql);
      await transaction.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
    });
    newlyApplied.push(migration.id);
  }
  return newlyApplied;
}

/** The id of the newest applied migration, or null on an empty database. */
export async function migrationLevel(database: Database): Promise<string | null> {
  const { rows } = await database.query<{ id: string }>('SELECT max(id) AS id FROM schema_migrations');
  return rows[0]?.id ?? null;
}
