import type { Command } from 'commander';
import { AnalyticsInputError } from '../../analytics/common/errors.ts';
import {
  createSurveyDesign,
  type DegreesOfFreedomRule,
  type DomainEstimate,
  estimateSurveyMean,
  estimateSurveyProportion,
  estimateSurveyRatio,
  estimateSurveyTotal,
  evaluateIndicatorCondition,
  type LonelyUnitRule,
  type ProportionIntervalMethod,
  parseIndicatorCondition,
  type SurveyEstimate,
  type SurveyEstimateResult,
} from '../../analytics/estimate/survey/index.ts';
import { type InputProblem, invalidInput, UserError } from '../../domain/errors.ts';
import { numberCell, readTableFile, requireColumns, type Table } from '../../ingest/read-table.ts';
import { printJson, printTable } from '../output.ts';

interface SurveyCommandOptions {
  weights?: string;
  strata?: string;
  cluster?: string;
  fpc?: string;
  mean?: string;
  total?: string;
  proportion?: string;
  ratio?: string;
  ciMethod?: string;
  by?: string;
  level: string;
  df: string;
  lonelyPsu: string;
  ultimateCluster?: boolean;
  json?: boolean;
}

const LONELY_RULES: LonelyUnitRule[] = ['fail', 'remove', 'adjust', 'average', 'certainty'];
const PROPORTION_METHODS: ProportionIntervalMethod[] = ['wald', 'logit', 'beta', 'asin', 'likelihood'];

function columnList(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
}

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

function degreesOfFreedomOption(text: string): DegreesOfFreedomRule {
  if (text === 'design' || text === 'domain') return text;
  if (text === 'inf' || text === 'Inf' || text === 'infinity') return Number.POSITIVE_INFINITY;
  const value = Number(text);
  if (!(value > 0))
    throw new UserError(
      `--df must be design, domain, inf or a positive number, got "${text}"`,
      'invalid_input',
    );
  return value;
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

/**
 * `siren estimate survey FILE (--mean V | --total V | --proportion EXPR | --ratio V1/V2)`:
 * design-based estimates with Taylor-linearised standard errors, as R `survey`.
 */
export function registerEstimateSurvey(estimate: Command): void {
  estimate
    .command('survey')
    .description('design-based means, totals, proportions and ratios of a survey file (as R survey)')
    .argument('<file>', 'survey data: one row per respondent (CSV, TSV, XLSX, JSON)')
    .option('--weights <column>', 'sampling weights (derived from --fpc population sizes when absent)')
    .option('--strata <column>', 'first-stage strata')
    .option('--cluster <columns>', 'cluster ids per stage, comma-separated (first stage first)')
    .option('--fpc <columns>', 'per stage: population sizes (all >= 1) or sampling fractions (all <= 1)')
    .option('--mean <column>', 'estimate the mean of a numeric column')
    .option('--total <column>', 'estimate the total of a numeric column')
    .option(
      '--proportion <expression>',
      "estimate the share of rows where e.g. 'sch.wide == \"Yes\"' or 'api00 > 700'",
    )
    .option('--ratio <columns>', 'estimate the ratio of totals NUMERATOR/DENOMINATOR')
    .option(
      '--ci-method <method>',
      'wald | logit | beta | asin | likelihood (default: logit for --proportion, wald otherwise)',
    )
    .option('--by <column>', 'also estimate within each domain (subpopulation) of this column')
    .option('--level <p>', 'confidence level', '0.95')
    .option('--df <rule>', 'interval degrees of freedom: design | domain | inf | a number', 'design')
    .option('--lonely-psu <rule>', 'single-unit strata: fail | remove | adjust | average | certainty', 'fail')
    .option('--ultimate-cluster', 'first-stage variance only (R survey.ultimate.cluster)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Design columns follow R svydesign(ids, strata, weights, fpc): no --cluster means each row is its own
unit; stage-2 ids are read within their stage-1 cluster. Empty cells of the estimated variable are
missing and left out (as R na.rm = TRUE, a domain); empty design cells are an error. Domains keep the
full design (rows outside the domain score zero). --proportion takes COLUMN OP LITERAL with OP one of
== != < <= > >= and LITERAL a number, "quoted text" or a word; nothing is evaluated as code.
JSON: {statistic, variable, estimate, se, ci: {lower, upper, level, method}, degf, designEffect, n,
populationSize, rowsMissing, warnings, by: {"<domain>": {estimate, se, ci, degf, ...}}}.`,
    )
    .action(async (file: string, options: SurveyCommandOptions) => {
      const chosen = (['mean', 'total', 'proportion', 'ratio'] as const).filter(
        (name) => options[name] !== undefined,
      );
      if (chosen.length !== 1)
        throw new UserError('give exactly one of --mean, --total, --proportion, --ratio', 'invalid_input');
      const statistic = chosen[0];
      const level = Number(options.level);
      if (!(level > 0 && level < 1))
        throw new UserError(`--level must be between 0 and 1, got "${options.level}"`, 'invalid_input');
      if (!LONELY_RULES.includes(options.lonelyPsu as LonelyUnitRule))
        throw new UserError(
          `--lonely-psu must be one of ${LONELY_RULES.join(', ')}, got "${options.lonelyPsu}"`,
          'invalid_input',
        );
      const ciMethod = options.ciMethod ?? (statistic === 'proportion' ? 'logit' : 'wald');
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
      const degreesOfFreedom = degreesOfFreedomOption(options.df);
      const condition = options.proportion === undefined ? null : parseIndicatorCondition(options.proportion);

      const table = await readTableFile(file);
      const clusterColumns = columnList(options.cluster);
      const fpcColumns = columnList(options.fpc);
      const designColumns = [
        ...(options.weights ? [options.weights] : []),
        ...(options.strata ? [options.strata] : []),
        ...clusterColumns,
        ...fpcColumns,
        ...(options.by ? [options.by] : []),
      ];
      requireColumns(table, ...designColumns);
      if (table.rows.length === 0)
        throw invalidInput(`${table.file} has no rows`, [{ file: table.file, reason: 'no data rows' }]);

      const design = createSurveyDesign(
        {
          rowCount: table.rows.length,
          weights: options.weights ? designNumberColumn(table, options.weights, 'weight') : undefined,
          strata: options.strata ? labelColumn(table, options.strata) : undefined,
          clusters:
            clusterColumns.length > 0
              ? clusterColumns.map((column) => labelColumn(table, column))
              : undefined,
          finitePopulation:
            fpcColumns.length > 0
              ? fpcColumns.map((column) => designNumberColumn(table, column, 'fpc'))
              : undefined,
        },
        {
          lonelyUnit: options.lonelyPsu as LonelyUnitRule,
          ultimateCluster: options.ultimateCluster === true,
        },
      );
      const estimateOptions = {
        level,
        degreesOfFreedom,
        domains: options.by ? table.rows.map((row) => row[options.by as string]) : undefined,
      };

      let variable: string;
      let result: SurveyEstimateResult;
      if (statistic === 'mean' || statistic === 'total') {
        variable = (statistic === 'mean' ? options.mean : options.total) as string;
        requireColumns(table, variable);
        const values = numberColumn(table, variable, true);
        result =
          statistic === 'mean'
            ? estimateSurveyMean(design, values, estimateOptions)
            : estimateSurveyTotal(design, values, estimateOptions);
      } else if (statistic === 'ratio') {
        const [numerator, denominator] = ratioColumns(table, options.ratio as string);
        variable = `${numerator}/${denominator}`;
        result = estimateSurveyRatio(
          design,
          numberColumn(table, numerator, true),
          numberColumn(table, denominator, true),
          estimateOptions,
        );
      } else {
        const parsed = condition!;
        variable = options.proportion as string;
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
        result = estimateSurveyProportion(design, indicator, {
          ...estimateOptions,
          intervalMethod: ciMethod as ProportionIntervalMethod,
        });
      }

      if (options.json) {
        const by = result.domains
          ? Object.fromEntries(
              result.domains.map((domain: DomainEstimate) => [domain.domain, jsonEstimate(domain)]),
            )
          : undefined;
        return printJson({
          statistic,
          variable,
          ...jsonEstimate(result),
          rowsMissing: result.rowsMissing,
          ...(by ? { by, byColumn: options.by } : {}),
          warnings: result.warnings,
        });
      }
      process.stdout.write(
        `${statistic} of ${variable}: ${table.rows.length} rows, ${design.degreesOfFreedom} design degrees of freedom; ${Math.round(level * 1000) / 10}% ${result.ci.method} interval\n`,
      );
      const line = (domain: string, estimate: SurveyEstimate) => ({
        domain,
        estimate: estimate.estimate,
        se: estimate.standardError,
        lower: estimate.ci.lower,
        upper: estimate.ci.upper,
        degf: estimate.degreesOfFreedom,
        deff: estimate.designEffect,
        n: estimate.rowsUsed,
      });
      printTable([
        line('(all)', result),
        ...(result.domains ?? []).map((domain) => line(`${options.by}=${domain.domain}`, domain)),
      ]);
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    });
}
