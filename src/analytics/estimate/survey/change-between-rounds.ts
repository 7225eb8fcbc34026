/**
 * Test of change between two independent survey rounds (e.g. the share trafficked at one sentinel
 * site in two rounds drawn separately): difference d = θ̂₂ − θ̂₁, variance v₁ + v₂ (independent
 * samples, so no covariance), statistic t = d / √(v₁ + v₂) referred to a t distribution with
 * Welch–Satterthwaite degrees of freedom (v₁ + v₂)² / (v₁²/df₁ + v₂²/df₂) (normal when both are
 * infinite), two-sided p-value, and the interval d ± t_{(1+level)/2}·se.
 *
 * Convention: the rounds must be independent samples (different persons drawn separately); for
 * overlapping samples or panels the covariance is missing and this test is wrong.
 * References: Satterthwaite (1946), "An approximate distribution of estimates of variance
 * components", Biometrics Bulletin 2(6):110–114, doi:10.2307/3002019; Lumley (2010), *Complex
 * Surveys*, §3.3 (comparing independent estimates), doi:10.1002/9780470580066.
 * Complexity: O(1).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { requireInput } from '../../common/errors.ts';
import { intervalQuantile, type SurveyConfidenceInterval, type SurveyEstimate } from './estimate-types.ts';

export interface RoundChange {
  /** second − first. */
  difference: number;
  standardError: number;
  degreesOfFreedom: number;
  statistic: number;
  /** Two-sided p-value of no change. */
  pValue: number;
  ci: SurveyConfidenceInterval;
  /** second / first − 1, null when the first estimate is 0. */
  relativeChange: number | null;
}

export interface RoundChangeOptions {
  /** Confidence level of the interval of the difference, default 0.95. */
  level?: number;
}

const WHERE = 'estimate/survey/change-between-rounds';

/** Difference between two independent rounds' estimates, with its test and interval. */
export function testChangeBetweenRounds(
  first: SurveyEstimate,
  second: SurveyEstimate,
  options: RoundChangeOptions = {},
): RoundChange {
  const level = options.level ?? 0.95;
  const variance = first.variance + second.variance;
  requireInput(
    variance > 0 && Number.isFinite(variance),
    WHERE,
    'both rounds have a variance of 0: the change cannot be tested',
  );
  for (const [name, round] of [
    ['first', first],
    ['second', second],
  ] as const)
    requireInput(
      round.degreesOfFreedom > 0,
      WHERE,
      `the ${name} round has ${round.degreesOfFreedom} degrees of freedom`,
    );
  const part = (round: SurveyEstimate) =>
    Number.isFinite(round.degreesOfFreedom) ? round.variance ** 2 / round.degreesOfFreedom : 0;
  const denominator = part(first) + part(second);
  const degreesOfFreedom = denominator > 0 ? variance ** 2 / denominator : Number.POSITIVE_INFINITY;
  const difference = second.estimate - first.estimate;
  const standardError = Math.sqrt(variance);
  const statistic = difference / standardError;
  const upperTail = Number.isFinite(degreesOfFreedom)
    ? 1 - tCdf(Math.abs(statistic), degreesOfFreedom)
    : 1 - normalCdf(Math.abs(statistic), 0, 1);
  const half = intervalQuantile(level, degreesOfFreedom, WHERE) * standardError;
  return {
    difference,
    standardError,
    degreesOfFreedom,
    statistic,
    pValue: Math.min(1, 2 * upperTail),
    ci: { lower: difference - half, upper: difference + half, level, method: 'wald' },
    relativeChange: first.estimate === 0 ? null : second.estimate / first.estimate - 1,
  };
}
