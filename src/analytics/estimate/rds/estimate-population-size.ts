/**
 * Successive-sampling population size estimation (SS-PSE, Handcock, Gile & Mar 2014): the
 * posterior distribution of the size N of the sampled population from the order in which an RDS
 * sample arrived. Under successive sampling (without replacement, probability proportional to
 * degree) high-degree people come early and the degrees fall as the population is used up; how fast
 * they fall tells how large the population is.
 *
 * Model. Degrees take values 1…K (K = the largest sample degree; larger ones are capped). The
 * population's degree composition is multinomial with probabilities θ ~ Dirichlet(1, …, 1); N has
 * the sspse "beta" prior (`population-size-prior.ts`). For sample degrees d_1…d_n in order, with
 * U_k unsampled units of degree k, D_U = Σ_k k U_k and R_j = Σ_{i≥j} d_i, the likelihood of the
 * ordered sample is ∝ N!/(N−n)! · Mult(U; N − n, θ) · Π_j 1/(D_U + R_j).
 * Gibbs sampler with data augmentation: 1/(D_U + R_j) = ∫ exp(−t (D_U + R_j)) dt, so
 * 1. t_j ~ Exponential(D_U + R_j), T = Σ t_j;
 * 2. N from its discrete full conditional ∝ π(N) N!/(N−n)! (Σ_k θ_k e^(−kT))^(N−n) on n…maxN;
 * 3. U ~ Multinomial(N − n, θ_k e^(−kT) / Σ);
 * 4. θ ~ Dirichlet(1 + n_k + U_k).
 * Reported: posterior mean, median, mode and quantiles of N (at N + ½, as sspse reports), beside
 * the same summaries of the prior, since the answer depends on it.
 *
 * Convention chosen where the peer differs: sspse 1.1 by default replaces the reported degrees by
 * latent "visibilities" through a measurement-error model with a Conway–Maxwell–Poisson
 * distribution; this implementation uses the reported degrees with a nonparametric degree
 * distribution (the original model of the 2014 paper with a Dirichlet in place of a parametric
 * family). Its posterior is therefore close to, not equal to, the package's.
 *
 * References: Handcock, M. S., Gile, K. J. & Mar, C. M. (2014), "Estimating hidden population
 * size using respondent-driven sampling data", Electronic Journal of Statistics 8(1), 1491–1521,
 * doi:10.1214/14-EJS923. Handcock, M. S., Gile, K. J. & Mar, C. M. (2015), "Estimating the size of
 * populations at high risk for HIV using respondent-driven sampling data", Biometrics 71(1),
 * 258–266, doi:10.1111/biom.12255.
 *
 * Complexity: O(iterations · (n + maxN + K)).
 */
import { createRandom, type Random, requireInput } from '../../common/index.ts';
import {
  type PopulationSizePrior,
  type PopulationSizeSummary,
  populationSizePrior,
  summarisePopulationSize,
} from './population-size-prior.ts';
import { prepareRdsSample, type RdsRespondent } from './sample.ts';

export interface EstimatePopulationSizeOptions {
  /** Prior median of N (sspse's `median.prior.size`); required. */
  medianPriorSize: number;
  /** Iterations discarded before sampling (sspse `warmup`). */
  warmup?: number;
  /** Iterations between kept draws (sspse `interval`). */
  interval?: number;
  /** Kept draws (sspse `samplesize`). */
  samples?: number;
  /** Degree cap K; default the largest sample degree. */
  maxDegree?: number;
  seed?: number;
  random?: Random;
}

export const ESTIMATE_POPULATION_SIZE_DEFAULTS = {
  warmup: 2000,
  interval: 10,
  samples: 1000,
  seed: 1,
};

export interface PopulationSizeEstimate {
  sampleSize: number;
  posterior: PopulationSizeSummary;
  /** Median of the posterior draws (sspse's `quantile(N, 0.5)`). */
  posteriorSampleMedian: number;
  /** 95% credible interval from the draws' 2.5% and 97.5% quantiles. */
  interval: { lower: number; upper: number; level: number };
  prior: PopulationSizeSummary & { maxN: number; alpha: number; beta: number };
  /** The kept draws of N. */
  draws: number[];
  /** Lag-1 autocorrelation of the kept draws and the effective sample size it implies. */
  mixing: { lag1Autocorrelation: number; effectiveSampleSize: number };
  warnings: string[];
}

const WHERE = 'estimate/rds population size';

function logFactorialTable(size: number): Float64Array {
  const table = new Float64Array(size + 1);
  for (let k = 1; k <= size; k++) table[k] = table[k - 1] + Math.log(k);
  return table;
}

function drawMultinomial(total: number, probabilities: readonly number[], random: Random): number[] {
  const counts = new Array<number>(probabilities.length).fill(0);
  let remaining = total;
  let mass = 1;
  for (let k = 0; k < probabilities.length - 1 && remaining > 0; k++) {
    const p = mass > 0 ? Math.min(1, Math.max(0, probabilities[k] / mass)) : 0;
    counts[k] = random.binomial(remaining, p);
    remaining -= counts[k];
    mass -= probabilities[k];
  }
  counts[probabilities.length - 1] += remaining;
  return counts;
}

function typeSevenQuantile(sorted: readonly number[], probability: number): number {
  const position = (sorted.length - 1) * probability;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}

/** The posterior of N from sample degrees in their order of recruitment. */
export function estimatePopulationSizeFromDegrees(
  degreesInOrder: readonly number[],
  options: EstimatePopulationSizeOptions,
): PopulationSizeEstimate {
  const settings = { ...ESTIMATE_POPULATION_SIZE_DEFAULTS, ...options };
  const n = degreesInOrder.length;
  requireInput(n >= 10, WHERE, `the sample has ${n} respondents (need 10 or more)`);
  requireInput(
    Number.isInteger(settings.samples) &&
      settings.samples >= 10 &&
      settings.interval >= 1 &&
      settings.warmup >= 0,
    WHERE,
    'samples (>= 10), interval (>= 1) and warmup (>= 0) must be whole numbers',
  );
  const random = options.random ?? createRandom(settings.seed);
  const warnings: string[] = [];
  const largest = Math.max(...degreesInOrder);
  const cap = Math.max(1, Math.round(options.maxDegree ?? largest));
  const degrees = degreesInOrder.map((degree) => Math.min(cap, Math.max(1, Math.round(degree))));
  if (degreesInOrder.some((degree) => degree > cap))
    warnings.push(`degrees above ${cap} are capped at ${cap}`);
  const prior: PopulationSizePrior = populationSizePrior(n, settings.medianPriorSize);
  const maxN = prior.maxN;
  const logPrior = Float64Array.from(prior.probabilities, (p) => Math.log(p));
  const logFactorials = logFactorialTable(maxN);

  const sampleCounts = new Array<number>(cap).fill(0);
  for (const degree of degrees) sampleCounts[degree - 1]++;
  const remainingDegree = new Float64Array(n);
  let running = 0;
  for (let j = n - 1; j >= 0; j--) {
    running += degrees[j];
    remainingDegree[j] = running;
  }
  // Start: N at the prior median, unsampled units like the sample, θ from the sample.
  let populationSize = Math.max(n + 1, Math.round(prior.summary.median));
  let unsampled = drawMultinomial(
    populationSize - n,
    sampleCounts.map((count) => count / n),
    random,
  );
  let theta = random.dirichlet(sampleCounts.map((count) => 1 + 2 * count));
  const draws: number[] = [];
  const total = settings.warmup + settings.interval * settings.samples;
  const conditional = new Float64Array(maxN - n + 1);
  for (let iteration = 1; iteration <= total; iteration++) {
    let unsampledDegree = 0;
    for (let k = 0; k < cap; k++) unsampledDegree += (k + 1) * unsampled[k];
    let time = 0;
    for (let j = 0; j < n; j++) time += -Math.log(1 - random.next()) / (unsampledDegree + remainingDegree[j]);
    const tilted = theta.map((value, k) => value * Math.exp(-(k + 1) * time));
    const tiltedTotal = tilted.reduce((sum, value) => sum + value, 0);
    const logTilted = Math.log(tiltedTotal);
    let best = Number.NEGATIVE_INFINITY;
    for (let k = 0; k <= maxN - n; k++) {
      const size = n + k;
      conditional[k] = logPrior[k] + logFactorials[size] - logFactorials[k] + k * logTilted;
      if (conditional[k] > best) best = conditional[k];
    }
    let mass = 0;
    for (let k = 0; k < conditional.length; k++) {
      conditional[k] = Math.exp(conditional[k] - best);
      mass += conditional[k];
    }
    let target = random.next() * mass;
    let chosen = conditional.length - 1;
    for (let k = 0; k < conditional.length; k++) {
      target -= conditional[k];
      if (target < 0) {
        chosen = k;
        break;
      }
    }
    populationSize = n + chosen;
    unsampled = drawMultinomial(
      populationSize - n,
      tilted.map((value) => value / tiltedTotal),
      random,
    );
    theta = random.dirichlet(sampleCounts.map((count, k) => 1 + count + unsampled[k]));
    if (iteration > settings.warmup && (iteration - settings.warmup) % settings.interval === 0)
      draws.push(populationSize);
  }
  const sorted = [...draws].sort((a, b) => a - b);
  const histogram = new Float64Array(maxN - n + 1);
  for (const draw of draws) histogram[draw - n] += 1 / draws.length;
  if (sorted[sorted.length - 1] >= maxN)
    warnings.push(
      `posterior draws reach the prior's largest size ${maxN}; the prior truncates the posterior`,
    );
  const mean = draws.reduce((sum, value) => sum + value, 0) / draws.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < draws.length; i++) {
    denominator += (draws[i] - mean) ** 2;
    if (i > 0) numerator += (draws[i] - mean) * (draws[i - 1] - mean);
  }
  const lag1 = denominator === 0 ? 0 : numerator / denominator;
  return {
    sampleSize: n,
    posterior: summarisePopulationSize(n, histogram),
    posteriorSampleMedian: typeSevenQuantile(sorted, 0.5),
    interval: {
      lower: typeSevenQuantile(sorted, 0.025),
      upper: typeSevenQuantile(sorted, 0.975),
      level: 0.95,
    },
    prior: { ...prior.summary, maxN, alpha: prior.alpha, beta: prior.beta },
    draws,
    mixing: {
      lag1Autocorrelation: lag1,
      effectiveSampleSize: (draws.length * (1 - lag1)) / (1 + lag1),
    },
    warnings,
  };
}

/** SS-PSE for an RDS sample; respondents must be in their order of recruitment (interview). */
export function estimatePopulationSize(
  respondents: readonly RdsRespondent[],
  options: EstimatePopulationSizeOptions,
): PopulationSizeEstimate {
  // The outcome plays no part in the population size; a missing one must not stop the estimate.
  const sample = prepareRdsSample(
    respondents.map((respondent) => ({ ...respondent, outcome: respondent.outcome ?? '' })),
  );
  const result = estimatePopulationSizeFromDegrees(Array.from(sample.degree), options);
  return { ...result, warnings: [...sample.warnings, ...result.warnings] };
}
