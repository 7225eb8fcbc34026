/**
 * Bayesian latent-class capture-recapture (LCMCR, Manrique-Vallier 2016): individual heterogeneity
 * in capture modelled as a mixture of latent classes, within each class independent lists.
 *
 * Model: N has prior ∝ 1/N; each individual belongs to class z ∈ {1..K} with probabilities π from a
 * truncated stick-breaking (Dirichlet-process) prior with concentration α ~ Gamma(a, b) (shape a,
 * rate b); within class k, list j captures independently with probability λ_kj ~ Beta(1, 1).
 * Only individuals with at least one capture are observed.
 *
 * Gibbs sampler (Manrique-Vallier 2016, Section 3; data augmentation of the n₀ unseen):
 *  1. classes of the observed: individuals with the same pattern are exchangeable, so the counts per
 *     class of each pattern are Multinomial(n_pattern, ∝ π_k Π_j λ_kj^x_j (1−λ_kj)^(1−x_j));
 *  2. classes of the n₀ unseen: Multinomial(n₀, ∝ π_k Π_j (1−λ_kj));
 *  3. λ_kj ~ Beta(1 + captures on j in class k, 1 + non-captures on j in class k), unseen included;
 *  4. sticks V_k ~ Beta(1 + n_k, α + Σ_{h>k} n_h), V_K = 1; π_k = V_k Π_{h<k}(1 − V_h);
 *  5. α ~ Gamma(a + K − 1, rate b − Σ_{k<K} log(1 − V_k));
 *  6. n₀ ~ NegativeBinomial(n, 1 − π₀), π₀ = Σ_k π_k Π_j (1 − λ_kj) computed from the λ and π of
 *     this iteration (the 1/N prior), drawn as Poisson(Gamma(n, π₀/(1 − π₀))).
 * The chain starts as LCMCR's does (every class at the lists' marginal capture rates, α = 0.3/K,
 * n₀ = 0, 500 warm-up iterations with α fixed), then runs `burnIn` iterations.
 * N = n + n₀ is recorded every `thinning` iterations after that; the estimate is the posterior
 * median with an equal-tailed credible interval (quantiles as R's type 7, as the peer reports).
 * Multinomials use sequential binomials; binomials with large n use Knuth's beta-splitting
 * recursion (exact, O(log n) beta draws; TAOCP vol. 2, §3.4.1), others come from `Random`.
 *
 * Convergence diagnostics of the N chain: effective sample size (Geyer's initial monotone sequence
 * estimator), Geweke's z (first 10% vs last 50%, variances by batch means) and the split R̂ of the
 * chain cut in two halves (Gelman et al. 2013). Mixing is known to be poor on some data sets (the
 * peer notes UKdat and Ned); a warning names a low ESS, |z| > 2 or R̂ > 1.05.
 *
 * References: Manrique-Vallier, D. (2016), "Bayesian population size estimation using Dirichlet
 * process mixtures", Biometrics 72(4), 1246–1254, doi:10.1111/biom.12502; LCMCR R package 0.4.14
 * (defaults K = 10, a = b = 0.25); Geyer (1992), Statistical Science 7(4), doi:10.1214/ss/1177011137;
 * Geweke (1992), Bayesian Statistics 4, 169–193; Gelman et al. (2013), Bayesian Data Analysis, 3rd ed.
 *
 * Complexity: O((burnIn + samples × thinning) × (observed patterns + K) × K × k) random draws.
 */
import { requireInput } from '../../common/errors.ts';
import type { Random } from '../../common/random.ts';
import type { PatternTable } from './pattern-table.ts';

export interface LatentClassOptions {
  random: Random;
  /** Truncation of the stick-breaking prior (default 10, as LCMCR). */
  classes?: number;
  /** Gamma prior of the concentration: shape and rate (defaults 0.25, 0.25, as LCMCR). */
  alphaShape?: number;
  alphaRate?: number;
  burnIn?: number;
  samples?: number;
  thinning?: number;
  level?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface LatentClassEstimate {
  median: number;
  lower: number;
  upper: number;
  level: number;
  mean: number;
  standardDeviation: number;
  samples: number;
  settings: { classes: number; alphaShape: number; alphaRate: number; burnIn: number; thinning: number };
  diagnostics: { effectiveSampleSize: number; gewekeZ: number; splitRHat: number };
  warnings: string[];
}

const DEFAULTS = {
  classes: 10,
  alphaShape: 0.25,
  alphaRate: 0.25,
  burnIn: 10_000,
  samples: 1_000,
  thinning: 100,
  level: 0.95,
};

export function estimateLatentClass(table: PatternTable, options: LatentClassOptions): LatentClassEstimate {
  const where = 'estimate/mse/estimateLatentClass';
  const settings = { ...DEFAULTS, ...options };
  const random = options.random;
  const K = settings.classes;
  const J = table.lists.length;
  requireInput(Number.isInteger(K) && K >= 1, where, `classes must be a positive integer, got ${K}`);
  requireInput(settings.samples >= 10, where, `needs at least 10 samples, got ${settings.samples}`);
  requireInput(
    settings.thinning >= 1 && settings.burnIn >= 0,
    where,
    'thinning must be >= 1 and burnIn >= 0',
  );
  const patterns: number[] = [];
  const patternCounts: number[] = [];
  for (let mask = 1; mask < table.counts.length; mask++)
    if (table.counts[mask] > 0) {
      patterns.push(mask);
      patternCounts.push(table.counts[mask]);
    }
  const n = table.observed;
  const P = patterns.length;
  // Start as LCMCR does: every class at the lists' marginal capture frequencies, four large classes,
  // α = 0.3/K, n₀ = 0, and 500 warm-up iterations with α held fixed before the burn-in.
  const lambda = new Float64Array(K * J);
  for (let j = 0; j < J; j++) {
    let onList = 0;
    for (let p = 0; p < patterns.length; p++) if (patterns[p] & (1 << j)) onList += patternCounts[p];
    for (let k = 0; k < K; k++) lambda[k * J + j] = onList / n;
  }
  const pi = Float64Array.from({ length: K }, (_, k) => (K <= 4 ? 1 / K : k < 4 ? 0.225 : 0.1 / (K - 4)));
  let alpha = 0.3 / K;
  let unseen = 0;
  const classSize = new Float64Array(K);
  const captures = new Float64Array(K * J);
  const weights = new Float64Array(K);
  const draws = new Float64Array(K);
  const recorded: number[] = [];
  const warmUp = 500;
  const total = warmUp + settings.burnIn + settings.samples * settings.thinning;

  const multinomial = (size: number, probabilities: Float64Array, out: Float64Array): void => {
    let remaining = size;
    let mass = 0;
    for (let k = 0; k < K; k++) mass += probabilities[k];
    for (let k = 0; k < K; k++) {
      if (k === K - 1 || remaining === 0) {
        out[k] = k === K - 1 ? remaining : 0;
        if (k < K - 1) continue;
        break;
      }
      const p = mass > 0 ? Math.min(1, probabilities[k] / mass) : 0;
      const draw = binomial(random, remaining, p);
      out[k] = draw;
      remaining -= draw;
      mass -= probabilities[k];
    }
  };

  /** Writes π_k Π_j (1 − λ_kj) into `out` and returns their sum π₀, the chance of being unseen. */
  const unseenWeights = (out: Float64Array): number => {
    let sum = 0;
    for (let k = 0; k < K; k++) {
      let w = pi[k];
      for (let j = 0; j < J; j++) w *= 1 - lambda[k * J + j];
      out[k] = w;
      sum += w;
    }
    return sum;
  };

  for (let iteration = 1; iteration <= total; iteration++) {
    classSize.fill(0);
    captures.fill(0);
    for (let p = 0; p < P; p++) {
      const mask = patterns[p];
      for (let k = 0; k < K; k++) {
        let w = pi[k];
        for (let j = 0; j < J; j++) w *= mask & (1 << j) ? lambda[k * J + j] : 1 - lambda[k * J + j];
        weights[k] = w;
      }
      multinomial(patternCounts[p], weights, draws);
      for (let k = 0; k < K; k++) {
        if (draws[k] === 0) continue;
        classSize[k] += draws[k];
        for (let j = 0; j < J; j++) if (mask & (1 << j)) captures[k * J + j] += draws[k];
      }
    }
    unseenWeights(weights);
    multinomial(unseen, weights, draws);
    for (let k = 0; k < K; k++) classSize[k] += draws[k];
    for (let k = 0; k < K; k++)
      for (let j = 0; j < J; j++) {
        const hits = captures[k * J + j];
        lambda[k * J + j] = random.beta(1 + hits, 1 + classSize[k] - hits);
      }
    let later = 0;
    for (let k = 0; k < K; k++) later += classSize[k];
    let remainingStick = 1;
    let logSum = 0;
    for (let k = 0; k < K; k++) {
      later -= classSize[k];
      let v = k === K - 1 ? 1 : random.beta(1 + classSize[k], alpha + later);
      if (k < K - 1) {
        v = Math.min(v, 1 - 1e-15);
        logSum += Math.log1p(-v);
      }
      pi[k] = remainingStick * v;
      remainingStick *= 1 - v;
    }
    if (iteration > warmUp)
      alpha = random.gamma(settings.alphaShape + K - 1, 1 / (settings.alphaRate - logSum));
    // π₀ from the λ and π just drawn (as LCMCR's compute_probs_miss before sam_n0): n₀ must be drawn
    // given the current parameters, or the chain's stationary law is not the posterior.
    const unseenProbability = unseenWeights(weights);
    const seenProbability = Math.max(1 - unseenProbability, 1e-300);
    // π₀ = 0 happens when some class captures everyone on a list (λ drawn as 1.0): no one is unseen.
    unseen = unseenProbability > 0 ? random.poisson(random.gamma(n, unseenProbability / seenProbability)) : 0;
    const kept = iteration - warmUp - settings.burnIn;
    if (kept > 0 && kept % settings.thinning === 0) recorded.push(n + unseen);
    if (iteration % 1000 === 0) settings.onProgress?.(iteration, total);
  }

  const sorted = [...recorded].sort((a, b) => a - b);
  const level = settings.level;
  const mean = recorded.reduce((sum, value) => sum + value, 0) / recorded.length;
  const variance = recorded.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (recorded.length - 1);
  const diagnostics = {
    effectiveSampleSize: effectiveSampleSize(recorded),
    gewekeZ: gewekeZ(recorded),
    splitRHat: splitRHat(recorded),
  };
  const warnings: string[] = [];
  if (diagnostics.effectiveSampleSize < 100)
    warnings.push(
      `LCMCR: effective sample size of N is ${diagnostics.effectiveSampleSize.toFixed(0)} of ${recorded.length}: the chain mixes poorly; run longer`,
    );
  if (Math.abs(diagnostics.gewekeZ) > 2)
    warnings.push(
      `LCMCR: Geweke z = ${diagnostics.gewekeZ.toFixed(2)}: the start and end of the chain disagree`,
    );
  if (diagnostics.splitRHat > 1.05)
    warnings.push(`LCMCR: split R-hat = ${diagnostics.splitRHat.toFixed(3)} > 1.05: not converged`);
  return {
    median: quantileType7(sorted, 0.5),
    lower: quantileType7(sorted, (1 - level) / 2),
    upper: quantileType7(sorted, (1 + level) / 2),
    level,
    mean,
    standardDeviation: Math.sqrt(variance),
    samples: recorded.length,
    settings: {
      classes: K,
      alphaShape: settings.alphaShape,
      alphaRate: settings.alphaRate,
      burnIn: settings.burnIn,
      thinning: settings.thinning,
    },
    diagnostics,
    warnings,
  };
}

/** Binomial draw; large n by Knuth's beta-splitting recursion, small n by the generator's method. */
function binomial(random: Random, size: number, probability: number): number {
  if (size <= 0 || probability <= 0) return 0;
  if (probability >= 1) return size;
  let n = size;
  let p = probability;
  let offset = 0;
  while (n > 64 && n * Math.min(p, 1 - p) > 16) {
    const a = 1 + Math.floor(n / 2);
    const b = n + 1 - a;
    const x = random.beta(a, b);
    if (x >= p) {
      n = a - 1;
      p /= x;
    } else {
      offset += a;
      n = b - 1;
      p = (p - x) / (1 - x);
    }
  }
  return offset + random.binomial(n, p);
}

/** R's quantile type 7 of sorted values. */
function quantileType7(sorted: readonly number[], probability: number): number {
  const position = (sorted.length - 1) * probability;
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}

/** Geyer's initial monotone sequence estimator of the effective sample size. */
export function effectiveSampleSize(chain: readonly number[]): number {
  const n = chain.length;
  const mean = chain.reduce((sum, value) => sum + value, 0) / n;
  const variance = chain.reduce((sum, value) => sum + (value - mean) ** 2, 0) / n;
  if (!(variance > 0)) return n;
  const autocorrelation = (lag: number): number => {
    let sum = 0;
    for (let t = 0; t + lag < n; t++) sum += (chain[t] - mean) * (chain[t + lag] - mean);
    return sum / (n * variance);
  };
  let sum = 0;
  let previousPair = Number.POSITIVE_INFINITY;
  for (let m = 0; 2 * m + 1 < n; m++) {
    let pair = autocorrelation(2 * m) + autocorrelation(2 * m + 1);
    if (pair <= 0) break;
    pair = Math.min(pair, previousPair);
    previousPair = pair;
    sum += pair;
  }
  const time = Math.max(1, -1 + 2 * sum);
  return n / time;
}

/** Geweke's z: mean of the first 10% against the last 50%, variances by batch means. */
export function gewekeZ(chain: readonly number[]): number {
  const first = chain.slice(0, Math.floor(chain.length * 0.1));
  const last = chain.slice(Math.floor(chain.length * 0.5));
  const meanOf = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const varianceOfMean = (values: readonly number[]): number => {
    const batches = Math.max(2, Math.floor(Math.sqrt(values.length)));
    const size = Math.floor(values.length / batches);
    if (size < 1) return Number.POSITIVE_INFINITY;
    const means = Array.from({ length: batches }, (_, b) => meanOf(values.slice(b * size, (b + 1) * size)));
    const grand = meanOf(means);
    const spread = means.reduce((sum, value) => sum + (value - grand) ** 2, 0) / (batches - 1);
    return spread / batches;
  };
  const denominator = Math.sqrt(varianceOfMean(first) + varianceOfMean(last));
  return denominator > 0 ? (meanOf(first) - meanOf(last)) / denominator : 0;
}

/** Split R̂ of one chain cut into two halves (Gelman et al. 2013, Section 11.4). */
export function splitRHat(chain: readonly number[]): number {
  const half = Math.floor(chain.length / 2);
  const parts = [chain.slice(0, half), chain.slice(half, 2 * half)];
  const means = parts.map((part) => part.reduce((sum, value) => sum + value, 0) / half);
  const variances = parts.map(
    (part, index) => part.reduce((sum, value) => sum + (value - means[index]) ** 2, 0) / (half - 1),
  );
  const within = (variances[0] + variances[1]) / 2;
  const grand = (means[0] + means[1]) / 2;
  const between = half * ((means[0] - grand) ** 2 + (means[1] - grand) ** 2);
  if (!(within > 0)) return 1;
  const pooled = ((half - 1) / half) * within + between / half;
  return Math.sqrt(pooled / within);
}
