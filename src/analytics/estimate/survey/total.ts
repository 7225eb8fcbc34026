/**
 * Design-based total of a variable (R `survey::svytotal`, with `na.rm = TRUE`, and `svyby` for
 * domains): the Horvitz–Thompson estimator Ŷ = Σ w_i y_i, whose linearisation scores are w_i y_i
 * themselves (zero outside the domain or where y is missing). Interval: Ŷ ± t(df)·se. Design
 * effect as R `svytotal(deff = TRUE)`: variance / (N̂² × weighted population variance ×
 * (N̂ − n)/(N̂ n)).
 *
 * Reference: Horvitz & Thompson (1952), "A generalization of sampling without replacement from a
 * finite universe", JASA 47(260):663–685, doi:10.1080/01621459.1952.10483446; Lumley (2010),
 * *Complex Surveys*, §2.2, doi:10.1002/9780470580066.
 * Complexity: O(n × stages) per estimate.
 */
import type { SurveyDesign } from './design.ts';
import { type SurveyEstimateOptions, type SurveyEstimateResult, waldInterval } from './estimate-types.ts';
import { estimateWithDomains, readVariable, simpleRandomSamplingVariance } from './estimate-with-domains.ts';
import { linearisedVariance } from './linearised-variance.ts';

const WHERE = 'estimate/survey/total';

/** Total of `values` (null or non-finite = missing) under the design, overall and by domain. */
export function estimateSurveyTotal(
  design: SurveyDesign,
  values: readonly (number | null)[],
  options: SurveyEstimateOptions = {},
): SurveyEstimateResult {
  const present = new Uint8Array(design.rowCount).fill(1);
  const variable = readVariable(design, values, 'values', WHERE, present);
  const weights = design.weights;
  return estimateWithDomains(design, present, options, {
    where: WHERE,
    core: (used) => {
      let estimate = 0;
      let weightSum = 0;
      let rowsUsed = 0;
      const scores = new Float64Array(variable.length);
      for (let i = 0; i < variable.length; i++) {
        if (!used[i]) continue;
        rowsUsed++;
        scores[i] = weights[i] * variable[i];
        estimate += scores[i];
        weightSum += weights[i];
      }
      const mean = estimate / weightSum;
      const centred = new Float64Array(variable.length);
      for (let i = 0; i < variable.length; i++) if (used[i]) centred[i] = variable[i] - mean;
      const variance = linearisedVariance(design, scores);
      const simple = simpleRandomSamplingVariance(weights, centred, used);
      return {
        estimate,
        variance,
        designEffect: simple === null ? null : variance / (simple * weightSum * weightSum),
        rowsUsed,
        weightSum,
      };
    },
    interval: (core, degreesOfFreedom, level) =>
      waldInterval(core.estimate, Math.sqrt(core.variance), level, degreesOfFreedom, WHERE),
  });
}
