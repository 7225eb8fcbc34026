import type { Command } from 'commander';
import { UserError } from '../../domain/errors.ts';
import {
  codeVersion,
  compareWithStoredRun,
  type EstimateRequest,
  runEstimate,
  saveEstimateRun,
  storedRunRequest,
} from '../../jobs/index.ts';
import { estimateHeadline } from '../../server/services/estimates.ts';
import type { Queryable } from '../../store/database.ts';
import { appendAudit } from '../../store/repositories/audit.ts';
import { findEstimateRun, listEstimateRuns } from '../../store/repositories/estimate-runs.ts';
import {
  createOrganisation,
  listOrganisations,
  type Organisation,
} from '../../store/repositories/organisations.ts';
import { commandLineActor, withStore } from '../context.ts';
import { createProgress, printJson, printTable } from '../output.ts';

/** The options every `siren estimate` family adds for storing its run. */
export interface SaveOptions {
  save?: boolean;
  org?: string;
}

/**
 * Adds `--save` and `--org` to an estimate command. The run's owner is checked before the estimate
 * runs, so that a missing or ambiguous organisation fails at once rather than after a long estimate.
 */
export function addSaveOptions(command: Command): Command {
  return command
    .option(
      '--save',
      'store the run (input sealed, parameters, seed, results, code version) and print its id',
    )
    .option(
      '--org <organisation>',
      'with --save: the organisation that owns the run (default: the only one; required when there are several)',
    )
    .hook('preAction', async (_command, action) => {
      const options = action.opts<SaveOptions>();
      if (options.save) await withStore((store) => runOwner(store.database, options.org, 'check'));
      else if (options.org !== undefined) throw new UserError('--org goes with --save', 'invalid_input');
    });
}

/**
 * The organisation that owns a run saved at the command line: the one named, else the only one, else
 * (none yet) "Local organisation", created on `save` as an import creates it. With several and none
 * named the save is refused: the API lists a run only to its organisation's members, so the command
 * line must not guess which one. `check` only refuses, creating nothing.
 */
async function runOwner(db: Queryable, name: string | undefined, purpose: 'save'): Promise<Organisation>;
async function runOwner(
  db: Queryable,
  name: string | undefined,
  purpose: 'check',
): Promise<Organisation | undefined>;
async function runOwner(
  db: Queryable,
  name: string | undefined,
  purpose: 'check' | 'save',
): Promise<Organisation | undefined> {
  const organisations = await listOrganisations(db);
  const known = organisations.map((organisation) => `"${organisation.name}"`).join(', ');
  if (name !== undefined) {
    const named = organisations.find((organisation) => organisation.name === name);
    if (named) return named;
    throw new UserError(
      `no organisation named "${name}" (organisations: ${known || 'none yet'}); add it with: siren org add "${name}"`,
      'not_found',
    );
  }
  if (organisations.length > 1)
    throw new UserError(
      `--save needs --org: name the organisation that owns the run, one of ${known}`,
      'invalid_input',
    );
  if (organisations.length === 1) return organisations[0];
  return purpose === 'save' ? createOrganisation(db, 'Local organisation') : undefined;
}

/**
 * Stores a run computed at the command line in the configured database, owned by its organisation
 * (see runOwner). The id and owner go to stderr so that stdout stays the result (and `--json` output
 * unchanged).
 */
export async function saveRunIfAsked(
  options: SaveOptions,
  request: EstimateRequest,
  outcome: { results: Record<string, unknown>; warnings: string[] },
): Promise<void> {
  if (!options.save) return;
  const { id, owner } = await withStore(async (store) => {
    const owner = await runOwner(store.database, options.org, 'save');
    const id = await saveEstimateRun(store.database, store, request, outcome, {
      organisationId: Number(owner.id),
      createdBy: commandLineActor(),
      codeVersion: codeVersion(),
      jobId: null,
    });
    return { id, owner };
  });
  process.stderr.write(`saved estimate run ${id} for organisation "${owner.name}"\n`);
}

function runId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new UserError(`a run id is a whole number of at least 1, got "${text}"`, 'invalid_input');
  return id;
}

/** The estimate in a run's results that a listing shows, with its interval. */
function headline(method: string, results: Record<string, unknown>): string {
  const figure = estimateHeadline(method, results);
  if (!figure) return '';
  const precision = (value: number | null) => (value === null ? '…' : value.toPrecision(4));
  return `${figure.label}: ${figure.estimate.toPrecision(6)} (${precision(figure.lower)}–${precision(figure.upper)})`;
}

/** `siren estimate runs | show ID | reproduce ID`: stored runs at the command line. */
export function registerEstimateRuns(estimate: Command): void {
  estimate
    .command('runs')
    .description('stored estimate runs, newest first')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print the runs as JSON')
    .action(async (options: { limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isSafeInteger(limit) || limit < 1)
        throw new UserError(
          `--limit must be a whole number of at least 1, got "${options.limit}"`,
          'invalid_input',
        );
      const runs = await withStore(async (store) => {
        const summaries = await listEstimateRuns(store.database, 'all', limit);
        return Promise.all(
          summaries.map(async (summary) => ({
            ...summary,
            results: (await findEstimateRun(store.database, summary.id, 'all'))?.results ?? {},
          })),
        );
      });
      if (options.json) return printJson({ runs: runs.map(({ results: _results, ...summary }) => summary) });
      printTable(
        runs.map((run) => ({
          id: run.id,
          method: run.method,
          source: run.inputSource,
          seed: run.seed,
          estimate: headline(run.method, run.results),
          code: run.codeVersion,
          created: run.createdAt,
          by: run.createdBy,
        })),
        ['id', 'method', 'source', 'seed', 'estimate', 'code', 'created', 'by'],
      );
    });

  estimate
    .command('show')
    .description('one stored run: input hash and source, parameters, seed, results, warnings, code version')
    .argument('<id>', 'run id (from `siren estimate runs` or --save)')
    .option('--json', 'print the run as JSON')
    .action(async (text: string, options: { json?: boolean }) => {
      const id = runId(text);
      const run = await withStore((store) => findEstimateRun(store.database, id, 'all'));
      if (!run) throw new UserError(`no estimate run ${id}`, 'not_found');
      if (options.json) return printJson(run);
      printTable([
        { field: 'method', value: run.method },
        { field: 'input', value: run.inputSource },
        { field: 'input hash (SHA-256)', value: run.inputHash },
        { field: 'seed', value: run.seed },
        { field: 'code version', value: run.codeVersion },
        { field: 'created', value: `${run.createdAt} by ${run.createdBy ?? 'unknown'}` },
        { field: 'estimate', value: headline(run.method, run.results) },
      ]);
      process.stdout.write(`\nparameters ${JSON.stringify(run.parameters)}\n`);
      for (const warning of run.warnings) process.stdout.write(`warning: ${warning}\n`);
    });

  estimate
    .command('reproduce')
    .description(
      'execute a stored run again from its sealed input and compare the results (exit 4 if they differ)',
    )
    .argument('<id>', 'run id')
    .option('--json', 'print the comparison as JSON')
    .option('--quiet', 'no progress bar')
    .action(async (text: string, options: { json?: boolean; quiet?: boolean }) => {
      const id = runId(text);
      const reproduction = await withStore(async (store) => {
        const request = await storedRunRequest(store, id, 'all');
        if (!request) throw new UserError(`no estimate run ${id} with a stored input`, 'not_found');
        await appendAudit(store.database, {
          actor: commandLineActor(),
          action: 'estimate_run.read_input',
          targetType: 'estimate_run',
          targetId: String(id),
          details: { purpose: 'reproduce' },
        });
        const progress = createProgress(`run ${id}`, 1, { quiet: options.quiet || options.json });
        const outcome = runEstimate(request, (done, total) => progress.update(done, total));
        progress.stop();
        return compareWithStoredRun(store, id, outcome.results, codeVersion());
      });
      if (options.json) printJson(reproduction);
      else {
        process.stdout.write(
          reproduction.identical
            ? `run ${id}: results identical\n`
            : `run ${id}: results DIFFER at ${reproduction.differences.join(', ')}\n`,
        );
        if (reproduction.originalCodeVersion !== reproduction.codeVersion)
          process.stdout.write(
            `code version then ${reproduction.originalCodeVersion}, now ${reproduction.codeVersion}\n`,
          );
      }
      if (!reproduction.identical)
        throw new UserError(`run ${id}: the results differ from the stored ones`, 'conflict');
    });
}
