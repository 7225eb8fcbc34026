import type { Command } from 'commander';
import { UserError } from '../../domain/errors.ts';
import { readTableFile } from '../../ingest/read-table.ts';
import { rdsMethod, rdsParameters } from '../../jobs/index.ts';
import { printJson, printTable } from '../output.ts';
import { addSaveOptions, type SaveOptions, saveRunIfAsked } from './estimate-runs.ts';

interface RdsCommandOptions extends SaveOptions {
  outcome: string;
  estimator: string;
  population?: string;
  interval: string;
  replicates: string;
  seed: string;
  idColumn: string;
  recruiterColumn: string;
  degreeColumn: string;
  seedMarker: string[];
  diagnostics?: boolean;
  sizePriorMedian?: string;
  json?: boolean;
}

const ESTIMATORS = ['rds1', 'rds1-ds', 'rds2', 'ss'] as const;
const INTERVALS = ['el', 'salganik', 'gile', 'tree'] as const;

function integerOption(value: string, flag: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < minimum)
    throw new UserError(`${flag} must be an integer of at least ${minimum}, got "${value}"`, 'invalid_input');
  return parsed;
}

/** `siren estimate rds FILE --outcome VAR`: RDS-I, RDS-II or Gile's SS proportions with intervals. */
export function registerEstimateRds(estimate: Command): void {
  const command = estimate
    .command('rds')
    .description("population proportions from respondent-driven sampling (RDS-I, RDS-II, Gile's SS)")
    .argument('<file>', 'respondents: one row each with id, recruiter id, network size and outcomes')
    .requiredOption('--outcome <column>', 'outcome column (categorical; every level is estimated)')
    .option('--estimator <name>', 'rds1 | rds1-ds | rds2 | ss', 'rds2')
    .option('--population <N>', 'population size (required by ss; finite-population correction otherwise)')
    .option(
      '--interval <method>',
      'el (RDS package default) | salganik (bootstrap) | gile (SS bootstrap, with ss) | tree (tree bootstrap)',
      'el',
    )
    .option('--replicates <B>', 'bootstrap replicates', '1000')
    .option('--seed <n>', 'random seed (SS weights, bootstraps)', '1')
    .option('--id-column <name>', 'respondent id column', 'id')
    .option('--recruiter-column <name>', 'recruiter id column', 'recruiter.id')
    .option('--degree-column <name>', 'network size (degree) column', 'network.size')
    .option('--seed-marker <value...>', 'recruiter-id values that mark a seed (besides an empty cell)', [
      'seed',
      '0',
      '-1',
      'NA',
    ])
    .option('--diagnostics', 'add recruitment trees, homophily, convergence by wave and bottlenecks')
    .option(
      '--size-prior-median <M>',
      'also estimate the population size (SS-PSE) with this prior median; rows must be in interview order',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Seeds have an empty recruiter id or one of the seed markers. Missing or zero network sizes are
replaced by the largest reported (the RDS R package's convention) with a warning; recruiter ids that
name no respondent are an error naming the row. JSON: {estimator, outcome, levels: {"<level>":
{estimate, se, lower, upper, designEffect, n}}, interval, populationSize, warnings}.`,
    );
  addSaveOptions(command).action(async (file: string, options: RdsCommandOptions) => {
    const estimator = ESTIMATORS.find((name) => name === options.estimator);
    if (!estimator)
      throw new UserError(
        `unknown estimator "${options.estimator}" (choose ${ESTIMATORS.join(', ')})`,
        'invalid_input',
      );
    const interval = INTERVALS.find((name) => name === options.interval);
    if (!interval)
      throw new UserError(
        `unknown interval "${options.interval}" (choose ${INTERVALS.join(', ')})`,
        'invalid_input',
      );
    const populationSize =
      options.population === undefined ? null : integerOption(options.population, '--population', 1);
    if (estimator === 'ss' && populationSize === null)
      throw new UserError("--estimator ss (Gile's SS) needs --population N", 'invalid_input');
    const table = await readTableFile(file);
    const parameters = rdsParameters.parse({
      outcome: options.outcome,
      estimator,
      population: populationSize,
      interval,
      replicates: integerOption(options.replicates, '--replicates', 2),
      idColumn: options.idColumn,
      recruiterColumn: options.recruiterColumn,
      degreeColumn: options.degreeColumn,
      seedMarkers: options.seedMarker,
      diagnostics: options.diagnostics === true,
      sizePriorMedian:
        options.sizePriorMedian === undefined
          ? null
          : integerOption(options.sizePriorMedian, '--size-prior-median', 1),
    });
    const seed = integerOption(options.seed, '--seed', 0);
    const outcome = rdsMethod.run({ input: table }, parameters, seed);
    await saveRunIfAsked(
      options,
      { method: 'rds', tables: { input: table }, parameters, seed, source: table.file },
      outcome,
    );
    if (options.json) return printJson(outcome.results);
    const { result, sample, diagnostics, sizeEstimate } = outcome.report;
    process.stdout.write(
      `${result.estimatorName}, outcome ${options.outcome}, n = ${result.sampleSize}${populationSize === null ? '' : `, N = ${populationSize}`}; ${Math.round(result.interval.level * 100)}% ${result.interval.method} interval\n`,
    );
    printTable(
      Object.entries(result.levels).map(([level, value]) => ({ level, ...value })),
      ['level', 'estimate', 'se', 'lower', 'upper', 'designEffect', 'n'],
    );
    if (sizeEstimate) {
      const { posterior, prior } = sizeEstimate;
      process.stdout.write(
        `\nPopulation size (SS-PSE): posterior median ${sizeEstimate.posteriorSampleMedian}, 95% interval ${Math.round(sizeEstimate.interval.lower)}–${Math.round(sizeEstimate.interval.upper)}; effective draws ${Math.round(sizeEstimate.mixing.effectiveSampleSize)}\n`,
      );
      printTable(
        [
          { distribution: 'prior', ...prior },
          { distribution: 'posterior', ...posterior },
        ],
        ['distribution', 'mean', 'median', 'mode', 'q025', 'q25', 'q75', 'q975'],
      );
    }
    if (diagnostics) {
      const trees = diagnostics.recruitmentTrees;
      process.stdout.write(
        `\nRecruitment: ${trees.seeds} seeds, ${trees.maxWave} waves, ${trees.meanRecruitsPerRecruiter.toFixed(2)} recruits per recruiter, largest tree ${(trees.largestTreeShare * 100).toFixed(0)}% of the sample\n`,
      );
      process.stdout.write(
        `Recruitment homophily ${diagnostics.homophily.recruitmentHomophily.toFixed(3)} (1 = none); drift of the estimate over the last third of the waves ${diagnostics.convergence.driftOverLastThird.toFixed(4)}\n`,
      );
      const homogeneity = diagnostics.bottlenecks.homogeneity;
      if (homogeneity)
        process.stdout.write(
          `Seed trees differ in composition: chi-square ${homogeneity.statistic.toFixed(2)} on ${homogeneity.degreesOfFreedom} df, p = ${homogeneity.pValue.toPrecision(3)}\n`,
        );
      printTable(
        diagnostics.convergence.cumulativeByWave.map((row) => ({
          wave: row.wave,
          respondents: row.respondents,
          ...Object.fromEntries(sample.levels.map((level, g) => [level, row.estimates[g]])),
        })),
        ['wave', 'respondents', ...sample.levels],
      );
    }
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  });
}
