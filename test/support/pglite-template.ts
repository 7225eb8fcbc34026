import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type Database, migrate, openDatabase } from '../../src/store/index.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';

/**
 * A migrated, empty PGlite data folder kept as a tarball in the temporary folder, keyed by the
 * migrations' content, so that tests start from it instead of running initdb and every migration again.
 */
function templatePath(): string {
  const hash = createHash('sha256');
  for (const migration of MIGRATIONS) hash.update(migration.id).update(migration.sql);
  return join(tmpdir(), `siren-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
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
