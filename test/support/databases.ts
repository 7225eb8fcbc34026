import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { FieldCipher, generateKeyHex, parseKey } from '../../src/store/crypto.ts';
import { type Database, migrate, openDatabase } from '../../src/store/index.ts';
import { migrationsKey, openFromTemplate } from './pglite-template.ts';

/** A database a test can use: PGlite in memory, or a fresh database on the PostgreSQL server. */
export interface TestDatabaseTarget {
  kind: 'pglite' | 'postgresql';
  /** Opens an empty, migrated database (a copy of a template); closing it drops it (server) or discards it (PGlite). */
  open(): Promise<Database>;
}

const serverUrl = process.env.DATABASE_URL;

/** The URL of another database on the same server. */
function databaseUrl(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function onServer<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A migrated, empty database on the server, named by the migrations' content, from which each
 * test's database is copied (CREATE DATABASE ... TEMPLATE) instead of running every migration again.
 * Nothing stays connected to it, as PostgreSQL requires of a template.
 */
async function ensureServerTemplate(url: string): Promise<string> {
  const name = `siren_template_${migrationsKey()}`;
  const exists = async () =>
    (await onServer(url, (admin) => admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])))
      .rowCount === 1;
  if (await exists()) return name;
  const building = `${name}_${randomBytes(4).toString('hex')}`;
  await onServer(url, (admin) => admin.query(`CREATE DATABASE ${building}`));
  const database = await openDatabase({ databaseUrl: databaseUrl(url, building) });
  await migrate(database);
  await database.close();
  try {
    await onServer(url, (admin) => admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`));
  } catch (error) {
    // Another process made it first.
    await onServer(url, (admin) => admin.query(`DROP DATABASE IF EXISTS ${building}`));
    if (!(await exists())) throw error;
  }
  return name;
}

/** Makes the server's template database, once, before the test files run in parallel (when DATABASE_URL is set). */
export async function prepareServerTemplate(): Promise<void> {
  if (serverUrl) await ensureServerTemplate(serverUrl);
}

async function openFreshServerDatabase(url: string): Promise<Database> {
  const name = `siren_t_${randomBytes(6).toString('hex')}`;
  const template = await ensureServerTemplate(url);
  await onServer(url, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const database = await openDatabase({ databaseUrl: databaseUrl(url, name) });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    await onServer(url, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
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
          open: () => openFreshServerDatabase(serverUrl),
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
