/**
 * Respondent-driven sampling (RDS) input: checking a sample and preparing it for the estimators.
 *
 * A sample is a list of respondents, each with an id, the id of the respondent who recruited them
 * (`null` for seeds), a self-reported network size (degree, `null` when missing) and the value of
 * the outcome of interest (`null` when missing). {@link validateRdsSample} lists every problem with
 * the respondent's position (1-based) and field, so that a caller reading a file can name the row
 * and column; {@link prepareRdsSample} turns a valid sample into index arrays (recruiter index,
 * wave, tree), outcome levels and the degrees the estimators use.
 *
 * Conventions (those of the R package RDS 0.9-10, Handcock, Gile & Fellows, `RDS.estimates.local`):
 * a missing or zero degree is replaced by the largest reported degree, with a warning naming the
 * respondents; outcome levels are sorted (code-point order, which equals R's for the usual codes);
 * respondents with a missing outcome keep their place in the recruitment tree but get no weight.
 * Errors (never silent numbers): duplicate ids, recruiter ids that point nowhere, recruitment
 * cycles, negative or non-finite degrees, no degree reported at all.
 *
 * Complexity: O(n) time and memory.
 */
import { AnalyticsInputError } from '../../common/index.ts';

export interface RdsRespondent {
  /** Respondent id, unique in the sample. */
  id: string;
  /** Id of the recruiter; `null` for a seed. */
  recruiterId: string | null;
  /** Self-reported network size (degree); `null` when missing. */
  degree: number | null;
  /** Outcome value (category); `null` when missing. */
  outcome: string | null;
}

export interface RdsProblem {
  /** 1-based position of the respondent in the input list. */
  respondent: number;
  field: 'id' | 'recruiterId' | 'degree' | 'outcome';
  severity: 'error' | 'warning';
  message: string;
}

/** A checked sample in index form, shared by every RDS estimator and diagnostic. */
export interface PreparedRdsSample {
  size: number;
  ids: string[];
  /** Index of each respondent's recruiter, -1 for seeds. */
  recruiter: Int32Array;
  /** Wave (0 for seeds). */
  wave: Int32Array;
  /** Index of the seed at the root of each respondent's tree. */
  seed: Int32Array;
  /** Degrees as reported (NaN when missing). */
  reportedDegree: Float64Array;
  /** Degrees the estimators use: missing or zero replaced by the largest reported degree. */
  degree: Float64Array;
  /** Sorted outcome levels present in the sample. */
  levels: string[];
  /** Level index of each respondent's outcome, -1 when missing. */
  outcome: Int32Array;
  /** Number of respondents with a non-missing outcome. */
  outcomeCount: number;
  warnings: string[];
}

const WHERE = 'estimate/rds';

function describeList(positions: number[]): string {
  const shown = positions.slice(0, 10).join(', ');
  return positions.length > 10 ? `${shown} … (${positions.length} in all)` : shown;
}

/** Every problem of the sample: errors make estimation impossible, warnings say what was assumed. */
export function validateRdsSample(respondents: readonly RdsRespondent[]): RdsProblem[] {
  const problems: RdsProblem[] = [];
  const position = new Map<string, number>();
  respondents.forEach((respondent, index) => {
    if (position.has(respondent.id))
      problems.push({
        respondent: index + 1,
        field: 'id',
        severity: 'error',
        message: `id "${respondent.id}" repeats respondent ${(position.get(respondent.id) ?? 0) + 1}`,
      });
    else position.set(respondent.id, index);
  });
  respondents.forEach((respondent, index) => {
    const recruiter = respondent.recruiterId;
    if (recruiter !== null && !position.has(recruiter))
      problems.push({
        respondent: index + 1,
        field: 'recruiterId',
        severity: 'error',
        message: `recruiter id "${recruiter}" is not the id of any respondent`,
      });
    if (recruiter !== null && recruiter === respondent.id)
      problems.push({
        respondent: index + 1,
        field: 'recruiterId',
        severity: 'error',
        message: `respondent "${respondent.id}" is recorded as their own recruiter`,
      });
    const degree = respondent.degree;
    if (degree !== null && (!Number.isFinite(degree) || degree < 0))
      problems.push({
        respondent: index + 1,
        field: 'degree',
        severity: 'error',
        message: `network size ${degree} is not a count (expected a number >= 0)`,
      });
    else if (degree === null || degree === 0)
      problems.push({
        respondent: index + 1,
        field: 'degree',
        severity: 'warning',
        message:
          degree === null
            ? 'network size is missing; the largest reported network size is used'
            : 'network size is 0 (the respondent recruited or was recruited, so knows someone); the largest reported network size is used',
      });
  });
  if (problems.some((problem) => problem.severity === 'error')) return problems;
  // Cycles: follow recruiters upwards; a chain longer than the sample is a cycle.
  const state = new Uint8Array(respondents.length);
  for (let start = 0; start < respondents.length; start++) {
    if (state[start] !== 0) continue;
    const path: number[] = [];
    let current = start;
    while (current !== -1 && state[current] === 0) {
      state[current] = 1;
      path.push(current);
      const recruiter = respondents[current].recruiterId;
      current = recruiter === null ? -1 : (position.get(recruiter) ?? -1);
    }
    if (current !== -1 && state[current] === 1) {
      problems.push({
        respondent: current + 1,
        field: 'recruiterId',
        severity: 'error',
        message: `respondent "${respondents[current].id}" is in a recruitment cycle (no seed above them)`,
      });
    }
    for (const member of path) state[member] = 2;
  }
  if (respondents.every((respondent) => respondent.degree === null || respondent.degree === 0))
    problems.push({
      respondent: 1,
      field: 'degree',
      severity: 'error',
      message: 'no respondent reports a network size above 0',
    });
  return problems;
}

/**
 * Checks the sample and prepares it. Throws an {@link AnalyticsInputError} naming the first
 * respondents in error; warnings (missing or zero degrees) are returned in `warnings`.
 */
export function prepareRdsSample(respondents: readonly RdsRespondent[]): PreparedRdsSample {
  if (respondents.length < 2)
    throw new AnalyticsInputError(
      `${WHERE}: the sample has ${respondents.length} respondents (need 2 or more)`,
    );
  const problems = validateRdsSample(respondents);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const listed = errors
      .slice(0, 5)
      .map((problem) => `respondent ${problem.respondent} (${problem.field}): ${problem.message}`);
    const more = errors.length > 5 ? `; and ${errors.length - 5} more` : '';
    throw new AnalyticsInputError(`${WHERE}: ${listed.join('; ')}${more}`);
  }
  const size = respondents.length;
  const ids = respondents.map((respondent) => respondent.id);
  const position = new Map(ids.map((id, index) => [id, index]));
  const recruiter = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const recruiterId = respondents[i].recruiterId;
    recruiter[i] = recruiterId === null ? -1 : (position.get(recruiterId) as number);
  }
  const wave = new Int32Array(size).fill(-1);
  const seed = new Int32Array(size).fill(-1);
  const resolve = (index: number): void => {
    const chain: number[] = [];
    let current = index;
    while (wave[current] === -1 && recruiter[current] !== -1) {
      chain.push(current);
      current = recruiter[current];
    }
    if (wave[current] === -1) {
      wave[current] = 0;
      seed[current] = current;
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      const member = chain[k];
      wave[member] = wave[recruiter[member]] + 1;
      seed[member] = seed[recruiter[member]];
    }
  };
  for (let i = 0; i < size; i++) resolve(i);

  const reportedDegree = new Float64Array(size);
  let largest = 0;
  for (let i = 0; i < size; i++) {
    const degree = respondents[i].degree;
    reportedDegree[i] = degree === null ? Number.NaN : degree;
    if (degree !== null && degree > largest) largest = degree;
  }
  const replaced: number[] = [];
  const degree = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const value = reportedDegree[i];
    if (Number.isNaN(value) || value === 0) {
      degree[i] = largest;
      replaced.push(i + 1);
    } else degree[i] = value;
  }
  const warnings: string[] = [];
  if (replaced.length > 0)
    warnings.push(
      `${replaced.length} of ${size} network sizes are missing or zero (respondents ${describeList(replaced)}); the estimators presume these are ${largest}, the largest reported`,
    );

  const levels = [
    ...new Set(respondents.map((respondent) => respondent.outcome).filter((value) => value !== null)),
  ].sort();
  const levelIndex = new Map(levels.map((level, index) => [level, index]));
  const outcome = new Int32Array(size);
  let outcomeCount = 0;
  const missingOutcome: number[] = [];
  for (let i = 0; i < size; i++) {
    const value = respondents[i].outcome;
    outcome[i] = value === null ? -1 : (levelIndex.get(value) as number);
    if (value === null) missingOutcome.push(i + 1);
    else outcomeCount++;
  }
  if (missingOutcome.length > 0)
    warnings.push(
      `${missingOutcome.length} of ${size} outcomes are missing (respondents ${describeList(missingOutcome)}); they are left out of the proportions`,
    );
  if (levels.length === 0) throw new AnalyticsInputError(`${WHERE}: every outcome value is missing`);
  return {
    size,
    ids,
    recruiter,
    wave,
    seed,
    reportedDegree,
    degree,
    levels,
    outcome,
    outcomeCount,
    warnings,
  };
}
