import { z } from 'zod';
import {
  diagnoseRds,
  estimatePopulationSizeFromDegrees,
  estimateRdsPrepared,
  prepareRdsSample,
  type RdsEstimator,
  type RdsIntervalMethod,
  type RdsRespondent,
  validateRdsSample,
} from '../../analytics/estimate/rds/index.ts';
import { invalidInput, UserError } from '../../domain/errors.ts';
import { numberCell, requireColumns } from '../../ingest/read-table.ts';
import type { EstimateMethod } from './method.ts';

const ESTIMATORS: Record<string, RdsEstimator> = {
  rds1: 'rds1',
  'rds1-ds': 'rds1-smoothed',
  rds2: 'rds2',
  ss: 'ss',
};
const INTERVALS: Record<string, RdsIntervalMethod> = {
  el: 'empirical-likelihood',
  salganik: 'salganik-bootstrap',
  gile: 'successive-sampling-bootstrap',
  tree: 'tree-bootstrap',
};

/** Parameters of an RDS estimate (`siren estimate rds`), with the CLI's defaults. */
export const rdsParameters = z
  .object({
    outcome: z.string().min(1).describe('outcome column (categorical; every level is estimated)'),
    estimator: z.enum(['rds1', 'rds1-ds', 'rds2', 'ss']).default('rds2'),
    population: z.number().int().min(1).nullable().default(null).describe('population size (required by ss)'),
    interval: z.enum(['el', 'salganik', 'gile', 'tree']).default('el'),
    replicates: z.number().int().min(2).max(100_000).default(1000),
    idColumn: z.string().min(1).default('id'),
    recruiterColumn: z.string().min(1).default('recruiter.id'),
    degreeColumn: z.string().min(1).default('network.size'),
    seedMarkers: z.array(z.string()).default(['seed', '0', '-1', 'NA']),
    diagnostics: z.boolean().default(false),
    sizePriorMedian: z
      .number()
      .int()
      .min(1)
      .nullable()
      .default(null)
      .describe('also estimate the population size (SS-PSE) with this prior median'),
  })
  .strict();
export type RdsParameters = z.infer<typeof rdsParameters>;

const COLUMN_OF_FIELD = { id: 'idColumn', recruiterId: 'recruiterColumn', degree: 'degreeColumn' } as const;

type RdsReport = {
  result: ReturnType<typeof estimateRdsPrepared>;
  sample: ReturnType<typeof prepareRdsSample>;
  diagnostics: ReturnType<typeof diagnoseRds> | undefined;
  sizeEstimate: ReturnType<typeof estimatePopulationSizeFromDegrees> | undefined;
};

/** RDS-I, RDS-II or Gile's SS proportions of one respondents table, optionally SS-PSE. */
export const rdsMethod: EstimateMethod<RdsParameters, RdsReport> = {
  name: 'rds',
  tables: ['input'],
  parameters: rdsParameters,
  seeded: true,
  run(tables, parameters, seed) {
    const table = tables.input;
    const estimator = ESTIMATORS[parameters.estimator];
    const populationSize = parameters.population;
    if (estimator === 'ss' && populationSize === null)
      throw new UserError("--estimator ss (Gile's SS) needs --population N", 'invalid_input');
    const { idColumn, recruiterColumn, degreeColumn, outcome } = parameters;
    requireColumns(table, idColumn, recruiterColumn, degreeColumn, outcome);
    const markers = new Set(parameters.seedMarkers);
    const ids = new Set(table.rows.map((row) => row[idColumn]));
    const respondents: RdsRespondent[] = table.rows.map((row, index) => {
      const recruiter = row[recruiterColumn];
      const isSeed = recruiter === '' || (markers.has(recruiter) && !ids.has(recruiter));
      const degree = numberCell(table, index, degreeColumn, { allowEmpty: true });
      const value = row[outcome];
      return {
        id: row[idColumn],
        recruiterId: isSeed ? null : recruiter,
        degree: Number.isNaN(degree) ? null : degree,
        outcome: value === '' || value === 'NA' ? null : value,
      };
    });
    const errors = validateRdsSample(respondents).filter((problem) => problem.severity === 'error');
    if (errors.length > 0)
      throw invalidInput(
        `${table.file} is not a valid RDS sample`,
        errors.map((problem) => {
          const field = problem.field;
          const column = field === 'outcome' ? outcome : parameters[COLUMN_OF_FIELD[field]];
          return {
            file: table.file,
            row: problem.respondent + 1,
            column,
            value: table.rows[problem.respondent - 1][column],
            reason: problem.message,
          };
        }),
      );
    const sample = prepareRdsSample(respondents);
    if (parameters.sizePriorMedian !== null && parameters.sizePriorMedian <= sample.size)
      throw new UserError(
        `--size-prior-median must be an integer of at least ${sample.size + 1}, got "${parameters.sizePriorMedian}"`,
        'invalid_input',
      );
    const estimateOptions = {
      estimator,
      populationSize,
      interval: INTERVALS[parameters.interval],
      replicates: parameters.replicates,
      seed,
    };
    const result = estimateRdsPrepared(sample, estimateOptions);
    const diagnostics = parameters.diagnostics ? diagnoseRds(sample, estimateOptions) : undefined;
    const sizeEstimate =
      parameters.sizePriorMedian === null
        ? undefined
        : estimatePopulationSizeFromDegrees(Array.from(sample.degree), {
            medianPriorSize: parameters.sizePriorMedian,
            seed,
          });
    const results = {
      estimator,
      estimatorName: result.estimatorName,
      outcome,
      populationSize,
      sampleSize: result.sampleSize,
      levels: result.levels,
      interval: result.interval,
      ...(diagnostics ? { diagnostics } : {}),
      ...(sizeEstimate
        ? {
            populationSizeEstimate: {
              posterior: sizeEstimate.posterior,
              median: sizeEstimate.posteriorSampleMedian,
              interval: sizeEstimate.interval,
              prior: sizeEstimate.prior,
              mixing: sizeEstimate.mixing,
              warnings: sizeEstimate.warnings,
            },
          }
        : {}),
      warnings: result.warnings,
    };
    return {
      results: JSON.parse(JSON.stringify(results)),
      warnings: [...result.warnings, ...(sizeEstimate?.warnings ?? [])],
      report: { result, sample, diagnostics, sizeEstimate },
    };
  },
};
