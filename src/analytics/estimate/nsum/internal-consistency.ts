/**
 * Internal consistency of the known populations (leave-one-out), as the networkreporting R package
 * does it (`nsum.internal.consistency` with `kp.method = TRUE`): each known population k in turn is
 * held out, degrees are estimated from the others, and N_k is estimated by scale-up as if it were
 * hidden. Large errors point to groups that are poorly known (transmission error), unevenly
 * connected (barrier effects) or misreported, and so to bias in the hidden estimates.
 *
 * Reports per group the held-out estimate, the error (estimate − size), absolute, squared and
 * relative error (|error| / size), and their means: mean absolute error, mean squared error, its
 * root, and mean relative error (the package's mae, mse, rmse, are).
 *
 * Reference: Feehan, D. M. & Salganik, M. J., networkreporting R package 0.3.1,
 * https://github.com/dfeehan/networkreporting ; Killworth et al. (1998), Social Networks 20(1),
 * 23–50, doi:10.1016/S0378-8733(96)00305-X.
 *
 * Complexity: O(n · k²).
 */
import { knownPopulationDegrees } from './known-population-degrees.ts';
import { type ScaleUpEstimate, scaleUpEstimate } from './scale-up-estimate.ts';
import type { PreparedNsumSurvey } from './survey.ts';

export interface HeldOutKnownPopulation extends ScaleUpEstimate {
  name: string;
  knownSize: number;
  /** Σ w d̂ over every respondent, answer missing or not (the package's `d.hat.sum` column). */
  degreeTotalAllRespondents: number;
  error: number;
  absoluteError: number;
  squaredError: number;
  relativeError: number;
}

export interface InternalConsistency {
  populations: HeldOutKnownPopulation[];
  meanAbsoluteError: number;
  meanSquaredError: number;
  rootMeanSquaredError: number;
  meanRelativeError: number;
}

export function internalConsistency(
  survey: PreparedNsumSurvey,
  totalPopulation: number,
): InternalConsistency {
  const populations = survey.knownNames.map((name, k) => {
    const degrees = knownPopulationDegrees(survey, totalPopulation, k);
    const result = scaleUpEstimate(survey.known[k], degrees, survey.weights, totalPopulation);
    const knownSize = survey.knownSizes[k];
    const error = result.estimate - knownSize;
    let degreeTotalAllRespondents = 0;
    for (let i = 0; i < survey.size; i++) degreeTotalAllRespondents += survey.weights[i] * degrees[i];
    return {
      name,
      knownSize,
      degreeTotalAllRespondents,
      ...result,
      error,
      absoluteError: Math.abs(error),
      squaredError: error * error,
      relativeError: Math.abs(error) / knownSize,
    };
  });
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const meanSquaredError = mean(populations.map((population) => population.squaredError));
  return {
    populations,
    meanAbsoluteError: mean(populations.map((population) => population.absoluteError)),
    meanSquaredError,
    rootMeanSquaredError: Math.sqrt(meanSquaredError),
    meanRelativeError: mean(populations.map((population) => population.relativeError)),
  };
}
