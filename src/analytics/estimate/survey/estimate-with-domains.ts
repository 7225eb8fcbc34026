/**
 * The frame every estimator of this folder shares: run a core estimate on the rows whose variables
 * are present, then on each domain (those rows ∩ the domain, scores of all other rows zero), attach
 * degrees of freedom and an interval, and collect warnings. The estimators (mean, total, ratio,
 * proportion) supply only their core, which is where their formulas and citations are.
 * Complexity: O(n × (domains + 1) × stages).
 */
import { requireInput } from '../../common/errors.ts';
import type { SurveyDesign } from './design.ts';
import { domainDegreesOfFreedom, domainRows } from './domains.ts';
import type {
  DomainEstimate,
  SurveyConfidenceInterval,
  SurveyEstimate,
  SurveyEstimateOptions,
  SurveyEstimateResult,
} from './estimate-types.ts';

/** What an estimator's core computes on a set of rows. */
export interface CoreEstimate {
  estimate: number;
  variance: number;
  designEffect: number | null;
  rowsUsed: number;
  weightSum: number;
}

export interface EstimatorParts {
  where: string;
  /** The core estimate on the rows flagged in `used` (every flagged row has its variables present). */
  core: (used: Uint8Array) => CoreEstimate;
  /** The interval; Wald by default. */
  interval: (core: CoreEstimate, degreesOfFreedom: number, level: number) => SurveyConfidenceInterval;
  /** Extra warnings for one estimate (e.g. an interval that fell back to another method). */
  notes?: (core: CoreEstimate) => string[];
}

/** Runs an estimator's core on the whole sample and on each domain. */
export function estimateWithDomains(
  design: SurveyDesign,
  present: Uint8Array,
  options: SurveyEstimateOptions,
  parts: EstimatorParts,
): SurveyEstimateResult {
  const { where } = parts;
  const level = options.level ?? 0.95;
  const rule = options.degreesOfFreedom ?? 'design';
  requireInput(
    rule === 'design' || rule === 'domain' || (typeof rule === 'number' && rule > 0),
    where,
    `degreesOfFreedom must be 'design', 'domain' or a positive number, got ${String(rule)}`,
  );
  let rowsMissing = 0;
  for (let i = 0; i < present.length; i++) if (!present[i]) rowsMissing++;
  const warnings = [...design.warnings];
  if (rowsMissing > 0)
    warnings.push(
      `${rowsMissing} row(s) with a missing value are left out (estimated as a domain, R na.rm = TRUE)`,
    );

  const one = (used: Uint8Array, name: string | null): SurveyEstimate => {
    const core = parts.core(used);
    requireInput(
      core.rowsUsed > 0 && core.weightSum > 0,
      where,
      `${name === null ? 'the sample' : `domain ${name}`} has no rows with the variables present and a positive weight`,
    );
    const degreesOfFreedom =
      typeof rule === 'number'
        ? rule
        : rule === 'domain' && name !== null
          ? domainDegreesOfFreedom(design, used)
          : design.degreesOfFreedom;
    for (const note of parts.notes?.(core) ?? [])
      warnings.push(name === null ? note : `domain ${name}: ${note}`);
    return {
      estimate: core.estimate,
      standardError: Math.sqrt(core.variance),
      variance: core.variance,
      ci: parts.interval(core, degreesOfFreedom, level),
      degreesOfFreedom,
      designEffect: core.designEffect,
      rowsUsed: core.rowsUsed,
      weightSum: core.weightSum,
    };
  };

  const overall = one(present, null);
  const result: SurveyEstimateResult = { ...overall, rowsMissing, warnings };
  if (options.domains) {
    requireInput(
      options.domains.length === design.rowCount,
      where,
      `domains has ${options.domains.length} labels, the design ${design.rowCount} rows`,
    );
    const domains: DomainEstimate[] = [];
    for (const { label, member } of domainRows(options.domains)) {
      const used = new Uint8Array(present.length);
      for (let i = 0; i < used.length; i++) used[i] = present[i] & member[i];
      domains.push({ domain: label, ...one(used, label) });
    }
    result.domains = domains;
  }
  return result;
}

/** Reads a variable into a Float64Array, flagging rows where it is null or not finite as missing. */
export function readVariable(
  design: SurveyDesign,
  values: readonly (number | null)[],
  name: string,
  where: string,
  present: Uint8Array,
): Float64Array {
  requireInput(
    values.length === design.rowCount,
    where,
    `${name} has ${values.length} values, the design ${design.rowCount} rows`,
  );
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || !Number.isFinite(value)) {
      present[i] = 0;
      out[i] = 0;
    } else out[i] = value;
  }
  return out;
}

/**
 * The SRSWOR design-effect denominator of R `svymean(deff = TRUE)`: the weighted population variance
 * (divisor Σw, times n/(n−1)) × (N̂ − n)/(N̂ n), over the used rows with positive weight; centred
 * values are passed in. Null when it is zero or undefined.
 */
export function simpleRandomSamplingVariance(
  weights: Float64Array,
  centred: Float64Array,
  used: Uint8Array,
): number | null {
  let weightSum = 0;
  let squares = 0;
  let positive = 0;
  for (let i = 0; i < used.length; i++) {
    if (!used[i] || weights[i] <= 0) continue;
    weightSum += weights[i];
    squares += weights[i] * centred[i] * centred[i];
    positive++;
  }
  if (positive < 2 || !(weightSum > positive)) return null;
  const populationVariance = ((squares / weightSum) * positive) / (positive - 1);
  const variance = (populationVariance * (weightSum - positive)) / (weightSum * positive);
  return variance > 0 ? variance : null;
}
