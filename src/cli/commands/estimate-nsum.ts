import type { Command } from 'commander';
import {
  estimateNsum,
  type KnownPopulation,
  type NsumRespondent,
} from '../../analytics/estimate/nsum/index.ts';
import { invalidInput, UserError } from '../../domain/errors.ts';
import { numberCell, readTableFile, requireColumns } from '../../ingest/read-table.ts';
import { printJson, printTable } from '../output.ts';

interface NsumCommandOptions {
  known: string;
  hidden: string[];
  total: string;
  weights?: string;
  topCode?: string;
  degreeRatio: string;
  transmissionRate: string;
  bootstrap: string;
  cluster?: string;
  strata?: string;
  seed: string;
  json?: boolean;
}

function positiveNumber(value: string, flag: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0)
    throw new UserError(`${flag} must be a number > 0, got "${value}"`, 'invalid_input');
  return parsed;
}

function integerOption(value: string, flag: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < minimum)
    throw new UserError(`${flag} must be an integer of at least ${minimum}, got "${value}"`, 'invalid_input');
  return parsed;
}

async function readKnownPopulations(path: string): Promise<KnownPopulation[]> {
  const table = await readTableFile(path);
  const nameColumn = table.columns.find((column) => ['known.popn', 'name', 'population'].includes(column));
  if (!nameColumn || !table.columns.includes('size'))
    throw invalidInput(`${table.file} needs columns known.popn (or name) and size`, [
      { file: table.file, row: 1, reason: `columns are ${table.columns.join(', ')}` },
    ]);
  return table.rows.map((row, index) => {
    const size = numberCell(table, index, 'size');
    if (size <= 0)
      throw invalidInput(`${table.file} has a known population of size ${size}`, [
        { file: table.file, row: index + 2, column: 'size', value: row.size, reason: 'is not a size > 0' },
      ]);
    return { name: row[nameColumn], size };
  });
}

/** `siren estimate nsum SURVEY --known KNOWN --hidden COL`: network scale-up hidden population sizes. */
export function registerEstimateNsum(estimate: Command): void {
  estimate
    .command('nsum')
    .description('hidden population sizes by network scale-up (Killworth), with internal-consistency checks')
    .argument('<survey>', 'survey: one row per respondent, one column per "how many X do you know" question')
    .requiredOption('--known <file>', 'known populations: columns known.popn (or name) and size')
    .requiredOption('--hidden <columns...>', 'hidden population column(s) to estimate')
    .requiredOption('--total <N>', 'size of the population the survey represents')
    .option('--weights <column>', 'survey weight column (unweighted without it)')
    .option(
      '--top-code <count>',
      'cap known-population answers at this count (networkreporting vignette: 30)',
    )
    .option('--degree-ratio <ratio>', "hidden population's mean degree relative to everyone's", '1')
    .option('--transmission-rate <rate>', 'share of ties through which membership is known', '1')
    .option('--bootstrap <B>', 'rescaled-bootstrap replicates (0 for none)', '0')
    .option('--cluster <column>', 'primary sampling unit column, for the bootstrap')
    .option('--strata <column>', 'stratum column, for the bootstrap')
    .option('--seed <n>', 'random seed of the bootstrap', '1')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Degrees come from the known-population questions (missing answers count as 0, with a warning);
each known population is also estimated with the others held out (internal consistency). JSON:
{totalPopulation, hidden: {"<column>": {estimate, killworthSe, lower, upper, bootstrap?}},
degreeSummary, internalConsistency, warnings}.`,
    )
    .action(async (surveyPath: string, options: NsumCommandOptions) => {
      const knownPopulations = await readKnownPopulations(options.known);
      const table = await readTableFile(surveyPath);
      const designColumns = [options.weights, options.cluster, options.strata].filter(
        (column): column is string => column !== undefined,
      );
      requireColumns(
        table,
        ...knownPopulations.map((population) => population.name),
        ...options.hidden,
        ...designColumns,
      );
      const answerColumns = [...knownPopulations.map((population) => population.name), ...options.hidden];
      const respondents: NsumRespondent[] = table.rows.map((row, index) => {
        const answers: Record<string, number | null> = {};
        for (const column of answerColumns) {
          const value = numberCell(table, index, column, { allowEmpty: true });
          if (value < 0)
            throw invalidInput(`${table.file} has a negative count`, [
              { file: table.file, row: index + 2, column, value: row[column], reason: 'is not a count >= 0' },
            ]);
          answers[column] = Number.isNaN(value) ? null : value;
        }
        return {
          answers,
          ...(options.weights ? { weight: numberCell(table, index, options.weights) } : {}),
          ...(options.cluster ? { cluster: row[options.cluster] } : {}),
          ...(options.strata ? { stratum: row[options.strata] } : {}),
        };
      });
      const result = estimateNsum(
        { respondents, knownPopulations, totalPopulation: positiveNumber(options.total, '--total') },
        {
          hidden: options.hidden,
          weighted: options.weights !== undefined,
          topCode: options.topCode === undefined ? null : positiveNumber(options.topCode, '--top-code'),
          degreeRatio: positiveNumber(options.degreeRatio, '--degree-ratio'),
          transmissionRate: positiveNumber(options.transmissionRate, '--transmission-rate'),
          bootstrapReplicates: integerOption(options.bootstrap, '--bootstrap', 0),
          seed: integerOption(options.seed, '--seed', 0),
        },
      );
      if (options.json) {
        const { degrees: _degrees, ...summary } = result;
        return printJson(summary);
      }
      process.stdout.write(
        `Network scale-up (Killworth), N = ${result.totalPopulation}, ${result.respondents} respondents, mean degree ${result.degreeSummary.mean.toFixed(1)}\n`,
      );
      printTable(
        Object.entries(result.hidden).map(([name, value]) => ({
          population: name,
          estimate: value.estimate,
          killworthSe: value.killworthSe,
          lower: value.bootstrap?.lower ?? value.lower,
          upper: value.bootstrap?.upper ?? value.upper,
          interval: value.bootstrap ? 'bootstrap percentile' : 'Killworth',
        })),
      );
      if (result.internalConsistency) {
        process.stdout.write(
          `\nInternal consistency (leave one known population out): mean relative error ${result.internalConsistency.meanRelativeError.toFixed(3)}\n`,
        );
        printTable(
          result.internalConsistency.populations.map((population) => ({
            known: population.name,
            size: population.knownSize,
            heldOutEstimate: population.estimate,
            relativeError: population.relativeError,
          })),
        );
      }
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    });
}
