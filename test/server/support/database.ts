import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { type Database, migrate, openDatabase } from '../../../src/store/index.ts';

/** Where a test file's database lives: PGlite in memory, or a fresh database on the server. */
export interface DatabaseTarget {
  kind: 'pglite' | 'postgresql';
  open(): Promise<Database>;
}

const serverUrl = process.env.DATABASE_URL;

/** Creates `siren_t_<random>` on the server named by DATABASE_URL; closing the database drops it. */
async function openFreshServerDatabase(url: string): Promise<Database> {
  const name = `siren_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString() });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: url });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  return database;
}

export const databaseTargets: DatabaseTarget[] = [
  {
    kind: 'pglite',
    open: async () => {
      const database = await openDatabase({});
      await migrate(database);
      return database;
    },
  },
  ...(serverUrl
    ? [
        {
          kind: 'postgresql' as const,
          open: async () => {
            const database = await openFreshServerDatabase(serverUrl);
            await migrate(database);
            return database;
          },
        },
      ]
    : []),
];

/** Runs a suite on PGlite, and again on the PostgreSQL server when DATABASE_URL is set. */
export function describeOnEachDatabase(name: string, body: (target: DatabaseTarget) => void): void {
  for (const target of databaseTargets) describe(`${name} [${target.kind}]`, () => body(target));
}
