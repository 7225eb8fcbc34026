import { z } from 'zod';
import { AnalyticsInputError } from '../../analytics/common/errors.ts';
import {
  createSurveyDesign,
  type DomainEstimate,
  estimateSurveyMean,
  estimateSurveyProportion,
  estimateSurveyRatio,
  estimateSurveyTotal,
  evaluateIndicatorCondition,
  type ProportionIntervalMethod,
  parseIndicatorCondition,
  type SurveyDesign,
  type SurveyEstimate,
  type SurveyEstimateResult,
} from '../../analytics/estimate/survey/index.ts';
import { type InputProblem, invalidInput, UserError } from '../../domain/errors.ts';
import { numberCell, requireColumns, type Table } from '../../ingest/read-table.ts';
import type { EstimateMethod } from './method.ts';

const PROPORTION_METHODS: ProportionIntervalMethod[] = ['wald', 'logit', 'beta', 'asin', 'likelihood'];

/** Parameters of a design-based survey estimate (`siren estimate survey`), with the CLI's defaults. */
export const surveyParameters = z
  .object({
    statistic: z.enum(['mean', 'total', 'proportion', 'ratio']),
    variable: z
      .string()
      .min(1)
      .describe(
        "a numeric column (mean, total), a condition such as 'api00 > 700' (proportion), or NUMERATOR/DENOMINATOR (ratio)",
      ),
    weights: z.string().min(1).optional(),
    strata: z.string().min(1).optional(),
    cluster: z
      .array(z.string().min(1))
      .default([])
      .describe('cluster id columns per stage, first stage first'),
    fpc: z.array(z.string().min(1)).default([]).describe('per stage: population sizes or sampling fractions'),
    ciMethod: z.enum(['wald', 'logit', 'beta', 'asin', 'likelihood']).optional(),
    by: z.string().min(1).optional(),
    level: z.number().gt(0).lt(1).default(0.95),
    df: z.union([z.enum(['design', 'domain', 'inf']), z.number().gt(0)]).default('design'),
    lonelyPsu: z.enum(['fail', 'remove', 'adjust', 'average', 'certainty']).default('fail'),
    ultimateCluster: z.boolean().default(false),
  })
  .strict();
export type SurveyParameters = z.infer<typeof surveyParameters>;

/** Text labels of a design column; an empty cell is an error naming row and column. */
function labelColumn(table: Table, column: string): string[] {
  const problems: InputProblem[] = [];
  const labels = table.rows.map((row, index) => {
    if (row[column] === '')
      problems.push({
        file: table.file,
        row: index + 2,
        column,
        value: '',
        reason: 'is empty (a design column)',
      });
    return row[column];
  });
  if (problems.length > 0) throw invalidInput(`${table.file} has empty design cells`, problems);
  return labels;
}

function numberColumn(table: Table, column: string, allowEmpty: boolean): (number | null)[] {
  return table.rows.map((_, index) => {
    const value = numberCell(table, index, column, { allowEmpty });
    return Number.isNaN(value) ? null : value;
  });
}

/** A design number column (weights ≥ 0, population sizes or fractions > 0), naming any bad cell. */
function designNumberColumn(table: Table, column: string, kind: 'weight' | 'fpc'): number[] {
  const values = numberColumn(table, column, false) as number[];
  const problems: InputProblem[] = [];
  values.forEach((value, index) => {
    if (kind === 'weight' ? value < 0 : value <= 0)
      problems.push({
        file: table.file,
        row: index + 2,
        column,
        value: table.rows[index][column],
        reason:
          kind === 'weight' ? 'is negative (a weight)' : 'is not positive (a population size or fraction)',
      });
  });
  if (problems.length > 0) throw invalidInput(`${table.file} has impossible design values`, problems);
  return values;
}

/** Splits `V1/V2` into two columns of the table (column names may themselves hold '/'). */
function ratioColumns(table: Table, text: string): [string, string] {
  for (let at = text.indexOf('/'); at >= 0; at = text.indexOf('/', at + 1)) {
    const numerator = text.slice(0, at).trim();
    const denominator = text.slice(at + 1).trim();
    if (table.columns.includes(numerator) && table.columns.includes(denominator))
      return [numerator, denominator];
  }
  const [numerator, denominator] = text.split('/').map((part) => part.trim());
  if (!numerator || !denominator)
    throw new UserError(`--ratio needs NUMERATOR/DENOMINATOR, got "${text}"`, 'invalid_input');
  requireColumns(table, numerator, denominator);
  return [numerator, denominator];
}

function jsonEstimate(estimate: SurveyEstimate) {
  return {
    estimate: estimate.estimate,
    se: estimate.standardError,
    ci: estimate.ci,
    degf: Number.isFinite(estimate.degreesOfFreedom) ? estimate.degreesOfFreedom : null,
    designEffect: estimate.designEffect,
    n: estimate.rowsUsed,
    populationSize: estimate.weightSum,
  };
}

function indicatorOf(table: Table, expression: string): (boolean | null)[] {
  const parsed = parseIndicatorCondition(expression);
  requireColumns(table, parsed.column);
  const problems: InputProblem[] = [];
  const indicator = table.rows.map((row, index) => {
    try {
      return evaluateIndicatorCondition(parsed, row[parsed.column]);
    } catch (error) {
      if (!(error instanceof AnalyticsInputError)) throw error;
      problems.push({
        file: table.file,
        row: index + 2,
        column: parsed.column,
        value: row[parsed.column],
        reason: `is not a number (the condition compares it with ${String(parsed.literal.value)})`,
      });
      return null;
    }
  });
  if (problems.length > 0)
    throw invalidInput(`${table.file} has cells the condition cannot compare`, problems);
  return indicator;
}

type SurveyReport = { design: SurveyDesign; result: SurveyEstimateResult; variable: string; rows: number };

/** A design-based mean, total, proportion or ratio of one survey table, as R `survey`. */
export const surveyMethod: EstimateMethod<SurveyParameters, SurveyReport> = {
  name: 'survey',
  tables: ['input'],
  parameters: surveyParameters,
  seeded: false,
  run(tables, parameters) {
    const table = tables.input;
    const { statistic } = parameters;
    const ciMethod = parameters.ciMethod ?? (statistic === 'proportion' ? 'logit' : 'wald');
    if (
      statistic === 'proportion'
        ? !PROPORTION_METHODS.includes(ciMethod as ProportionIntervalMethod)
        : ciMethod !== 'wald'
    )
      throw new UserError(
        statistic === 'proportion'
          ? `--ci-method must be one of ${PROPORTION_METHODS.join(', ')}, got "${ciMethod}"`
          : `--ci-method ${ciMethod} applies to --proportion only; --${statistic} uses wald`,
        'invalid_input',
      );
    const degreesOfFreedom = parameters.df === 'inf' ? Number.POSITIVE_INFINITY : parameters.df;
    const designColumns = [
      ...(parameters.weights ? [parameters.weights] : []),
      ...(parameters.strata ? [parameters.strata] : []),
      ...parameters.cluster,
      ...parameters.fpc,
      ...(parameters.by ? [parameters.by] : []),
    ];
    requireColumns(table, ...designColumns);
    if (table.rows.length === 0)
      throw invalidInput(`${table.file} has no rows`, [{ file: table.file, reason: 'no data rows' }]);

    const design = createSurveyDesign(
      {
        rowCount: table.rows.length,
        weights: parameters.weights ? designNumberColumn(table, parameters.weights, 'weight') : undefined,
        strata: parameters.strata ? labelColumn(table, parameters.strata) : undefined,
        clusters:
          parameters.cluster.length > 0
            ? parameters.cluster.map((column) => labelColumn(table, column))
            : undefined,
        finitePopulation:
          parameters.fpc.length > 0
            ? parameters.fpc.map((column) => designNumberColumn(table, column, 'fpc'))
            : undefined,
      },
      { lonelyUnit: parameters.lonelyPsu, ultimateCluster: parameters.ultimateCluster },
    );
    const by = parameters.by;
    const estimateOptions = {
      level: parameters.level,
      degreesOfFreedom,
      domains: by ? table.rows.map((row) => row[by]) : undefined,
    };

    let variable = parameters.variable;
    let result: SurveyEstimateResult;
    if (statistic === 'mean' || statistic === 'total') {
      requireColumns(table, variable);
      const values = numberColumn(table, variable, true);
      result =
        statistic === 'mean'
          ? estimateSurveyMean(design, values, estimateOptions)
          : estimateSurveyTotal(design, values, estimateOptions);
    } else if (statistic === 'ratio') {
      const [numerator, denominator] = ratioColumns(table, variable);
      variable = `${numerator}/${denominator}`;
      result = estimateSurveyRatio(
        design,
        numberColumn(table, numerator, true),
        numberColumn(table, denominator, true),
        estimateOptions,
      );
    } else {
      result = estimateSurveyProportion(design, indicatorOf(table, variable), {
        ...estimateOptions,
        intervalMethod: ciMethod as ProportionIntervalMethod,
      });
    }
    const domains = result.domains
      ? Object.fromEntries(
          result.domains.map((domain: DomainEstimate) => [domain.domain, jsonEstimate(domain)]),
        )
      : undefined;
    const results = {
      statistic,
      variable,
      ...jsonEstimate(result),
      rowsMissing: result.rowsMissing,
      ...(domains ? { by: domains, byColumn: by } : {}),
      warnings: result.warnings,
    };
    return {
      results: JSON.parse(JSON.stringify(results)),
      warnings: result.warnings,
      report: { design, result, variable, rows: table.rows.length },
    };
  },
};
