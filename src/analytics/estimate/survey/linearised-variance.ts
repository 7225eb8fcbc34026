/**
 * Taylor-linearised variance of an estimated total of scores under a stratified multistage design,
 * the recursion of R `survey`'s `svyrecvar` / `multistage` / `onestage` / `onestrat`.
 *
 * For a linearisation score z_i per row (already multiplied by the weight), each stage s and each
 * stratum h of that stage (stage 1: the design strata; stage s > 1: a unit of stage s − 1) with
 * n_h sampled units of unit totals Z_hj, population size N_h and f_h = (N_h − n_h)/N_h (1 when N_h
 * is not known) contributes
 *
 *   m_h · f_h · n_h/(n_h − 1) · Σ_j (Z_hj − Z̄_h)²,
 *
 * where m_h is the product of the sampling fractions n/N of the enclosing units of earlier stages
 * (so each later stage is added only below a finite population correction, as in R). A stratum with
 * f_h < 1e−7 is taken with certainty and contributes nothing. A stratum with one sampled unit
 * follows the design's lonely-unit rule (R `survey.lonely.psu`): 'remove' and 'certainty' add
 * nothing; 'adjust' centres the lonely unit at zero instead of at its own value (survey 4.1's
 * rule: for a mean, whose scores sum to zero, zero is the grand mean; for a total it is not);
 * 'average' replaces the lonely strata of the first stage by the average of
 * the other strata (the sum over the others times strata / other strata).
 *
 * Reference: Lumley (2010), *Complex Surveys*, §2.2 and appendix C.2, doi:10.1002/9780470580066;
 * Wolter (2007), *Introduction to Variance Estimation*, 2nd ed., ch. 6, doi:10.1007/978-0-387-35099-8.
 * Complexity: O(n × stages) time, O(units) memory.
 */
import type { SurveyDesign } from './design.ts';

/** Design-based variance of Σ_i scores_i (scores already weighted), by linearisation. */
export function linearisedVariance(design: SurveyDesign, scores: Float64Array): number {
  let variance = 0;
  design.stages.forEach((stage, stageIndex) => {
    const totals = new Float64Array(stage.unitCount);
    const rowsUnit = stage.unitOfRow;
    for (let i = 0; i < scores.length; i++) totals[rowsUnit[i]] += scores[i];
    const stratumSum = new Float64Array(stage.stratumCount);
    for (let u = 0; u < stage.unitCount; u++) stratumSum[stage.stratumOfUnit[u]] += totals[u];
    const squares = new Float64Array(stage.stratumCount);
    for (let u = 0; u < stage.unitCount; u++) {
      const h = stage.stratumOfUnit[u];
      const deviation = totals[u] - stratumSum[h] / stage.sampledUnits[h];
      squares[h] += deviation * deviation;
    }
    let stageSum = 0;
    let lonelyAveraged = 0;
    for (let h = 0; h < stage.stratumCount; h++) {
      const sampled = stage.sampledUnits[h];
      const population = stage.populationUnits[h];
      const correction = Number.isFinite(population) ? (population - sampled) / population : 1;
      if (correction < 1e-7) continue;
      const multiplier = stage.stageMultiplier[h];
      if (sampled > 1) {
        stageSum += (multiplier * correction * sampled * squares[h]) / (sampled - 1);
        continue;
      }
      if (design.lonelyUnit === 'adjust') {
        stageSum += multiplier * correction * stratumSum[h] * stratumSum[h];
      } else if (design.lonelyUnit === 'average' && stageIndex === 0) lonelyAveraged++;
    }
    if (lonelyAveraged > 0 && lonelyAveraged < stage.stratumCount)
      stageSum *= stage.stratumCount / (stage.stratumCount - lonelyAveraged);
    variance += stageSum;
  });
  return variance;
}
