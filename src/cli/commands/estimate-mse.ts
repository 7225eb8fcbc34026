import type { Command } from 'commander';
import { createRandom } from '../../analytics/common/random.ts';
import {
  createPatternTable,
  estimatePopulation,
  type IntervalMethod,
  type MultipleSystemsMethod,
  type PatternRow,
  type PatternTable,
  type PopulationEstimate,
  patternTableFromRecords,
} from '../../analytics/estimate/mse/index.ts';
import { type InputProblem, invalidInput, UserError } from '../../domain/errors.ts';
import { numberCell, readTableFile, requireColumns, type Table } from '../../ingest/read-table.ts';
import { createProgress, printJson, printTable } from '../output.ts';

interface MseCommandOptions {
  method: string;
  ci?: string;
  seed: string;
  replicates: string;
  level: string;
  threshold: string;
  countColumn?: string;
  entityColumn?: string;
  listColumn?: string;
  sensitivity?: boolean;
  burnIn: string;
  samples: string;
  thinning: string;
  json?: boolean;
  quiet?: boolean;
}

const METHODS: MultipleSystemsMethod[] = ['stepwise', 'aic', 'bic', 'main', 'lcmcr'];
const INTERVALS: IntervalMethod[] = ['bootstrap', 'profile'];
const COUNT_COLUMNS = ['count', 'frequency', 'n', 'Freq'];

function numberOption(value: string, flag: string, check: (x: number) => boolean, expected: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || !check(parsed))
    throw new UserError(`${flag} must be ${expected}, got "${value}"`, 'invalid_input');
  return parsed;
}

/** A pattern table (0/1 list columns + count) in the SparseMSE layout; bad cells named by row and column. */
function patternTableFromFile(table: Table, countColumn: string | undefined): PatternTable {
  const count = countColumn ?? COUNT_COLUMNS.find((name) => table.columns.includes(name));
  if (count === undefined)
    throw invalidInput(`${table.file} has no count column`, [
      {
        file: table.file,
        row: 1,
        reason: `expected one of ${COUNT_COLUMNS.join(', ')} (or --count-column), or --entity-column with --list-column for linked records`,
      },
    ]);
  requireColumns(table, count);
  const lists = table.columns.filter((name) => name !== count);
  const problems: InputProblem[] = [];
  const rows: PatternRow[] = table.rows.map((row, index) => {
    const pattern = lists.map((list) => {
      const text = row[list];
      if (text !== '0' && text !== '1')
        problems.push({
          file: table.file,
          row: index + 2,
          column: list,
          value: text,
          reason: 'must be 0 or 1',
        });
      return text === '1' ? 1 : 0;
    });
    const value = numberCell(table, index, count);
    if (!Number.isInteger(value) || value < 0)
      problems.push({
        file: table.file,
        row: index + 2,
        column: count,
        value: row[count],
        reason: 'must be a whole number of at least 0',
      });
    return { pattern, count: value };
  });
  if (problems.length > 0) throw invalidInput(`${table.file} is not a capture-pattern table`, problems);
  return createPatternTable(lists, rows);
}

function recordsFromFile(table: Table, entityColumn: string, listColumn: string): PatternTable {
  requireColumns(table, entityColumn, listColumn);
  const problems: InputProblem[] = [];
  const records = table.rows.map((row, index) => {
    for (const column of [entityColumn, listColumn])
      if (row[column] === '')
        problems.push({ file: table.file, row: index + 2, column, value: '', reason: 'is empty' });
    return { entity: row[entityColumn], list: row[listColumn] };
  });
  if (problems.length > 0) throw invalidInput(`${table.file} has records without entity or list`, problems);
  return patternTableFromRecords(records);
}

/** JSON-safe copy: infinities become null (JSON has no infinity). */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_, item) => (typeof item === 'number' && !Number.isFinite(item) ? null : item)),
  );
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
  estimate
    .command('mse')
    .description('population size from overlapping lists: multiple systems estimation (log-linear, LCMCR)')
    .argument(
      '<file>',
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
      '--sensitivity',
      'add the model-choice bootstrap (200 replicates) to the sensitivity views; the model panel and leave-one-list-out are always computed',
    )
    .option('--burn-in <n>', 'LCMCR burn-in iterations', '10000')
    .option('--samples <n>', 'LCMCR posterior samples', '1000')
    .option('--thinning <n>', 'LCMCR thinning', '100')
    .option('--json', 'print the full result as JSON')
    .option('--quiet', 'no progress bar')
    .action(async (file: string, options: MseCommandOptions) => {
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
      const table = await readTableFile(file);
      const patterns =
        options.entityColumn && options.listColumn
          ? recordsFromFile(table, options.entityColumn, options.listColumn)
          : patternTableFromFile(table, options.countColumn);
      const progress = createProgress(method === 'lcmcr' ? 'LCMCR' : 'bootstrap', 1, {
        quiet: options.quiet || options.json,
      });
      const result = estimatePopulation(patterns, {
        method,
        interval,
        random: createRandom(seed),
        replicates,
        level,
        threshold,
        sensitivity: true,
        sensitivityReplicates: options.sensitivity ? 200 : 0,
        latentClass,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.stop();
      if (options.json) printJson(jsonSafe({ ...result, seed, file: table.file }));
      else printSummary(result);
    });
}
