/**
 * Personal network size (degree) of each respondent by the known-population method (Killworth et
 * al. 1998): the share of the known groups' members the respondent knows, scaled to the population,
 *
 *   d̂_i = (Σ_k y_ik / Σ_k N_k) · N,
 *
 * with y_ik the number of people respondent i knows in known group k (missing answers count as 0),
 * N_k the groups' sizes and N the size of the alter population (the networkreporting R package's
 * `kp.degree.estimator`, with `alter.popn.size = N`). Groups can be left out (leave-one-out checks).
 *
 * Reference: Killworth, P. D., Johnsen, E. C., McCarty, C., Shelley, G. A. & Bernard, H. R. (1998),
 * "A social network approach to estimating seroprevalence in the United States", Social Networks
 * 20(1), 23–50, doi:10.1016/S0378-8733(96)00305-X.
 *
 * Complexity: O(n · k).
 */
import type { PreparedNsumSurvey } from './survey.ts';

export function knownPopulationDegrees(
  survey: PreparedNsumSurvey,
  totalPopulation: number,
  leaveOut: number = -1,
): Float64Array {
  let knownTotal = 0;
  survey.knownSizes.forEach((size, k) => {
    if (k !== leaveOut) knownTotal += size;
  });
  const degrees = new Float64Array(survey.size);
  for (let k = 0; k < survey.known.length; k++) {
    if (k === leaveOut) continue;
    const column = survey.known[k];
    for (let i = 0; i < survey.size; i++) if (!Number.isNaN(column[i])) degrees[i] += column[i];
  }
  for (let i = 0; i < survey.size; i++) degrees[i] = (degrees[i] / knownTotal) * totalPopulation;
  return degrees;
}
