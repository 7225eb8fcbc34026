/**
 * Design-based ratio of two totals (R `survey::svyratio`, and `svyby` for domains):
 * R̂ = Σ w_i y_i / Σ w_i x_i, with the linearisation scores z_i = w_i (y_i − R̂ x_i) / Σ w x
 * (zero outside the domain or where y or x is missing). Interval: R̂ ± t(df)·se.
 * Design effect (a SIREN convention; R's `svyratio` has none): the variance over the SRSWOR variance
 * of the ratio, (N̂ − n)/(N̂ n) × weighted population variance of (y − R̂x) / x̄², x̄ = Σwx/Σw.
 *
 * Reference: Cochran (1977), *Sampling Techniques*, 3rd ed., §6.3 (Wiley); Lumley (2010),
 * *Complex Surveys*, §2.2.3 and appendix C, doi:10.1002/9780470580066.
 * Complexity: O(n × stages) per estimate.
 */
import { requireInput } from '../../common/errors.ts';
import type { SurveyDesign } from './design.ts';
import { type SurveyEstimateOptions, type SurveyEstimateResult, waldInterval } from './estimate-types.ts';
import { estimateWithDomains, readVariable, simpleRandomSamplingVariance } from './estimate-with-domains.ts';
import { linearisedVariance } from './linearised-variance.ts';

const WHERE = 'estimate/survey/ratio';

/** Ratio of the totals of `numerator` and `denominator` (null or non-finite = missing), overall and by domain. */
export function estimateSurveyRatio(
  design: SurveyDesign,
  numerator: readonly (number | null)[],
  denominator: readonly (number | null)[],
  options: SurveyEstimateOptions = {},
): SurveyEstimateResult {
  const present = new Uint8Array(design.rowCount).fill(1);
  const top = readVariable(design, numerator, 'numerator', WHERE, present);
  const bottom = readVariable(design, denominator, 'denominator', WHERE, present);
  const weights = design.weights;
  return estimateWithDomains(design, present, options, {
    where: WHERE,
    core: (used) => {
      let topTotal = 0;
      let bottomTotal = 0;
      let weightSum = 0;
      let rowsUsed = 0;
      for (let i = 0; i < top.length; i++) {
        if (!used[i]) continue;
        rowsUsed++;
        topTotal += weights[i] * top[i];
        bottomTotal += weights[i] * bottom[i];
        weightSum += weights[i];
      }
      requireInput(
        rowsUsed === 0 || bottomTotal !== 0,
        WHERE,
        'the denominator total is zero: the ratio is undefined',
      );
      const estimate = topTotal / bottomTotal;
      const scores = new Float64Array(top.length);
      const residuals = new Float64Array(top.length);
      let residualMean = 0;
      for (let i = 0; i < top.length; i++) {
        if (!used[i]) continue;
        residuals[i] = top[i] - estimate * bottom[i];
        scores[i] = (weights[i] * residuals[i]) / bottomTotal;
        residualMean += weights[i] * residuals[i];
      }
      residualMean /= weightSum;
      for (let i = 0; i < top.length; i++) if (used[i]) residuals[i] -= residualMean;
      const variance = linearisedVariance(design, scores);
      const simple = simpleRandomSamplingVariance(weights, residuals, used);
      const bottomMean = bottomTotal / weightSum;
      return {
        estimate,
        variance,
        designEffect: simple === null ? null : (variance * bottomMean * bottomMean) / simple,
        rowsUsed,
        weightSum,
      };
    },
    interval: (core, degreesOfFreedom, level) =>
      waldInterval(core.estimate, Math.sqrt(core.variance), level, degreesOfFreedom, WHERE),
  });
}
