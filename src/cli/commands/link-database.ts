import type { Command } from 'commander';
import type { LinkConfig } from '../../analytics/linkage/index.ts';
import { UserError } from '../../domain/errors.ts';
import type { Table } from '../../ingest/read-table.ts';
import { linkStoredRecords, undoEntityChange } from '../../jobs/index.ts';
import { personMembershipPatterns } from '../../store/repositories/entities.ts';
import { findSourceByName } from '../../store/repositories/sources.ts';
import { commandLineActor, withStore } from '../context.ts';
import { printJson, printTable } from '../output.ts';

/** The flags of `siren link --db` (the file mode's `--config` arrives parsed). */
export interface DatabaseLinkFlags {
  source?: string[];
  threshold?: string;
  seed?: string;
  json?: boolean;
}

function sourceNames(values: readonly string[] | undefined): string[] | undefined {
  const names = values
    ?.flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return names && names.length > 0 ? names : undefined;
}

/**
 * `siren link --db`: links the person records in the database (all person sources, or `--source`),
 * incrementally when entities exist, and stores entities, same_as links, candidates and history.
 */
export async function linkDatabase(
  flags: DatabaseLinkFlags,
  config: Partial<LinkConfig> | undefined,
): Promise<void> {
  const threshold = flags.threshold === undefined ? undefined : Number(flags.threshold);
  if (threshold !== undefined && !(threshold > 0 && threshold < 1))
    throw new UserError(
      `--threshold must be a probability between 0 and 1, got "${flags.threshold}"`,
      'invalid_input',
    );
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed))
    throw new UserError(`--seed must be a whole number, got "${flags.seed}"`, 'invalid_input');
  const report = await withStore((store) =>
    linkStoredRecords(store.database, store.cipher, {
      actor: commandLineActor(),
      sources: sourceNames(flags.source),
      threshold,
      config,
      seed,
    }),
  );
  if (flags.json) return printJson(report);
  printTable(
    [
      { measure: 'run', value: report.runId },
      { measure: 'person records', value: report.records },
      {
        measure: report.incremental ? 'new records (incremental run)' : 'new records',
        value: report.newRecords,
      },
      { measure: 'candidate pairs compared', value: report.comparisons },
      { measure: `same_as links (p >= ${report.threshold})`, value: report.links },
      { measure: 'analyst decisions used', value: report.labels.confirmed + report.labels.rejected },
      { measure: 'entities', value: report.entities },
      ...Object.entries(report.events).map(([event, count]) => ({
        measure: `${event} events`,
        value: count,
      })),
      { measure: 'seconds', value: report.seconds },
    ],
    ['measure', 'value'],
  );
}

/** `siren link undo HISTORY_ID`. */
export function registerLinkDatabaseCommands(link: Command): void {
  link
    .command('undo')
    .description('undo one change of the stored entities (a create, add, merge or split) by its history id')
    .argument('<history-id>', 'id of the entity history entry (see the API /api/entities/:id)')
    .option('--json', 'print the result as JSON')
    .action(async (historyId: string, _flags: unknown, command: Command) => {
      // `--json` after `link undo` is also a flag of `link` itself, which commander gives it first.
      const flags = command.optsWithGlobals<{ json?: boolean }>();
      const id = Number(historyId);
      if (!Number.isSafeInteger(id) || id < 1)
        throw new UserError(
          `HISTORY_ID must be a positive whole number, got "${historyId}"`,
          'invalid_input',
        );
      const result = await withStore(({ database }) =>
        database.transaction((transaction) => undoEntityChange(transaction, id, commandLineActor())),
      );
      if (flags.json) return printJson(result);
      process.stdout.write(
        `undid history ${result.undone} (logged as history ${result.history}); entities changed: ${result.entities.join(', ')}\n`,
      );
    });
}

/**
 * `siren estimate mse --from-entities`: the list-membership pattern table (one 0/1 column per
 * source and a count, the SparseMSE layout) of the person entities stored by `siren link --db`.
 */
export async function entityPatternTable(sources: readonly string[] | undefined): Promise<Table> {
  const names = sourceNames(sources);
  const membership = await withStore(async ({ database }) => {
    for (const name of names ?? [])
      if (!(await findSourceByName(database, name)))
        throw new UserError(`no source named "${name}"`, 'not_found');
    return personMembershipPatterns(database, names);
  });
  if (membership.patterns.length === 0)
    throw new UserError('no person entities are stored: run siren link --db first', 'not_found');
  return {
    file: `entities${names ? ` of ${names.join(', ')}` : ''}`,
    columns: [...membership.sources, 'count'],
    rows: membership.patterns.map((row) => ({
      ...Object.fromEntries(membership.sources.map((source, index) => [source, String(row.pattern[index])])),
      count: String(row.count),
    })),
  };
}
