/**
 * Quantiles and upper tails of the Poisson and negative binomial distributions as R computes them
 * (`qpois`, `qnbinom`, `ppois(·, lower.tail = FALSE)`, `pnbinom(·, lower.tail = FALSE)`), for the
 * Noufaily thresholds of the Farrington detector.
 *
 * Negative binomial in R's (size, prob) form: P(Y = y) = Γ(y+s)/(Γ(s) y!) p^s (1−p)^y, mean
 * s(1−p)/p; its CDF is the regularised incomplete beta I_p(s, y+1) and its upper tail
 * P(Y ≥ y) = 1 − I_p(s, y) = I_{1−p}(y, s). Poisson upper tail P(Y ≥ y) = P(χ²_{2y} ≤ 2μ).
 * Quantile: the smallest integer y with F(y) ≥ q(1 − 64ε) (R's fuzz for left continuity), found by
 * a search started at the normal approximation.
 *
 * Complexity: O(|y − start|) distribution evaluations per quantile.
 */
import betainc from '@stdlib/math-base-special-betainc';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';

const FUZZ = 1 - 64 * 2.220446049250313e-16;

function discreteQuantile(
  probability: number,
  mean: number,
  standardDeviation: number,
  cdf: (y: number) => number,
): number {
  if (probability <= 0) return 0;
  if (probability >= 1) return Number.POSITIVE_INFINITY;
  const target = probability * FUZZ;
  let y = Math.max(0, Math.round(mean + standardDeviation * normalQuantile(probability, 0, 1)));
  if (cdf(y) >= target) {
    while (y > 0 && cdf(y - 1) >= target) y--;
    return y;
  }
  while (cdf(y) < target) y++;
  return y;
}

/** CDF of the negative binomial (size, prob) at integer y. */
export function negativeBinomialCdf(y: number, size: number, prob: number): number {
  if (y < 0) return 0;
  return betainc(prob, size, Math.floor(y) + 1, true, false);
}

/** P(Y ≥ y) for the negative binomial (size, prob). */
export function negativeBinomialUpperTail(y: number, size: number, prob: number): number {
  if (y <= 0) return 1;
  return betainc(prob, size, Math.floor(y), true, true);
}

/** `qnbinom(probability, size, prob)`. */
export function negativeBinomialQuantile(probability: number, size: number, prob: number): number {
  const mean = (size * (1 - prob)) / prob;
  return discreteQuantile(probability, mean, Math.sqrt(mean / prob), (y) =>
    negativeBinomialCdf(y, size, prob),
  );
}

/** P(Y ≥ y) for the Poisson with the given mean. */
export function poissonUpperTail(y: number, mean: number): number {
  if (y <= 0) return 1;
  return chisquareCdf(2 * mean, 2 * Math.floor(y));
}

/** `qpois(probability, mean)`. */
export function poissonQuantile(probability: number, mean: number): number {
  return discreteQuantile(probability, mean, Math.sqrt(mean), (y) => poissonCdf(y, mean));
}
