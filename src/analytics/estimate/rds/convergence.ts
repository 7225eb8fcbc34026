/**
 * Convergence diagnostics of an RDS estimate: the estimate recomputed on the respondents of waves
 * 0…w for every wave w, and on the first k respondents in sample order (the RDS package's
 * `convergence.plot` / `cumulative.estimate`), with the sample proportion of each wave alone. An
 * estimate still drifting at the last waves means the sample has not forgotten its seeds (Gile,
 * Johnston & Salganik 2015).
 *
 * The weights are recomputed on each subset with the chosen estimator (the SS estimator reuses the
 * full sample's class inclusion probabilities). Reference: Gile, K. J., Johnston, L. G. &
 * Salganik, M. J. (2015), "Diagnostics for respondent-driven sampling", JRSS A 178(1), 241–269,
 * doi:10.1111/rssa.12059.
 *
 * Complexity: O((W + S) · cost of the estimator) for W waves and S steps.
 */
import { assembleSample } from './resample.ts';
import type { PreparedRdsSample } from './sample.ts';

export interface RdsConvergence {
  /** Estimate (level order) on waves 0…w, one row per wave. */
  cumulativeByWave: { wave: number; respondents: number; estimates: number[] }[];
  /** Sample proportion of each level within each wave alone. */
  sampleProportionByWave: number[][];
  /** Estimate on the first k respondents in sample order, at `steps` evenly spaced k. */
  cumulativeBySampleOrder: { respondents: number; estimates: number[] }[];
  /** Largest change of any level's estimate over the last third of the waves. */
  driftOverLastThird: number;
}

/** The sub-sample of the given respondents (their recruiters outside it make them seeds). */
export function subsample(sample: PreparedRdsSample, members: readonly number[]) {
  const position = new Int32Array(sample.size).fill(-1);
  members.forEach((index, k) => {
    position[index] = k;
  });
  const recruiter = Int32Array.from(members, (index) =>
    sample.recruiter[index] < 0 ? -1 : position[sample.recruiter[index]],
  );
  const degree = Float64Array.from(members, (index) => sample.degree[index]);
  const outcome = Int32Array.from(members, (index) => sample.outcome[index]);
  return assembleSample(sample.levels, recruiter, degree, outcome);
}

export function rdsConvergence(
  sample: PreparedRdsSample,
  estimate: (subset: PreparedRdsSample) => number[],
  options: { steps?: number } = {},
): RdsConvergence {
  const steps = options.steps ?? 20;
  const groups = sample.levels.length;
  const full = (members: number[]): number[] => {
    const { sample: subset, levelMap } = subsample(sample, members);
    const values = new Array<number>(groups).fill(0);
    if (subset.levels.length === 0) return values;
    const proportions = estimate(subset);
    levelMap.forEach((level, k) => {
      values[level] = proportions[k];
    });
    return values;
  };
  const maxWave = Math.max(...sample.wave);
  const cumulativeByWave: RdsConvergence['cumulativeByWave'] = [];
  const sampleProportionByWave: number[][] = [];
  for (let wave = 0; wave <= maxWave; wave++) {
    const members: number[] = [];
    const counts = new Array<number>(groups).fill(0);
    let inWave = 0;
    for (let i = 0; i < sample.size; i++) {
      if (sample.wave[i] <= wave) members.push(i);
      if (sample.wave[i] === wave && sample.outcome[i] >= 0) {
        counts[sample.outcome[i]]++;
        inWave++;
      }
    }
    cumulativeByWave.push({ wave, respondents: members.length, estimates: full(members) });
    sampleProportionByWave.push(counts.map((count) => (inWave === 0 ? 0 : count / inWave)));
  }
  const cumulativeBySampleOrder: RdsConvergence['cumulativeBySampleOrder'] = [];
  for (let step = 1; step <= steps; step++) {
    const size = Math.max(2, Math.round((sample.size * step) / steps));
    const members = Array.from({ length: Math.min(size, sample.size) }, (_, i) => i);
    cumulativeBySampleOrder.push({ respondents: members.length, estimates: full(members) });
  }
  const startWave = Math.floor((2 * maxWave) / 3);
  let drift = 0;
  for (let g = 0; g < groups; g++) {
    const values = cumulativeByWave.slice(startWave).map((row) => row.estimates[g]);
    drift = Math.max(drift, Math.max(...values) - Math.min(...values));
  }
  return { cumulativeByWave, sampleProportionByWave, cumulativeBySampleOrder, driftOverLastThird: drift };
}
