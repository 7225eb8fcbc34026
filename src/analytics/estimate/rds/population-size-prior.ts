/**
 * The prior on the population size N used by SS-PSE: the sspse R package's default "beta" prior
 * (`dsizeprior(type = "beta")`), a Beta(α, β) prior on the sample proportion n/N carried to N,
 *
 *   π(N) ∝ (N + ½ − n)^(β − 1) (N + ½)^(−(α + β)),   N = n, …, maxN,
 *
 * with α = m/(m − n) for the prior median m, β chosen (golden-section search on [1, 120]) so that
 * the prior median of N is m, and maxN grown or shrunk by 10% until the density at maxN is about 1%
 * of its peak (the package's rule; it starts from maxN = 3m). Summaries (mean, median, mode,
 * quantiles) are taken at N + ½ as the package reports them.
 *
 * Reference: sspse R package 1.1.0 (Handcock, Gile & Mar), R/dsizeprior.R,
 * https://cran.r-project.org/package=sspse ; Handcock, M. S., Gile, K. J. & Mar, C. M. (2014),
 * "Estimating hidden population size using respondent-driven sampling data", Electronic Journal of
 * Statistics 8(1), 1491–1521, doi:10.1214/14-EJS923.
 *
 * Complexity: O(maxN · s) for s search steps.
 */
import { AnalyticsInputError } from '../../common/index.ts';

export interface PopulationSizePrior {
  /** Smallest N of the support (the sample size). */
  minimum: number;
  maxN: number;
  alpha: number;
  beta: number;
  /** Probability of N = minimum + k. */
  probabilities: Float64Array;
  summary: PopulationSizeSummary;
}

export interface PopulationSizeSummary {
  mean: number;
  median: number;
  mode: number;
  q025: number;
  q25: number;
  q75: number;
  q90: number;
  q975: number;
}

function priorProbabilities(n: number, maxN: number, alpha: number, beta: number): Float64Array {
  const count = maxN - n + 1;
  const logs = new Float64Array(count);
  let largest = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) {
    const x = n + k + 0.5;
    logs[k] = (beta - 1) * Math.log(x - n) - (alpha + beta) * Math.log(x);
    if (logs[k] > largest) largest = logs[k];
  }
  const probabilities = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    probabilities[k] = Math.exp(logs[k] - largest);
    total += probabilities[k];
  }
  for (let k = 0; k < count; k++) probabilities[k] /= total;
  return probabilities;
}

/** Summary of a distribution on N = minimum, minimum + 1, … (at N + ½, as sspse reports). */
export function summarisePopulationSize(
  minimum: number,
  probabilities: ArrayLike<number>,
): PopulationSizeSummary {
  let cumulative = 0;
  const quantile = (level: number): number => {
    cumulative = 0;
    for (let k = 0; k < probabilities.length; k++) {
      cumulative += probabilities[k];
      if (cumulative >= level) return minimum + k + 0.5;
    }
    return minimum + probabilities.length - 0.5;
  };
  let mean = 0;
  let mode = 0;
  for (let k = 0; k < probabilities.length; k++) {
    mean += (minimum + k + 0.5) * probabilities[k];
    if (probabilities[k] > probabilities[mode]) mode = k;
  }
  return {
    mean,
    median: quantile(0.5),
    mode: minimum + mode + 0.5,
    q025: quantile(0.025),
    q25: quantile(0.25),
    q75: quantile(0.75),
    q90: quantile(0.9),
    q975: quantile(0.975),
  };
}

function medianGap(n: number, maxN: number, alpha: number, beta: number, target: number): number {
  return Math.abs(target - summarisePopulationSize(n, priorProbabilities(n, maxN, alpha, beta)).median);
}

function searchBeta(n: number, maxN: number, alpha: number, target: number): number {
  // Golden-section search as R's optimize() on [1, 120] with tolerance 0.01.
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = 1;
  let high = 120;
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let fa = medianGap(n, maxN, alpha, a, target);
  let fb = medianGap(n, maxN, alpha, b, target);
  while (high - low > 0.01) {
    if (fa <= fb) {
      high = b;
      b = a;
      fb = fa;
      a = high - ratio * (high - low);
      fa = medianGap(n, maxN, alpha, a, target);
    } else {
      low = a;
      a = b;
      fa = fb;
      b = low + ratio * (high - low);
      fb = medianGap(n, maxN, alpha, b, target);
    }
  }
  return fa <= fb ? a : b;
}

/** The sspse "beta" prior on N for a sample of size n and a prior median. */
export function populationSizePrior(sampleSize: number, medianPriorSize: number): PopulationSizePrior {
  if (!(medianPriorSize > sampleSize))
    throw new AnalyticsInputError(
      `estimate/rds population size: the prior median ${medianPriorSize} must exceed the sample size ${sampleSize}`,
    );
  const n = sampleSize;
  const alpha = medianPriorSize / (medianPriorSize - n);
  let maxN = Math.ceil(3 * medianPriorSize);
  let beta = searchBeta(n, maxN, alpha, medianPriorSize);
  for (let step = 0; step < 200; step++) {
    const probabilities = priorProbabilities(n, maxN, alpha, beta);
    let peak = 0;
    for (const value of probabilities) if (value > peak) peak = value;
    const tail = probabilities[probabilities.length - 1] / peak;
    if (Math.abs(tail - 0.01) <= 0.005) break;
    maxN = Math.round(maxN * (tail > 0.01 ? 1.1 : 0.9));
    beta = searchBeta(n, maxN, alpha, medianPriorSize);
  }
  const probabilities = priorProbabilities(n, maxN, alpha, beta);
  return { minimum: n, maxN, alpha, beta, probabilities, summary: summarisePopulationSize(n, probabilities) };
}
