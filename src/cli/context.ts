import { loadConfig } from '../config.ts';
import { openStore, type Store } from '../store/index.ts';

/** Opens the configured store for one command, and closes it whatever happens. */
export async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = await openStore(config, (message) => process.stderr.write(`siren: warning: ${message}\n`));
  try {
    return await work(store);
  } finally {
    await store.database.close();
  }
}

/** Who runs a command, for provenance and the audit log. */
export function commandLineActor(): string {
  return `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`;
}
