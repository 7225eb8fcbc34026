/**
 * Salganik's bootstrap for RDS proportions (Salganik 2006), as the RDS R package implements it
 * (`salganik.bootstrap.estimates`, the default uncertainty of RDS-I and RDS-II in
 * `RDS.bootstrap.intervals`).
 *
 * Each replicate is one Markov chain of recruitments: the first respondent's group is drawn from
 * the sample's groups, each next group from the observed transition counts of the previous group
 * (a group that recruited no one uses the column totals), and each respondent's degree is drawn from
 * the observed degrees of their group. The chain has as many recruits as the sample has recruits
 * with an outcome (plus one seed). The estimator is applied to each replicate; the standard error is
 * the standard deviation of the replicate estimates and the interval estimate ± z·se (the package's
 * `ci.type = "t"`, which uses the normal quantile).
 *
 * The package has a quirk (RDS 0.9-10): it numbers groups in order of first appearance in the
 * data but reads the transition matrix in sorted level order, so when the first respondent's level
 * is not the first sorted level the chain's transitions belong to the wrong labels (for fauxmadrona
 * this inflates the RDS-I bootstrap se from about 0.021 to the package's 0.037). The default here is
 * the consistent chain; `emulatePackageLevelOrder` reproduces the package, for comparison only.
 *
 * Reference: Salganik, M. J. (2006), "Variance estimation, design effects, and sample size
 * calculations for respondent-driven sampling", Journal of Urban Health 83(Suppl 1), 98–112,
 * doi:10.1007/s11524-006-9106-x.
 *
 * Complexity: O(B · (n g + cost of the estimator)) for B replicates and g groups.
 */
import type { Random } from '../../common/index.ts';
import { countTransitions } from './rds-i-weights.ts';
import { assembleSample } from './resample.ts';
import type { PreparedRdsSample } from './sample.ts';

/** Replicate proportions (rows = replicates, columns = levels of the full sample). */
export function salganikBootstrapReplicates(
  sample: PreparedRdsSample,
  replicates: number,
  random: Random,
  estimate: (replicate: PreparedRdsSample) => number[],
  emulatePackageLevelOrder = false,
): number[][] {
  const groups = sample.levels.length;
  const transitions = countTransitions(sample);
  const columnTotals = transitions[0].map((_, column) =>
    transitions.reduce((sum, row) => sum + row[column], 0),
  );
  const rows = transitions.map((row) =>
    row.reduce((sum, value) => sum + value, 0) < 0.5 ? [...columnTotals] : row,
  );
  // Chain state k stands for level labelOf[k]; consistent unless the package's quirk is emulated.
  const labelOf: number[] = [];
  if (emulatePackageLevelOrder) {
    for (let i = 0; i < sample.size; i++)
      if (sample.outcome[i] >= 0 && !labelOf.includes(sample.outcome[i])) labelOf.push(sample.outcome[i]);
  } else for (let g = 0; g < groups; g++) labelOf.push(g);
  const stateOf = new Int32Array(groups);
  labelOf.forEach((label, state) => {
    stateOf[label] = state;
  });
  const groupMembers: number[] = [];
  const degreesByGroup: number[][] = Array.from({ length: groups }, () => []);
  let recruits = 0;
  for (let i = 0; i < sample.size; i++) {
    const group = sample.outcome[i];
    if (group < 0) continue;
    groupMembers.push(stateOf[group]);
    degreesByGroup[group].push(sample.degree[i]);
    if (sample.wave[i] > 0) recruits++;
  }
  const length = recruits + 1;
  const results: number[][] = [];
  for (let b = 0; b < replicates; b++) {
    const recruiter = new Int32Array(length);
    const degree = new Float64Array(length);
    const outcome = new Int32Array(length);
    let state = random.pick(groupMembers);
    while (rows[state].every((value) => value === 0)) state = random.pick(groupMembers);
    for (let i = 0; i < length; i++) {
      if (i > 0) state = random.categorical(rows[state]);
      recruiter[i] = i - 1;
      outcome[i] = labelOf[state];
      degree[i] = random.pick(degreesByGroup[labelOf[state]]);
    }
    const { sample: replicate, levelMap } = assembleSample(sample.levels, recruiter, degree, outcome);
    const proportions = estimate(replicate);
    const full = new Array<number>(groups).fill(0);
    levelMap.forEach((level, k) => {
      full[level] = proportions[k];
    });
    if (full.every((value) => Number.isFinite(value))) results.push(full);
  }
  return results;
}
