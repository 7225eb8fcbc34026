import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify';
import { UserError } from '../../domain/errors.ts';
import { isSourceKind, SOURCE_KINDS } from '../../domain/fields.ts';
import { exportRecords } from '../../ingest/export-records.ts';
import { importFiles } from '../../ingest/import-files.ts';
import { loadMapping } from '../../ingest/mapping.ts';
import { migrationLevel } from '../../store/index.ts';
import { listBatches } from '../../store/repositories/import-batches.ts';
import { sourceStatus } from '../../store/repositories/status.ts';
import { commandLineActor, withStore } from '../context.ts';
import { createProgress, printJson, printTable } from '../output.ts';

interface ImportOptions {
  source: string;
  kind: string;
  org?: string;
  mapping?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** `siren import` and `siren status`. */
export function registerPlatformCommands(program: Command): void {
  program
    .command('import')
    .description(
      'import CSV (any delimiter and encoding), XLSX, JSON or NDJSON files into a source, all or nothing',
    )
    .argument('<files...>', 'files to import')
    .requiredOption('--source <name>', 'source name (created on first import)')
    .requiredOption('--kind <kind>', `kind of source: ${SOURCE_KINDS.join(', ')}`)
    .option('--org <organisation>', 'organisation the data belongs to (default: the first one)')
    .option('--mapping <file>', 'mapping file (JSON or YAML) from the file layout to the model')
    .option('--force', 'import a file again even though the same bytes were imported before')
    .option('--json', 'print the import report as JSON')
    .option('--quiet', 'no progress bar')
    .addHelpText(
      'after',
      `
Without --mapping, columns named like the kind's fields (e.g. case_id, given_name, family_name, sex,
date_of_birth, nationality, phone, identified_on for case_management) map to them. Row numbers in
messages count the header as row 1, as a spreadsheet shows them.`,
    )
    .action(async (files: string[], options: ImportOptions) => {
      if (!isSourceKind(options.kind))
        throw new UserError(
          `unknown kind "${options.kind}" (kinds: ${SOURCE_KINDS.join(', ')})`,
          'invalid_input',
        );
      const mapping = options.mapping ? await loadMapping(options.mapping, options.kind) : undefined;
      const report = await withStore(async (store) => {
        const progress = createProgress('importing', 1, options);
        try {
          return await importFiles(store.database, store.cipher, {
            files,
            source: options.source,
            kind: options.kind,
            organisation: options.org,
            mapping,
            force: options.force,
            actor: commandLineActor(),
            onProgress: (done, total) => progress.update(done, total),
          });
        } finally {
          progress.stop();
        }
      });
      if (options.json) return printJson(report);
      for (const file of report.files) {
        process.stdout.write(
          `${file.file}: ${file.rows} rows into ${report.source} (${report.kind}, ${report.organisation}), batch ${file.batchId}, ${file.format}${file.encoding ? `, ${file.encoding}` : ''}\n`,
        );
        if (file.unmappedColumns.length > 0)
          process.stdout.write(`  kept in the raw row only: ${file.unmappedColumns.join(', ')}\n`);
        if (file.unresolvedPlaces.count > 0) {
          process.stdout.write(
            `  ${file.unresolvedPlaces.count} place names not in the gazetteer, for review:\n`,
          );
          for (const place of file.unresolvedPlaces.examples)
            process.stdout.write(`    row ${place.row}, column ${place.column}: "${place.value}"\n`);
        }
      }
    });

  registerExportCommand(program);

  program
    .command('status')
    .description(
      'which database is in use, its migration level, and per source its records, entities, events and imports',
    )
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const status = await withStore(async ({ database }) => ({
        database: { kind: database.kind, version: await database.version() },
        migration: await migrationLevel(database),
        sources: await sourceStatus(database),
        recentImports: (await listBatches(database, 10)).map(({ unresolvedPlaces, ...batch }) => ({
          ...batch,
          unresolvedPlaces: unresolvedPlaces.length,
        })),
      }));
      if (options.json) return printJson(status);
      process.stdout.write(
        `database: ${status.database.kind} ${status.database.version}\nmigration: ${status.migration}\n\n`,
      );
      if (status.sources.length === 0)
        process.stdout.write('no sources yet: import files with siren import\n');
      else printTable(status.sources as unknown as Record<string, unknown>[]);
    });
}

/** `siren export`: a source's records as CSV or HTCDS, with what the format cannot carry said plainly. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export a source as CSV (every field and provenance) or as HTCDS 2.0 victim cases')
    .requiredOption('--source <name>', 'source to export')
    .option('--format <format>', 'csv or htcds', 'csv')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: { source: string; format: string; out?: string }) => {
      if (options.format !== 'csv' && options.format !== 'htcds')
        throw new UserError(
          `unknown export format "${options.format}" (formats: csv, htcds)`,
          'invalid_input',
        );
      const format = options.format;
      await withStore(async (store) => {
        const exported = await exportRecords(store.database, store.cipher, {
          source: options.source,
          format,
          actor: commandLineActor(),
        });
        const output = options.out ? createWriteStream(options.out) : process.stdout;
        const csv = stringify({ header: true, columns: exported.columns });
        csv.pipe(output);
        let count = 0;
        for await (const row of exported.rows) {
          if (!csv.write(row)) await once(csv, 'drain');
          count++;
        }
        csv.end();
        if (options.out) await finished(output);
        process.stderr.write(`siren: exported ${count} records of ${options.source} as ${format}\n`);
        for (const omission of exported.leftOut)
          process.stderr.write(`siren: left out ${omission.field}: ${omission.reason}\n`);
      });
    });
}
