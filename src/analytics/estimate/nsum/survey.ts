/**
 * Network scale-up (NSUM) input: aggregated relational data — for every respondent, how many people
 * they know in each of several groups — plus the sizes of the known groups. This file checks the
 * input and turns it into arrays the estimators share.
 *
 * Conventions (the networkreporting R package 0.3.1, Feehan & Salganik): a missing answer to a
 * known-population question counts as 0 in the degree (`rowSums(na.rm = TRUE)`), with a warning;
 * a respondent with a missing answer about a hidden population is left out of that population's
 * estimate (`missing = "complete.obs"`). Known-population answers can be top-coded (the package
 * vignette uses 30). Errors: unknown columns, negative or non-finite answers, sizes or weights.
 *
 * Complexity: O(n · k) for n respondents and k questions.
 */
import { AnalyticsInputError } from '../../common/index.ts';

export interface NsumRespondent {
  /** How many people the respondent knows in each group (column name → count; null = missing). */
  answers: Readonly<Record<string, number | null>>;
  /** Survey weight (relative or absolute); 1 when absent. */
  weight?: number;
  /** Primary sampling unit, for the rescaled bootstrap. */
  cluster?: string;
  /** Stratum, for the rescaled bootstrap. */
  stratum?: string;
}

export interface KnownPopulation {
  /** Column name of the question in the survey. */
  name: string;
  /** Size of the group in the population. */
  size: number;
}

export interface PreparedNsumSurvey {
  size: number;
  knownNames: string[];
  knownSizes: number[];
  /** known[k][i]: respondent i's (top-coded) answer for known population k; NaN when missing. */
  known: Float64Array[];
  weights: Float64Array;
  clusters: string[];
  strata: string[];
  warnings: string[];
}

export const NSUM_WHERE = 'estimate/nsum';

function describePositions(positions: number[]): string {
  const shown = positions.slice(0, 10).join(', ');
  return positions.length > 10 ? `${shown} … (${positions.length} in all)` : shown;
}

/** Answers of one column (NaN for missing), checked to be counts >= 0. */
export function answerColumn(respondents: readonly NsumRespondent[], column: string): Float64Array {
  const values = new Float64Array(respondents.length);
  let present = false;
  respondents.forEach((respondent, index) => {
    const value = respondent.answers[column];
    if (value === undefined) {
      values[index] = Number.NaN;
      return;
    }
    present = true;
    if (value === null) {
      values[index] = Number.NaN;
      return;
    }
    if (!Number.isFinite(value) || value < 0)
      throw new AnalyticsInputError(
        `${NSUM_WHERE}: respondent ${index + 1} answers ${value} for "${column}" (expected a count >= 0)`,
      );
    values[index] = value;
  });
  if (!present && respondents.length > 0)
    throw new AnalyticsInputError(`${NSUM_WHERE}: no respondent has an answer column "${column}"`);
  return values;
}

export function prepareNsumSurvey(
  respondents: readonly NsumRespondent[],
  knownPopulations: readonly KnownPopulation[],
  options: { topCode: number | null; weighted: boolean },
): PreparedNsumSurvey {
  if (respondents.length === 0) throw new AnalyticsInputError(`${NSUM_WHERE}: the survey has no respondents`);
  if (knownPopulations.length === 0)
    throw new AnalyticsInputError(
      `${NSUM_WHERE}: no known populations were given (degrees need at least one)`,
    );
  const seen = new Set<string>();
  for (const population of knownPopulations) {
    if (seen.has(population.name))
      throw new AnalyticsInputError(`${NSUM_WHERE}: known population "${population.name}" is listed twice`);
    seen.add(population.name);
    if (!Number.isFinite(population.size) || population.size <= 0)
      throw new AnalyticsInputError(
        `${NSUM_WHERE}: known population "${population.name}" has size ${population.size} (expected a number > 0)`,
      );
  }
  const warnings: string[] = [];
  const known = knownPopulations.map((population) => {
    const column = answerColumn(respondents, population.name);
    const missing: number[] = [];
    column.forEach((value, index) => {
      if (Number.isNaN(value)) missing.push(index + 1);
    });
    if (missing.length > 0)
      warnings.push(
        `${missing.length} missing answers for known population "${population.name}" (respondents ${describePositions(missing)}) count as 0 in the degrees`,
      );
    if (options.topCode !== null) {
      const cap = options.topCode;
      return column.map((value) => Math.min(value, cap));
    }
    return column;
  });
  const weights = new Float64Array(respondents.length);
  respondents.forEach((respondent, index) => {
    const weight = options.weighted ? respondent.weight : 1;
    if (weight === undefined)
      throw new AnalyticsInputError(
        `${NSUM_WHERE}: respondent ${index + 1} has no weight (weights were asked for)`,
      );
    if (!Number.isFinite(weight) || weight < 0)
      throw new AnalyticsInputError(
        `${NSUM_WHERE}: respondent ${index + 1} has weight ${weight} (expected a number >= 0)`,
      );
    weights[index] = weight;
  });
  return {
    size: respondents.length,
    knownNames: knownPopulations.map((population) => population.name),
    knownSizes: knownPopulations.map((population) => population.size),
    known,
    weights,
    clusters: respondents.map((respondent, index) => respondent.cluster ?? `row ${index + 1}`),
    strata: respondents.map((respondent) => respondent.stratum ?? ''),
    warnings,
  };
}
