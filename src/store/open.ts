import type { Config } from '../config.ts';
import type { FieldCipher } from './crypto.ts';
import { type Database, openDatabase } from './database.ts';
import { loadFieldCipher } from './keys.ts';
import { migrate } from './migrate.ts';

export interface Store {
  database: Database;
  cipher: FieldCipher;
}

/** Opens the configured database (PGlite in the data folder, or the server), migrated, with its cipher. */
export async function openStore(config: Config, warn: (message: string) => void = () => {}): Promise<Store> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDirectory: config.dataDirectory,
  });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const cipher = loadFieldCipher(config, warn);
  return { database, cipher };
}
