import type { Command } from 'commander';
import type {
  IntervalMethod,
  MultipleSystemsMethod,
  PopulationEstimate,
} from '../../analytics/estimate/mse/index.ts';
import { UserError } from '../../domain/errors.ts';
import { readTableFile } from '../../ingest/read-table.ts';
import { mseMethod, mseParameters } from '../../jobs/index.ts';
import { createProgress, printJson, printTable } from '../output.ts';
import { addSaveOptions, type SaveOptions, saveRunIfAsked } from './estimate-runs.ts';
import { entityPatternTable } from './link-database.ts';

interface MseCommandOptions extends SaveOptions {
  method: string;
  ci?: string;
  seed: string;
  replicates: string;
  level: string;
  threshold: string;
  countColumn?: string;
  entityColumn?: string;
  listColumn?: string;
  fromEntities?: boolean;
  source?: string;
  sensitivity?: boolean;
  burnIn: string;
  samples: string;
  thinning: string;
  json?: boolean;
  quiet?: boolean;
}

const METHODS: MultipleSystemsMethod[] = ['stepwise', 'aic', 'bic', 'main', 'lcmcr'];
const INTERVALS: IntervalMethod[] = ['bootstrap', 'profile'];

function numberOption(value: string, flag: string, check: (x: number) => boolean, expected: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || !check(parsed))
    throw new UserError(`${flag} must be ${expected}, got "${value}"`, 'invalid_input');
  return parsed;
}

function printSummary(result: PopulationEstimate): void {
  const range = `${result.ci.lower.toFixed(0)} – ${result.ci.upper === null ? '∞' : result.ci.upper.toFixed(0)}`;
  printTable([
    { quantity: 'lists', value: result.lists.join(', ') },
    { quantity: 'observed', value: result.observed },
    { quantity: 'method', value: result.method },
    {
      quantity: 'model',
      value:
        result.method === 'lcmcr'
          ? 'latent classes'
          : ['main effects', ...result.model.interactions.map((pair) => pair.join(':'))].join(' + '),
    },
    { quantity: 'estimate', value: Math.round(result.estimate) },
    { quantity: `${(result.ci.level * 100).toFixed(0)}% interval (${result.ci.method})`, value: range },
  ]);
  if (result.sensitivity) {
    process.stdout.write('\nleave one list out\n');
    printTable(
      result.sensitivity.leaveOneListOut.map((row) => ({
        omitted: row.omitted,
        observed: row.observed,
        estimate: row.estimate === null ? '' : Math.round(row.estimate),
      })),
    );
  }
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
}

/** `siren estimate mse FILE`: multiple systems estimation (capture–recapture over k lists). */
export function registerEstimateMse(estimate: Command): void {
  const command = estimate
    .command('mse')
    .description('population size from overlapping lists: multiple systems estimation (log-linear, LCMCR)')
    .argument(
      '[file]',
      'capture patterns: one 0/1 column per list and a count column (SparseMSE layout), or linked records with --entity-column and --list-column',
    )
    .option('--method <name>', `${METHODS.join(' | ')}`, 'stepwise')
    .option(
      '--ci <method>',
      'bootstrap | profile (default: bootstrap for stepwise/main, profile for aic/bic)',
    )
    .option('--seed <n>', 'random seed (bootstrap, sensitivity, LCMCR)', '1234')
    .option('--replicates <B>', 'bootstrap replicates', '1000')
    .option('--level <p>', 'interval level', '0.95')
    .option('--threshold <p>', 'stepwise p-value threshold (SparseMSE pthresh)', '0.02')
    .option('--count-column <name>', 'count column of a pattern table (default: count, frequency, n or Freq)')
    .option('--entity-column <name>', 'linked records: the resolved entity id column')
    .option('--list-column <name>', 'linked records: the list (source) column')
    .option(
      '--from-entities',
      'instead of a file: the patterns of the person entities stored by siren link --db',
    )
    .option(
      '--source <names>',
      'with --from-entities: comma-separated sources counted as lists (default: all)',
    )
    .option(
      '--sensitivity',
      'add the model-choice bootstrap (200 replicates) to the sensitivity views; the model panel and leave-one-list-out are always computed',
    )
    .option('--burn-in <n>', 'LCMCR burn-in iterations', '10000')
    .option('--samples <n>', 'LCMCR posterior samples', '1000')
    .option('--thinning <n>', 'LCMCR thinning', '100')
    .option('--json', 'print the full result as JSON')
    .option('--quiet', 'no progress bar');
  addSaveOptions(command).action(async (file: string | undefined, options: MseCommandOptions) => {
    const method = options.method as MultipleSystemsMethod;
    if (!METHODS.includes(method))
      throw new UserError(
        `--method must be one of ${METHODS.join(', ')}, got "${options.method}"`,
        'invalid_input',
      );
    const interval = options.ci as IntervalMethod | undefined;
    if (interval !== undefined && !INTERVALS.includes(interval))
      throw new UserError(
        `--ci must be one of ${INTERVALS.join(', ')}, got "${options.ci}"`,
        'invalid_input',
      );
    const seed = numberOption(options.seed, '--seed', Number.isSafeInteger, 'an integer');
    const replicates = numberOption(
      options.replicates,
      '--replicates',
      (x) => Number.isInteger(x) && x >= 20,
      'an integer of at least 20',
    );
    const level = numberOption(options.level, '--level', (x) => x > 0 && x < 1, 'between 0 and 1');
    const threshold = numberOption(
      options.threshold,
      '--threshold',
      (x) => x >= 0 && x <= 1,
      'between 0 and 1',
    );
    const integer = (value: string, flag: string, minimum: number) =>
      numberOption(
        value,
        flag,
        (x) => Number.isInteger(x) && x >= minimum,
        `an integer of at least ${minimum}`,
      );
    const latentClass = {
      burnIn: integer(options.burnIn, '--burn-in', 0),
      samples: integer(options.samples, '--samples', 10),
      thinning: integer(options.thinning, '--thinning', 1),
    };
    if ((options.entityColumn === undefined) !== (options.listColumn === undefined))
      throw new UserError('--entity-column and --list-column go together', 'invalid_input');
    if ((file === undefined) !== (options.fromEntities === true))
      throw new UserError('give a FILE or --from-entities (one of the two)', 'invalid_input');
    const table = file ? await readTableFile(file) : await entityPatternTable(options.source?.split(','));
    const parameters = mseParameters.parse({
      method,
      ci: interval,
      replicates,
      level,
      threshold,
      countColumn: options.countColumn,
      entityColumn: options.entityColumn,
      listColumn: options.listColumn,
      modelChoiceBootstrap: options.sensitivity === true,
      ...latentClass,
    });
    const progress = createProgress(method === 'lcmcr' ? 'LCMCR' : 'bootstrap', 1, {
      quiet: options.quiet || options.json,
    });
    const outcome = mseMethod.run({ input: table }, parameters, seed, (done, total) =>
      progress.update(done, total),
    );
    progress.stop();
    if (options.json) printJson(outcome.results);
    else printSummary(outcome.report);
    await saveRunIfAsked(
      options,
      { method: 'mse', tables: { input: table }, parameters, seed, source: table.file },
      outcome,
    );
  });
}
