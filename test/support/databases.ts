import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { FieldCipher, generateKeyHex, parseKey } from '../../src/store/crypto.ts';
import { type Database, migrate, openDatabase } from '../../src/store/index.ts';
import { openFromTemplate } from './pglite-template.ts';

/** A database a test can use: PGlite in memory, or a fresh database on the PostgreSQL server. */
export interface TestDatabaseTarget {
  kind: 'pglite' | 'postgresql';
  /** Opens an empty, migrated database; closing it drops it (server) or discards it (PGlite). */
  open(): Promise<Database>;
}

const serverUrl = process.env.DATABASE_URL;

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

/** PGlite always; the PostgreSQL server too when `DATABASE_URL` is set. */
export const testDatabaseTargets: TestDatabaseTarget[] = [
  {
    kind: 'pglite',
    open: openFromTemplate,
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

let announced = false;

/** Runs a suite once per database target (PGlite, and the server when `DATABASE_URL` is set). */
export function describeOnEachDatabase(name: string, body: (target: TestDatabaseTarget) => void): void {
  if (!serverUrl && !announced) {
    announced = true;
    console.log('skipped: PostgreSQL server runs (DATABASE_URL is not set); PGlite runs only');
  }
  for (const target of testDatabaseTargets) describe(`${name} [${target.kind}]`, () => body(target));
}

/** A cipher with a random key, for tests. */
export function testCipher(): FieldCipher {
  return new FieldCipher({ current: parseKey(generateKeyHex()), previous: [] });
}
