/**
 * Homophily diagnostics of an RDS sample, as the RDS R package defines them
 * (`homophily.estimates`).
 *
 * Recruitment homophily: with T the recruiter-group × recruit-group counts,
 *   H = Σ_g T_gg / (Σ_g T_g· T_·g / ΣT),
 * the ratio of same-group recruitments to the number expected if recruits were chosen without
 * regard to group (1 = none; the package's current definition), and per group
 * T_gg / (T_g·² / ΣT).
 * Population homophily of level g versus the rest (the package's estimator): with the estimator's
 * weights, p the estimated share of g, d̄₀, d̄₁ the mean degrees outside and inside g, d̄ the mean
 * degree and s̄ the mean number of cross-group ties (each respondent's ties split in the proportions
 * of their recruits), H_pop = 2 p d̄₁ (1 − p) d̄₀ / (s̄ d̄): the number of cross-group ties expected
 * under random mixing over the number estimated (respondents who recruited no one get weight 0).
 *
 * Reference: RDS R package 0.9-10, R/homophily.R; Gile, K. J. & Handcock, M. S. (2015),
 * "Network model-assisted inference from respondent-driven sampling data", JRSS A 178(3), 619–639,
 * doi:10.1111/rssa.12091.
 *
 * Complexity: O(n · g).
 */
import type { PreparedRdsSample } from './sample.ts';

export interface RdsHomophily {
  /** Recruitment counts, rows = recruiter's level, columns = recruit's level. */
  recruitmentCounts: number[][];
  recruitmentHomophily: number;
  recruitmentHomophilyByLevel: Record<string, number>;
  /** Population homophily of each level against the rest. */
  populationHomophilyByLevel: Record<string, number>;
}

export function rdsHomophily(sample: PreparedRdsSample, weights: Float64Array): RdsHomophily {
  const groups = sample.levels.length;
  const counts: number[][] = Array.from({ length: groups }, () => new Array<number>(groups).fill(0));
  const recruitsOf: number[][] = Array.from({ length: sample.size }, () => []);
  for (let i = 0; i < sample.size; i++) {
    const recruiter = sample.recruiter[i];
    if (recruiter < 0) continue;
    recruitsOf[recruiter].push(i);
    if (sample.outcome[recruiter] >= 0 && sample.outcome[i] >= 0)
      counts[sample.outcome[recruiter]][sample.outcome[i]]++;
  }
  const total = counts.flat().reduce((sum, value) => sum + value, 0);
  const rowSums = counts.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnSums = counts[0].map((_, column) => counts.reduce((sum, row) => sum + row[column], 0));
  const expected = rowSums.reduce((sum, row, g) => sum + row * columnSums[g], 0) / total;
  const same = counts.reduce((sum, row, g) => sum + row[g], 0);
  const recruitmentHomophilyByLevel: Record<string, number> = {};
  sample.levels.forEach((level, g) => {
    recruitmentHomophilyByLevel[level] = counts[g][g] / ((rowSums[g] * rowSums[g]) / total);
  });
  const populationHomophilyByLevel: Record<string, number> = {};
  sample.levels.forEach((level, g) => {
    let weightTotal = 0;
    let inGroup = 0;
    let degreeIn = 0;
    let degreeOut = 0;
    let degreeAll = 0;
    let crossTies = 0;
    for (let i = 0; i < sample.size; i++) {
      const recruits = recruitsOf[i].filter((r) => sample.outcome[r] >= 0);
      if (sample.outcome[i] < 0 || recruits.length === 0) continue;
      const w = weights[i];
      const member = sample.outcome[i] === g;
      const share = recruits.filter((r) => sample.outcome[r] === g).length / recruits.length;
      const degree = sample.degree[i];
      weightTotal += w;
      degreeAll += w * degree;
      if (member) {
        inGroup += w;
        degreeIn += w * degree;
        crossTies += w * (1 - share) * degree;
      } else {
        degreeOut += w * degree;
        crossTies += w * share * degree;
      }
    }
    const p = inGroup / weightTotal;
    const meanDegreeIn = degreeIn / weightTotal / p;
    const meanDegreeOut = degreeOut / weightTotal / (1 - p);
    const meanDegree = degreeAll / weightTotal;
    const meanCross = crossTies / weightTotal;
    populationHomophilyByLevel[level] =
      (2 * p * meanDegreeIn * (1 - p) * meanDegreeOut) / (meanCross * meanDegree);
  });
  return {
    recruitmentCounts: counts,
    recruitmentHomophily: same / expected,
    recruitmentHomophilyByLevel,
    populationHomophilyByLevel,
  };
}
