import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { loadDemoWorld } from '../../ingest/demo.ts';
import type { ImportReport } from '../../ingest/import-files.ts';
import { type LinkStoredReport, linkStoredRecords } from '../../jobs/index.ts';
import { createDemoAccounts, startServer } from '../../server/index.ts';
import { openStore, type Store } from '../../store/index.ts';
import { listSources } from '../../store/repositories/sources.ts';

export interface DemoPreparation {
  reports: ImportReport[];
  linkage: LinkStoredReport;
}

/**
 * The demo's data on first start: the synthetic world imported ({@link loadDemoWorld}), then its
 * person records linked into entities as `siren link --db` does, so that analysts find entities and
 * pairs near the threshold to review. Linking adds about 3 s to the 5 s import at 3000 people.
 */
export async function prepareDemo(
  store: Store,
  options: { dataDirectory: string; people: number; weeks?: number; log: (line: string) => void },
): Promise<DemoPreparation> {
  const started = Date.now();
  options.log(
    `first start: generating a demo world of ${options.people} people in ${join(options.dataDirectory, 'demo-world')}`,
  );
  const reports = await loadDemoWorld(store, {
    dataDirectory: options.dataDirectory,
    people: options.people,
    weeks: options.weeks,
    onSource: (name, index, total) => options.log(`importing demo source ${index + 1}/${total}: ${name}`),
  });
  const rows = reports.reduce((sum, report) => sum + report.rows, 0);
  options.log(
    `demo world loaded: ${rows} records in ${reports.length} sources (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  const linkStarted = Date.now();
  const linkage = await linkStoredRecords(store.database, store.cipher, { actor: 'siren start (demo)' });
  options.log(
    `demo person records linked: ${linkage.records} records into ${linkage.entities} entities, ${linkage.candidates} candidate pairs kept for review (${((Date.now() - linkStarted) / 1000).toFixed(1)} s)`,
  );
  return { reports, linkage };
}

/** Prepares the demo and prints its accounts, on a database that holds no source yet. */
async function loadDemo(store: Store, dataDirectory: string, people: number): Promise<void> {
  await prepareDemo(store, {
    dataDirectory,
    people,
    log: (line) => process.stderr.write(`siren: ${line}\n`),
  });
  const accounts = await createDemoAccounts(store);
  if (accounts.length > 0) {
    process.stdout.write(
      '\nDemo accounts (passwords are shown this once; they are not stored in clear anywhere):\n',
    );
    for (const account of accounts)
      process.stdout.write(`  ${account.role.padEnd(17)} ${account.email.padEnd(38)} ${account.password}\n`);
    process.stdout.write('\n');
  }
}

/** `siren start`: the embedded database (or DATABASE_URL), demo data on first start, and the server. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start SIREN: database, demo data on first start (SIREN_DEMO=off to skip), web app and API')
    .addHelpText(
      'after',
      `
Environment: PORT (default 8080), HOST (default 127.0.0.1), SIREN_DATA (default ./.siren-data),
DATABASE_URL (a PostgreSQL server instead of the embedded database), SIREN_KEY (64 hex characters;
generated into the data folder for the embedded demo), SIREN_DEMO (auto|off), SIREN_DEMO_PEOPLE.`,
    )
    .action(async () => {
      const config = loadConfig();
      const store = await openStore(config, (message) =>
        process.stderr.write(`siren: warning: ${message}\n`),
      );
      try {
        if (config.demo === 'auto' && (await listSources(store.database)).length === 0)
          await loadDemo(store, config.dataDirectory, config.demoPeople);
      } catch (error) {
        await store.database.close();
        throw error;
      }
      if (
        !existsSync(new URL('../../../web/dist/index.html', import.meta.url)) ||
        !existsSync(new URL('../../../generated/gms-admin1.geojson', import.meta.url))
      )
        process.stderr.write('siren: warning: the web app or the map is not built: run npm run build\n');
      const { address, stop } = await startServer(store, config);
      process.stdout.write(
        `SIREN is running on ${address.replace('127.0.0.1', 'localhost')} (${store.database.kind}); Ctrl-C stops it\n`,
      );
      await new Promise<void>((resolve) => {
        const finish = () => {
          void stop().then(resolve);
        };
        process.once('SIGINT', finish);
        process.once('SIGTERM', finish);
      });
    });
}
