/**
 * Test of a linear trend across several independent survey rounds (e.g. the share trafficked at a
 * sentinel site over five rounds): the inverse-variance weighted least-squares slope of the round
 * estimates θ̂_r on the round times t_r,
 *
 *   slope = Σ w_r (t_r − t̄)(θ̂_r − θ̄) / Σ w_r (t_r − t̄)²,  w_r = 1 / v_r,  t̄ and θ̄ w-weighted,
 *   se(slope) = 1 / √(Σ w_r (t_r − t̄)²),
 *
 * with a two-sided normal test of zero slope, and a test of heterogeneity around the fitted line,
 * Q = Σ w_r (θ̂_r − fitted_r)² on R − 2 degrees of freedom (chi-square), which says whether a
 * straight line describes the rounds. Normal (not t) reference: each round's variance is taken as
 * known, the usual convention for combining independent estimates.
 *
 * Convention: rounds must be independent samples; times are in any unit (the slope is per unit).
 * References: Cochran (1954), "The combination of estimates from different experiments",
 * Biometrics 10(1):101–129, doi:10.2307/3001666; Fleiss, Levin & Paik (2003), *Statistical Methods
 * for Rates and Proportions*, 3rd ed., §9.3 (test for a trend in proportions),
 * doi:10.1002/0471445428.
 * Complexity: O(rounds).
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { requireInput } from '../../common/errors.ts';
import { intervalQuantile, type SurveyConfidenceInterval, type SurveyEstimate } from './estimate-types.ts';

export interface RoundEstimate {
  /** When the round took place, in any unit (round number, year, months since the first). */
  time: number;
  estimate: SurveyEstimate;
}

export interface RoundTrend {
  /** Change of the estimate per unit of time. */
  slope: number;
  standardError: number;
  statistic: number;
  /** Two-sided p-value of no trend. */
  pValue: number;
  ci: SurveyConfidenceInterval;
  /** Fitted value at each round's time, in input order. */
  fitted: number[];
  /** Heterogeneity around the line: Q, its degrees of freedom (rounds − 2) and p-value (null for 2 rounds). */
  lackOfFit: { statistic: number; degreesOfFreedom: number; pValue: number | null };
}

export interface RoundTrendOptions {
  /** Confidence level of the slope's interval, default 0.95. */
  level?: number;
}

const WHERE = 'estimate/survey/trend-across-rounds';

/** Inverse-variance weighted linear trend of independent round estimates, with its test. */
export function testTrendAcrossRounds(
  rounds: readonly RoundEstimate[],
  options: RoundTrendOptions = {},
): RoundTrend {
  const level = options.level ?? 0.95;
  requireInput(rounds.length >= 2, WHERE, `a trend needs at least 2 rounds, got ${rounds.length}`);
  rounds.forEach((round, index) => {
    requireInput(Number.isFinite(round.time), WHERE, `round ${index + 1} has no finite time`);
    requireInput(
      round.estimate.variance > 0 && Number.isFinite(round.estimate.variance),
      WHERE,
      `round ${index + 1} has a variance of ${round.estimate.variance}: it cannot be weighted`,
    );
  });
  const weights = rounds.map((round) => 1 / round.estimate.variance);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const meanTime = rounds.reduce((sum, round, r) => sum + weights[r] * round.time, 0) / weightSum;
  const meanEstimate =
    rounds.reduce((sum, round, r) => sum + weights[r] * round.estimate.estimate, 0) / weightSum;
  let spread = 0;
  let covariation = 0;
  rounds.forEach((round, r) => {
    spread += weights[r] * (round.time - meanTime) ** 2;
    covariation += weights[r] * (round.time - meanTime) * (round.estimate.estimate - meanEstimate);
  });
  requireInput(spread > 0, WHERE, 'every round has the same time: no trend can be estimated');
  const slope = covariation / spread;
  const standardError = 1 / Math.sqrt(spread);
  const statistic = slope / standardError;
  const fitted = rounds.map((round) => meanEstimate + slope * (round.time - meanTime));
  const lackOfFitStatistic = rounds.reduce(
    (sum, round, r) => sum + weights[r] * (round.estimate.estimate - fitted[r]) ** 2,
    0,
  );
  const lackOfFitDegrees = rounds.length - 2;
  const half = intervalQuantile(level, Number.POSITIVE_INFINITY, WHERE) * standardError;
  return {
    slope,
    standardError,
    statistic,
    pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(statistic), 0, 1))),
    ci: { lower: slope - half, upper: slope + half, level, method: 'wald' },
    fitted,
    lackOfFit: {
      statistic: lackOfFitStatistic,
      degreesOfFreedom: lackOfFitDegrees,
      pValue: lackOfFitDegrees > 0 ? 1 - chisquareCdf(lackOfFitStatistic, lackOfFitDegrees) : null,
    },
  };
}
