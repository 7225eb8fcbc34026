import type { Command } from 'commander';
import { UserError } from '../../domain/errors.ts';
import { readTableFile } from '../../ingest/read-table.ts';
import { nsumMethod, nsumParameters } from '../../jobs/index.ts';
import { printJson, printTable } from '../output.ts';
import { addSaveOptions, type SaveOptions, saveRunIfAsked } from './estimate-runs.ts';

interface NsumCommandOptions extends SaveOptions {
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

/** `siren estimate nsum SURVEY --known KNOWN --hidden COL`: network scale-up hidden population sizes. */
export function registerEstimateNsum(estimate: Command): void {
  const command = estimate
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
    );
  addSaveOptions(command).action(async (surveyPath: string, options: NsumCommandOptions) => {
    const parameters = nsumParameters.parse({
      hidden: options.hidden,
      total: positiveNumber(options.total, '--total'),
      weights: options.weights,
      topCode: options.topCode === undefined ? null : positiveNumber(options.topCode, '--top-code'),
      degreeRatio: positiveNumber(options.degreeRatio, '--degree-ratio'),
      transmissionRate: positiveNumber(options.transmissionRate, '--transmission-rate'),
      bootstrap: integerOption(options.bootstrap, '--bootstrap', 0),
      cluster: options.cluster,
      strata: options.strata,
    });
    const seed = integerOption(options.seed, '--seed', 0);
    const known = await readTableFile(options.known);
    const survey = await readTableFile(surveyPath);
    const tables = { survey, known };
    const outcome = nsumMethod.run(tables, parameters, seed);
    await saveRunIfAsked(
      options,
      { method: 'nsum', tables, parameters, seed, source: `survey: ${survey.file}, known: ${known.file}` },
      outcome,
    );
    if (options.json) return printJson(outcome.results);
    const result = outcome.report;
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
