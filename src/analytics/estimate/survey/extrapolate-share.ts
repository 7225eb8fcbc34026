/**
 * Extrapolation of an estimated share to a known population count: how many persons of a counted
 * population (e.g. 89,096 deportees through a checkpoint in a year) have the characteristic whose
 * share a survey of that population estimated (e.g. trafficked). Estimate N·p̂, standard error
 * N·se(p̂), interval N × the share's interval (so a logit or Korn–Graubard interval keeps its
 * asymmetry).
 *
 * Convention: the count N is an official tally taken as known without error and as the same
 * population the survey sampled; if it is itself uncertain the interval is too narrow. This is the
 * extrapolation of the SIREN Poipet rounds (issue 8: 23% of 400 randomly sampled deportees, 89,096
 * deportees, about 20,000 trafficked, 95% CI about 16,800–24,200 under simple random sampling).
 * Reference: Cochran (1977), *Sampling Techniques*, 3rd ed., §3.2 (estimating the total number of
 * units in a class, A = N·p). Complexity: O(1).
 */
import { requireInput } from '../../common/errors.ts';
import type { SurveyConfidenceInterval, SurveyEstimate } from './estimate-types.ts';

export interface ShareExtrapolation {
  populationCount: number;
  share: number;
  estimate: number;
  standardError: number;
  ci: SurveyConfidenceInterval;
}

const WHERE = 'estimate/survey/extrapolate-share';

/** The number of persons in a known population count that the share implies, with its interval. */
export function extrapolateShareToPopulation(
  share: SurveyEstimate,
  populationCount: number,
): ShareExtrapolation {
  requireInput(
    Number.isFinite(populationCount) && populationCount >= 0,
    WHERE,
    `the population count must be a finite number >= 0, got ${populationCount}`,
  );
  requireInput(
    share.estimate >= 0 && share.estimate <= 1 && share.ci.lower >= -1e-12 && share.ci.upper <= 1 + 1e-12,
    WHERE,
    `the share must be a proportion with its interval in [0, 1], got ${share.estimate} [${share.ci.lower}, ${share.ci.upper}]`,
  );
  return {
    populationCount,
    share: share.estimate,
    estimate: populationCount * share.estimate,
    standardError: populationCount * share.standardError,
    ci: {
      ...share.ci,
      lower: populationCount * Math.max(0, share.ci.lower),
      upper: populationCount * Math.min(1, share.ci.upper),
    },
  };
}
