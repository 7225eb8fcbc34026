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
import { appendAudit } from '../../store/repositories/audit.ts';
import { findEstimateRun, listEstimateRuns } from '../../store/repositories/estimate-runs.ts';
import { findOrganisationByName } from '../../store/repositories/organisations.ts';
import { commandLineActor, withStore } from '../context.ts';
import { createProgress, printJson, printTable } from '../output.ts';

/** The options every `siren estimate` family adds for storing its run. */
export interface SaveOptions {
  save?: boolean;
  organisation?: string;
}

/** Adds `--save` and `--organisation` to an estimate command. */
export function addSaveOptions(command: Command): Command {
  return command
    .option(
      '--save',
      'store the run (input sealed, parameters, seed, results, code version) and print its id',
    )
    .option('--organisation <name>', 'with --save: the organisation that owns the run (default: none)');
}

/**
 * Stores a run computed at the command line in the configured database. The id goes to stderr so
 * that stdout stays the result (and `--json` output unchanged).
 */
export async function saveRunIfAsked(
  options: SaveOptions,
  request: EstimateRequest,
  outcome: { results: Record<string, unknown>; warnings: string[] },
): Promise<void> {
  if (!options.save) {
    if (options.organisation !== undefined)
      throw new UserError('--organisation goes with --save', 'invalid_input');
    return;
  }
  const id = await withStore(async (store) => {
    let organisationId: number | null = null;
    if (options.organisation !== undefined) {
      const organisation = await findOrganisationByName(store.database, options.organisation);
      if (!organisation) throw new UserError(`no organisation named "${options.organisation}"`, 'not_found');
      organisationId = Number(organisation.id);
    }
    return saveEstimateRun(store.database, store, request, outcome, {
      organisationId,
      createdBy: commandLineActor(),
      codeVersion: codeVersion(),
      jobId: null,
    });
  });
  process.stderr.write(`saved estimate run ${id}\n`);
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
