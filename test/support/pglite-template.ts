import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Database, migrate, openDatabase } from '../../src/store/index.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';

/** The migrations' content, naming the templates so that a changed migration makes new ones. */
export function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const migration of MIGRATIONS) hash.update(migration.id).update(migration.sql);
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated, empty PGlite data folder kept as a tarball in the temporary folder, keyed by the
 * migrations' content, so that tests start from it instead of running initdb and every migration again.
 */
function templatePath(): string {
  return join(tmpdir(), `siren-pglite-template-${migrationsKey()}.tar`);
}

async function ensurePgliteTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  const embedded = new PGlite();
  const database = await openDatabase({ embedded });
  await migrate(database);
  const dump = await embedded.dumpDataDir('none');
  const temporary = `${path}.${process.pid}`;
  writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
  renameSync(temporary, path);
  await database.close();
  return path;
}

/** An empty migrated in-memory PGlite, loaded from the template. */
export async function openFromTemplate(): Promise<Database> {
  const path = await ensurePgliteTemplate();
  const embedded = new PGlite({ loadDataDir: new Blob([readFileSync(path)]) });
  return openDatabase({ embedded });
}

/**
 * The template unpacked once into a folder on disk, as `siren` keeps its embedded database
 * (SIREN_DATA/pglite): unpacking costs about a third of initdb, and copying the folder far less.
 */
async function ensurePgliteFolderTemplate(): Promise<string> {
  const path = join(tmpdir(), `siren-pglite-folder-${migrationsKey()}`);
  if (existsSync(path)) return path;
  const temporary = `${path}.${process.pid}`;
  const embedded = new PGlite(temporary, {
    loadDataDir: new Blob([readFileSync(await ensurePgliteTemplate())]),
  });
  await embedded.waitReady;
  await embedded.close();
  try {
    renameSync(temporary, path);
  } catch (error) {
    // Another process made it first.
    if (!existsSync(path)) throw error;
    rmSync(temporary, { recursive: true, force: true });
  }
  return path;
}

/**
 * Makes a SIREN data folder (SIREN_DATA) holding an empty, migrated embedded database, as the first
 * `siren` command leaves it, for tests whose subject is not that first start: a copy of the folder
 * template instead of initdb and every migration (several seconds of CPU) in each test file.
 */
export async function seedDataFolder(dataFolder: string): Promise<void> {
  const template = await ensurePgliteFolderTemplate();
  mkdirSync(dataFolder, { recursive: true });
  cpSync(template, join(dataFolder, 'pglite'), { recursive: true });
}

/** Makes both templates, once, before the test files run in parallel. */
export async function preparePgliteTemplates(): Promise<void> {
  await ensurePgliteFolderTemplate();
}
