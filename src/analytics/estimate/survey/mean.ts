/**
 * Design-based mean of a variable (R `survey::svymean`, with `na.rm = TRUE`, and `svyby` for
 * domains): the Hájek estimator ȳ = Σ w_i y_i / Σ w_i, with the Taylor-linearised variance of the
 * scores z_i = w_i (y_i − ȳ) / Σ w (zero outside the domain or where y is missing) through the
 * design's multistage recursion. Interval: ȳ ± t(df)·se. Design effect as R `deff = TRUE` (SRSWOR).
 *
 * Reference: Lumley (2010), *Complex Surveys: A Guide to Analysis Using R*, §2.2–2.4,
 * doi:10.1002/9780470580066; Särndal, Swensson & Wretman (1992), *Model Assisted Survey Sampling*,
 * §5.7, doi:10.1007/978-1-4612-4378-6.
 * Complexity: O(n × stages) per estimate (whole sample and each domain).
 */
import type { SurveyDesign } from './design.ts';
import { type SurveyEstimateOptions, type SurveyEstimateResult, waldInterval } from './estimate-types.ts';
import {
  type CoreEstimate,
  estimateWithDomains,
  readVariable,
  simpleRandomSamplingVariance,
} from './estimate-with-domains.ts';
import { linearisedVariance } from './linearised-variance.ts';

const WHERE = 'estimate/survey/mean';

/** The mean's core on the rows flagged in `used`: estimate, linearised variance and design effect. */
export function meanCore(design: SurveyDesign, values: Float64Array, used: Uint8Array): CoreEstimate {
  const weights = design.weights;
  let weightSum = 0;
  let weightedSum = 0;
  let rowsUsed = 0;
  for (let i = 0; i < values.length; i++) {
    if (!used[i]) continue;
    rowsUsed++;
    weightSum += weights[i];
    weightedSum += weights[i] * values[i];
  }
  const estimate = weightedSum / weightSum;
  const scores = new Float64Array(values.length);
  const centred = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (!used[i]) continue;
    centred[i] = values[i] - estimate;
    scores[i] = (weights[i] * centred[i]) / weightSum;
  }
  const variance = linearisedVariance(design, scores);
  const simple = simpleRandomSamplingVariance(weights, centred, used);
  return {
    estimate,
    variance,
    designEffect: simple === null ? null : variance / simple,
    rowsUsed,
    weightSum,
  };
}

/** Mean of `values` (null or non-finite = missing) under the design, overall and by domain. */
export function estimateSurveyMean(
  design: SurveyDesign,
  values: readonly (number | null)[],
  options: SurveyEstimateOptions = {},
): SurveyEstimateResult {
  const present = new Uint8Array(design.rowCount).fill(1);
  const variable = readVariable(design, values, 'values', WHERE, present);
  return estimateWithDomains(design, present, options, {
    where: WHERE,
    core: (used) => meanCore(design, variable, used),
    interval: (core, degreesOfFreedom, level) =>
      waldInterval(core.estimate, Math.sqrt(core.variance), level, degreesOfFreedom, WHERE),
  });
}
