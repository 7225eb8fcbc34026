/**
 * RDS-I weights (Salganik & Heckathorn 2004), optionally data-smoothed (RDS-I DS).
 *
 * The recruitment process is modelled as a Markov chain over the outcome groups. From the matrix of
 * recruiter-group → recruit-group transition counts T (a row without transitions is set to 0.1 in
 * every cell, as the RDS package does), the row-normalised transition matrix P gives the stationary
 * distribution q (qP = q, Σq = 1). With h_g the harmonic mean degree of group g, the population
 * proportion of group g is
 *
 *   p_g = (q_g / h_g) / Σ_k (q_k / h_k),
 *
 * and every respondent of group g gets weight p_g / n_g (n_g respondents in g), so that the weighted
 * proportion of each group equals p_g. Data smoothing replaces T by the symmetrised
 * ½(S + Sᵀ), S = ΣT · diag(q) P, before recomputing q (Heckathorn 2007).
 *
 * Convention: the RDS R package 0.9-10 (`rds.I.weights`, `count.transitions`,
 * `get.stationary.distribution`, `get.h.hat`); a periodic chain, for which the package returns no
 * estimate, gives a warning here and its stationary distribution when that is unique.
 *
 * References: Salganik, M. J. & Heckathorn, D. D. (2004), "Sampling and estimation in hidden
 * populations using respondent-driven sampling", Sociological Methodology 34, 193–239,
 * doi:10.1111/j.0081-1750.2004.00152.x. Heckathorn, D. D. (2007), "Extensions of
 * respondent-driven sampling: analyzing continuous variables and controlling for differential
 * recruitment", Sociological Methodology 37, 151–207, doi:10.1111/j.1467-9531.2007.00188.x.
 *
 * Complexity: O(n + g³) for n respondents and g groups.
 */
import { AnalyticsInputError } from '../../common/index.ts';
import type { PreparedRdsSample } from './sample.ts';

export interface RdsIDetails {
  /** Transition counts, rows = recruiter's group, columns = recruit's group (level order). */
  transitionCounts: number[][];
  /** Stationary distribution of the (smoothed) transition matrix. */
  stationaryDistribution: number[];
  /** Harmonic mean degree per group. */
  harmonicMeanDegree: number[];
  /** Estimated proportion per group. */
  proportions: number[];
  warnings: string[];
}

/** Transition counts between outcome groups; rows without any transition are set to 0.1. */
export function countTransitions(sample: PreparedRdsSample): number[][] {
  const groups = sample.levels.length;
  const counts: number[][] = Array.from({ length: groups }, () => new Array<number>(groups).fill(0));
  for (let i = 0; i < sample.size; i++) {
    const recruiter = sample.recruiter[i];
    if (recruiter < 0) continue;
    const from = sample.outcome[recruiter];
    const to = sample.outcome[i];
    if (from < 0 || to < 0) continue;
    counts[from][to] += 1;
  }
  for (const row of counts) if (!row.some((value) => value !== 0)) row.fill(0.1);
  return counts;
}

/** Stationary distribution q of a row-stochastic matrix: solves q(P − I) = 0 with Σq = 1. */
export function stationaryDistribution(transition: readonly (readonly number[])[], where: string): number[] {
  const size = transition.length;
  // Build A = (P − I)ᵀ with its last row replaced by ones; solve A q = e_last.
  const matrix = Array.from({ length: size }, (_, row) =>
    Array.from({ length: size + 1 }, (_, column) => {
      if (column === size) return row === size - 1 ? 1 : 0;
      if (row === size - 1) return 1;
      return transition[column][row] - (row === column ? 1 : 0);
    }),
  );
  for (let pivot = 0; pivot < size; pivot++) {
    let best = pivot;
    for (let row = pivot + 1; row < size; row++)
      if (Math.abs(matrix[row][pivot]) > Math.abs(matrix[best][pivot])) best = row;
    if (Math.abs(matrix[best][pivot]) < 1e-12)
      throw new AnalyticsInputError(
        `${where}: the recruitment chain between outcome groups has no unique stationary distribution (some groups never recruit each other)`,
      );
    [matrix[pivot], matrix[best]] = [matrix[best], matrix[pivot]];
    for (let row = 0; row < size; row++) {
      if (row === pivot) continue;
      const factor = matrix[row][pivot] / matrix[pivot][pivot];
      if (factor === 0) continue;
      for (let column = pivot; column <= size; column++)
        matrix[row][column] -= factor * matrix[pivot][column];
    }
  }
  // A probability cannot be negative: a group that is never reached has q = 0, which elimination
  // may return as a rounding error below zero.
  const solution = matrix.map((row, index) => Math.max(0, row[size] / row[index]));
  const total = solution.reduce((sum, value) => sum + value, 0);
  return solution.map((value) => value / total);
}

function rowNormalise(counts: readonly (readonly number[])[]): number[][] {
  return counts.map((row) => {
    const total = row.reduce((sum, value) => sum + value, 0);
    return row.map((value) => value / total);
  });
}

/**
 * True when the chain is periodic. For an irreducible chain on g states, P^m has a positive diagonal
 * for m = (g−1)²+1 and m+1 exactly when it is aperiodic (Wielandt's bound); computed on the zero
 * pattern, so rounding cannot matter.
 */
function isPeriodic(transition: readonly (readonly number[])[]): boolean {
  const size = transition.length;
  const pattern = transition.map((row) => row.map((value) => value > 0));
  const multiply = (left: boolean[][]): boolean[][] =>
    left.map((row) => pattern[0].map((_, column) => row.some((value, k) => value && pattern[k][column])));
  const exponent = (size - 1) * (size - 1) + 1;
  let power = pattern.map((row) => [...row]);
  for (let step = 1; step < exponent; step++) power = multiply(power);
  const next = multiply(power);
  return power.some((row, index) => !row[index]) || next.some((row, index) => !row[index]);
}

/** RDS-I (or data-smoothed RDS-I) weights, summing to 1, with the Markov-chain details. */
export function rdsIWeights(
  sample: PreparedRdsSample,
  options: { smoothed?: boolean } = {},
): { weights: Float64Array; details: RdsIDetails } {
  const where = options.smoothed ? 'estimate/rds (RDS-I DS)' : 'estimate/rds (RDS-I)';
  const groups = sample.levels.length;
  const weights = new Float64Array(sample.size);
  const warnings: string[] = [];
  const counts = countTransitions(sample);
  const harmonicMeanDegree = sample.levels.map((_, group) => {
    let count = 0;
    let inverseSum = 0;
    for (let i = 0; i < sample.size; i++) {
      if (sample.outcome[i] !== group) continue;
      count++;
      inverseSum += 1 / sample.degree[i];
    }
    return count / inverseSum;
  });
  if (groups === 1) {
    for (let i = 0; i < sample.size; i++) weights[i] = sample.outcome[i] < 0 ? 0 : 1 / sample.outcomeCount;
    return {
      weights,
      details: {
        transitionCounts: counts,
        stationaryDistribution: [1],
        harmonicMeanDegree,
        proportions: [1],
        warnings,
      },
    };
  }
  let transition = rowNormalise(counts);
  let stationary = stationaryDistribution(transition, where);
  if (options.smoothed) {
    const total = counts.flat().reduce((sum, value) => sum + value, 0);
    const scaled = transition.map((row, r) => row.map((value) => total * stationary[r] * value));
    const symmetric = scaled.map((row, r) => row.map((value, c) => 0.5 * (value + scaled[c][r])));
    transition = rowNormalise(symmetric);
    stationary = stationaryDistribution(transition, where);
  }
  if (isPeriodic(transition))
    warnings.push(
      'the recruitment chain between outcome groups is periodic or has a group that is never recruited back; the RDS package may give no RDS-I estimate here',
    );
  const ratio = stationary.map((q, group) => q / harmonicMeanDegree[group]);
  const ratioTotal = ratio.reduce((sum, value) => sum + value, 0);
  const proportions = ratio.map((value) => value / ratioTotal);
  const groupCounts = new Array<number>(groups).fill(0);
  for (let i = 0; i < sample.size; i++) if (sample.outcome[i] >= 0) groupCounts[sample.outcome[i]]++;
  for (let i = 0; i < sample.size; i++) {
    const group = sample.outcome[i];
    weights[i] = group < 0 ? 0 : proportions[group] / groupCounts[group];
  }
  return {
    weights,
    details: {
      transitionCounts: counts,
      stationaryDistribution: stationary,
      harmonicMeanDegree,
      proportions,
      warnings,
    },
  };
}
