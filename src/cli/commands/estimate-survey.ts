import type { Command } from 'commander';
import type { LonelyUnitRule, SurveyEstimate } from '../../analytics/estimate/survey/index.ts';
import { UserError } from '../../domain/errors.ts';
import { readTableFile } from '../../ingest/read-table.ts';
import { surveyMethod, surveyParameters } from '../../jobs/index.ts';
import { printJson, printTable } from '../output.ts';
import { addSaveOptions, type SaveOptions, saveRunIfAsked } from './estimate-runs.ts';

interface SurveyCommandOptions extends SaveOptions {
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
const CI_METHODS = ['wald', 'logit', 'beta', 'asin', 'likelihood'];

function columnList(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
}

function degreesOfFreedomOption(text: string): 'design' | 'domain' | number {
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

/**
 * `siren estimate survey FILE (--mean V | --total V | --proportion EXPR | --ratio V1/V2)`:
 * design-based estimates with Taylor-linearised standard errors, as R `survey`.
 */
export function registerEstimateSurvey(estimate: Command): void {
  const command = estimate
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
    );
  addSaveOptions(command).action(async (file: string, options: SurveyCommandOptions) => {
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
    const ciMethod = options.ciMethod;
    if (ciMethod !== undefined && !CI_METHODS.includes(ciMethod))
      throw new UserError(
        statistic === 'proportion'
          ? `--ci-method must be one of ${CI_METHODS.join(', ')}, got "${ciMethod}"`
          : `--ci-method ${ciMethod} applies to --proportion only; --${statistic} uses wald`,
        'invalid_input',
      );
    const degreesOfFreedom = degreesOfFreedomOption(options.df);
    const parameters = surveyParameters.parse({
      statistic,
      variable: options[statistic],
      weights: options.weights,
      strata: options.strata,
      cluster: columnList(options.cluster),
      fpc: columnList(options.fpc),
      ciMethod: options.ciMethod,
      by: options.by,
      level,
      df: degreesOfFreedom === Number.POSITIVE_INFINITY ? 'inf' : degreesOfFreedom,
      lonelyPsu: options.lonelyPsu,
      ultimateCluster: options.ultimateCluster === true,
    });
    const table = await readTableFile(file);
    const outcome = surveyMethod.run({ input: table }, parameters, 0);
    await saveRunIfAsked(
      options,
      { method: 'survey', tables: { input: table }, parameters, seed: null, source: table.file },
      outcome,
    );
    if (options.json) return printJson(outcome.results);
    const { design, result, variable } = outcome.report;
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
