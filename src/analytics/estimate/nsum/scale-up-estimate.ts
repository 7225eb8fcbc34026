/**
 * The scale-up estimate of one hidden population's size (Killworth et al. 1998), with the
 * adjustments of the networkreporting R package (`nsum.estimator`): degree ratio δ (the hidden
 * population's mean degree relative to everyone's) and information transmission rate τ,
 *
 *   p̂ = Σ_i w_i y_i / Σ_i w_i d̂_i,   N̂_h = p̂ · N / (δ τ),
 *
 * over respondents whose answer y_i and degree d̂_i are both present (`missing = "complete.obs"`).
 * Killworth's standard error is N · √(p̂(1 − p̂) / Σ_i w_i d̂_i); the package also reports it with
 * unweighted sums (`killworth.se.wgtdenom`). Both ignore the design and the adjustments and are
 * known to be too small; prefer the rescaled bootstrap.
 *
 * References: Killworth, P. D., McCarty, C., Bernard, H. R., Shelley, G. A. & Johnsen, E. C.
 * (1998), "Estimation of seroprevalence, rape, and homelessness in the United States using a social
 * network approach", Evaluation Review 22(2), 289–308, doi:10.1177/0193841X9802200205.
 * Feehan, D. M. & Salganik, M. J. (2016), "Generalizing the network scale-up method: a new
 * estimator for the size of hidden populations", Sociological Methodology 46(1), 153–186,
 * doi:10.1177/0081175016665425.
 *
 * Complexity: O(n).
 */
export interface ScaleUpEstimate {
  estimate: number;
  /** Σ w y (divided by δ τ), the package's `tot.connections`. */
  totalConnections: number;
  /** Σ w d̂, the package's `sum.d.hat`. */
  sumDegree: number;
  killworthSe: number;
  /** Killworth's se with unweighted sums (`killworth.se.wgtdenom`). */
  killworthSeUnweighted: number;
  /** Respondents used (answer and degree present). */
  respondents: number;
}

export function scaleUpEstimate(
  answers: Float64Array,
  degrees: Float64Array,
  weights: Float64Array,
  totalPopulation: number,
  adjustments: { degreeRatio: number; transmissionRate: number } = { degreeRatio: 1, transmissionRate: 1 },
): ScaleUpEstimate {
  let weightedAnswers = 0;
  let weightedDegrees = 0;
  let rawAnswers = 0;
  let rawDegrees = 0;
  let used = 0;
  for (let i = 0; i < answers.length; i++) {
    if (Number.isNaN(answers[i]) || Number.isNaN(degrees[i])) continue;
    weightedAnswers += weights[i] * answers[i];
    weightedDegrees += weights[i] * degrees[i];
    rawAnswers += answers[i];
    rawDegrees += degrees[i];
    used++;
  }
  const factor = 1 / (adjustments.degreeRatio * adjustments.transmissionRate);
  const proportion = weightedAnswers / weightedDegrees;
  const rawProportion = rawAnswers / rawDegrees;
  return {
    estimate: proportion * totalPopulation * factor,
    totalConnections: weightedAnswers * factor,
    sumDegree: weightedDegrees,
    killworthSe: totalPopulation * Math.sqrt((proportion * (1 - proportion)) / weightedDegrees),
    killworthSeUnweighted: totalPopulation * Math.sqrt((rawProportion * (1 - rawProportion)) / rawDegrees),
    respondents: used,
  };
}
