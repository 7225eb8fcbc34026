/**
 * Release rule for design-based survey estimates shown to readers (shares, means, extrapolated
 * numbers by site, round, sex, age group or destination): an estimate resting on too few
 * interviews is withheld, one resting on few is flagged as unreliable, and an estimate whose
 * unweighted numerator (respondents with the characteristic) or complement is a small count is
 * withheld too when the base is small enough to point at persons. Defaults follow the Demographic
 * and Health Surveys convention: fewer than 25 unweighted cases, suppressed; 25–49, shown in
 * parentheses as unreliable.
 *
 * References: Croft, T. N., Marshall, A. M. J., Allen, C. K. et al. (2018), *Guide to DHS
 * Statistics*, ICF, Rockville MD, "Presentation of results: unweighted numbers" (the 25/50 rule);
 * Hundepool et al. (2012), *Statistical Disclosure Control*, Wiley, doi:10.1002/9781118348239,
 * §4.2 (the threshold rule).
 * Complexity: O(1).
 */
import { requireInput } from '../common/errors.ts';

export type EstimateRelease = 'shown' | 'unreliable' | 'suppressed';

export interface EstimateReleaseOptions {
  /** Below this many unweighted cases the estimate is withheld; default 25. */
  minimumBase?: number;
  /** Below this many it is flagged unreliable; default 50. */
  reliableBase?: number;
}

const WHERE = 'privacy/release-survey-estimate';

/** Whether an estimate on `unweightedBase` interviews may be shown, shown with a warning, or withheld. */
export function releaseSurveyEstimate(
  unweightedBase: number,
  options: EstimateReleaseOptions = {},
): EstimateRelease {
  const minimum = options.minimumBase ?? 25;
  const reliable = options.reliableBase ?? 50;
  requireInput(
    Number.isInteger(minimum) && minimum >= 1 && reliable >= minimum,
    WHERE,
    `need 1 <= minimumBase <= reliableBase, got ${minimum} and ${reliable}`,
  );
  requireInput(
    Number.isInteger(unweightedBase) && unweightedBase >= 0,
    WHERE,
    `the unweighted base must be a count, got ${unweightedBase}`,
  );
  if (unweightedBase < minimum) return 'suppressed';
  return unweightedBase < reliable ? 'unreliable' : 'shown';
}
