/**
 * Confidence intervals for a proportion estimated from a complex sample, as R `survey::svyciprop`:
 * - 'wald'  (svyciprop "mean"): p ± t(df)·se, clipped to [0, 1] (R does not clip; the two agree
 *   whenever R's interval lies inside [0, 1]).
 * - 'logit' (svyciprop "logit", the default there): Wald on the logit scale, se_logit =
 *   se / (p(1 − p)), back-transformed; equal to svyciprop's quasibinomial intercept fit.
 * - 'asin'  (svyciprop "asin"): Wald on asin(√p), se = se_p / (2√(p(1 − p))), back by sin²
 *   (the angle clipped to [0, π/2]).
 * - 'beta'  (svyciprop "beta"): Korn & Graubard's Clopper–Pearson interval with the effective
 *   sample size n* = p(1 − p)/var × (t_{α/2}(n − 1) / t_{α/2}(df))², n = rows used:
 *   [Beta⁻¹(α/2; n*p, n*(1 − p) + 1), Beta⁻¹(1 − α/2; n*p + 1, n*(1 − p))]. R ignores its `df`
 *   argument here and uses degf(design); SIREN uses the degrees of freedom it is given.
 * - 'likelihood' (svyciprop "likelihood"): the Rao–Scott scaled profile likelihood of the
 *   quasibinomial intercept: the bounds μ solve 2[p log(p/μ) + (1 − p) log((1 − p)/(1 − μ))] ×
 *   p(1 − p) / (var · φ) = t(df)², φ = n/(n − 1) the quasibinomial Pearson dispersion of a 0/1
 *   variable (solved by bisection on the logit scale to machine precision). R profiles the fit
 *   numerically; the two agree to about 4e−6 relative on the api data.
 * When p is 0 or 1 the design variance is 0 and no interval above is defined: every method then
 * returns the exact Clopper–Pearson interval on the rows used (n* = n) and says so. When 0 < p < 1
 * but the variance is 0 (a census, or a domain lying inside a single unit; below p(1 − p)·1e−14
 * counts as 0), the interval is [p, p].
 *
 * References: Korn & Graubard (1998), "Confidence intervals for proportions with small expected
 * number of positive counts estimated from survey data", Survey Methodology 24(2):193–201,
 * https://www150.statcan.gc.ca/n1/pub/12-001-x/1998002/article/4356-eng.pdf; Clopper & Pearson
 * (1934), Biometrika 26(4):404–413, doi:10.1093/biomet/26.4.404; Lumley (2010), *Complex Surveys*,
 * §2.5, doi:10.1002/9780470580066.
 * Complexity: O(1).
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { requireInput } from '../../common/errors.ts';
import { intervalQuantile, type SurveyConfidenceInterval } from './estimate-types.ts';

export type ProportionIntervalMethod = 'wald' | 'logit' | 'beta' | 'asin' | 'likelihood';

export interface ProportionIntervalInput {
  proportion: number;
  variance: number;
  rowsUsed: number;
  degreesOfFreedom: number;
  level: number;
  method: ProportionIntervalMethod;
}

const WHERE = 'estimate/survey/proportion-interval';

function lowerTailQuantile(probability: number, degreesOfFreedom: number): number {
  return Number.isFinite(degreesOfFreedom)
    ? tQuantile(probability, degreesOfFreedom)
    : normalQuantile(probability, 0, 1);
}

function clopperPearson(proportion: number, effectiveSize: number, level: number): [number, number] {
  const alpha = 1 - level;
  const successes = effectiveSize * proportion;
  const failures = effectiveSize * (1 - proportion);
  const lower = successes <= 0 ? 0 : betaQuantile(alpha / 2, successes, failures + 1);
  const upper = failures <= 0 ? 1 : betaQuantile(1 - alpha / 2, successes + 1, failures);
  return [lower, upper];
}

/** A variance below p(1 − p)·1e−14 (an effective sample size above 1e14) is rounding noise around 0. */
function numericallyZero(proportion: number, variance: number): boolean {
  return variance <= proportion * (1 - proportion) * 1e-14;
}

/**
 * The root in (expit(from), expit(to)) of a function that changes sign once there, by bisection on
 * the logit scale until the bracket stops shrinking (the statistic is positive at the far end).
 */
function logitBisection(fn: (mu: number) => number, from: number, to: number): number {
  const expit = (x: number) => 1 / (1 + Math.exp(-x));
  let outside = Math.abs(from) > Math.abs(to) ? from : to;
  let inside = outside === from ? to : from;
  if (fn(expit(outside)) < 0) return expit(outside);
  for (let step = 0; step < 2000; step++) {
    const middle = (outside + inside) / 2;
    if (middle === outside || middle === inside) break;
    if (fn(expit(middle)) > 0) outside = middle;
    else inside = middle;
  }
  return expit((outside + inside) / 2);
}

/** Whether the proportion's interval has to fall back (p at 0 or 1), with the reason. */
export function proportionIntervalNote(proportion: number, variance: number): string | null {
  if (proportion <= 0 || proportion >= 1)
    return `the proportion is ${proportion}: its design variance is 0, so the interval is the exact Clopper–Pearson interval on the rows used`;
  if (numericallyZero(proportion, variance))
    return 'the design variance is 0 (a census, or a domain inside one unit): the interval is the estimate itself';
  return null;
}

/** The interval for a proportion by the chosen method (see the file header). */
export function proportionInterval(input: ProportionIntervalInput): SurveyConfidenceInterval {
  const { proportion: p, variance, rowsUsed, degreesOfFreedom, level, method } = input;
  requireInput(p >= 0 && p <= 1, WHERE, `a proportion must lie in [0, 1], got ${p}`);
  requireInput(
    ['wald', 'logit', 'beta', 'asin', 'likelihood'].includes(method),
    WHERE,
    `method must be wald, logit, beta, asin or likelihood, got ${String(method)}`,
  );
  const quantile = intervalQuantile(level, degreesOfFreedom, WHERE);
  if (p <= 0 || p >= 1) {
    const [lower, upper] = clopperPearson(p, rowsUsed, level);
    return { lower, upper, level, method };
  }
  if (numericallyZero(p, variance)) return { lower: p, upper: p, level, method };
  const standardError = Math.sqrt(variance);
  if (method === 'wald')
    return {
      lower: Math.max(0, p - quantile * standardError),
      upper: Math.min(1, p + quantile * standardError),
      level,
      method,
    };
  if (method === 'logit') {
    const centre = Math.log(p / (1 - p));
    const half = (quantile * standardError) / (p * (1 - p));
    const expit = (x: number) => 1 / (1 + Math.exp(-x));
    return { lower: expit(centre - half), upper: expit(centre + half), level, method };
  }
  if (method === 'asin') {
    const centre = Math.asin(Math.sqrt(p));
    const half = (quantile * standardError) / (2 * Math.sqrt(p * (1 - p)));
    const back = (angle: number) => Math.sin(Math.min(Math.PI / 2, Math.max(0, angle))) ** 2;
    return { lower: back(centre - half), upper: back(centre + half), level, method };
  }
  if (method === 'likelihood') {
    const dispersion = rowsUsed > 1 ? rowsUsed / (rowsUsed - 1) : 1;
    const scale = (p * (1 - p)) / (variance * dispersion);
    const target = quantile * quantile;
    const statistic = (mu: number) =>
      2 * (p * Math.log(p / mu) + (1 - p) * Math.log((1 - p) / (1 - mu))) * scale - target;
    return {
      lower: logitBisection(statistic, -745, Math.log(p / (1 - p))),
      upper: logitBisection(statistic, Math.log(p / (1 - p)), 745),
      level,
      method,
    };
  }
  const alpha = 1 - level;
  let effectiveSize = (p * (1 - p)) / variance;
  if (rowsUsed > 1)
    effectiveSize *=
      (lowerTailQuantile(alpha / 2, rowsUsed - 1) / lowerTailQuantile(alpha / 2, degreesOfFreedom)) ** 2;
  const [lower, upper] = clopperPearson(p, effectiveSize, level);
  return { lower, upper, level, method };
}
