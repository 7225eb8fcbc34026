/**
 * SparseMSE's bootstrap interval for the population (`estimatepopulation` + `bcaconfvalues`,
 * Chan, Silverman & Vincent 2021, Section 3.3): BCa (bias-corrected and accelerated) percentiles.
 *
 * 1. B replicates: multinomial resamples of the observed cases over the observed capture patterns
 *    (total fixed at the number observed); on each, the model is chosen again and refitted (by
 *    default SparseMSE's stepwise rule, so model uncertainty is included) and N̂*_b recorded.
 * 2. Acceleration from the jackknife over single cases: remove one case of pattern j (for every
 *    observed pattern), re-estimate N̂_(j); with weights n_j, r_j = N̄ − N̂_(j),
 *    â = Σ n_j r_j³ / (6 (Σ n_j r_j²)^{3/2}).
 * 3. z₀ = Φ⁻¹(share of N̂*_b < N̂); for each α, the percentile Φ(z₀ + (z₀ + z_α)/(1 − â(z₀ + z_α)))
 *    of the replicates, quantiles by R's type 8 (Hyndman & Fan 1996).
 *
 * Monte-Carlo error: the interval ends are random. Their standard error is estimated from the
 * order statistics of the replicates around each end: half the distance between the order statistics
 * at B q ± √(B q (1 − q)) (the ±1 s.d. range of the binomial count below the quantile), as in
 * Maritz & Jarrett (1978). Randomness only from the `Random` passed in: same seed, same interval.
 * A list left with no case in a replicate is removed (its estimate is the same as with the list at
 * −∞). A replicate with no case on two lists has an unbounded estimate (R's glm returns a huge
 * number there) and counts as +∞. Replicates that still cannot be estimated are left out and counted
 * in `failedReplicates`.
 *
 * References: Efron (1987), "Better bootstrap confidence intervals", JASA 82(397), 171–185,
 * doi:10.1080/01621459.1987.10478410; DiCiccio & Efron (1996), Statistical Science 11(3),
 * doi:10.1214/ss/1032280214; Hyndman & Fan (1996), The American Statistician 50(4),
 * doi:10.1080/00031305.1996.10473566; Maritz & Jarrett (1978), JASA 73(361), 194–196,
 * doi:10.1080/01621459.1978.10480027; Chan, Silverman & Vincent (2021), JASA,
 * doi:10.1080/01621459.2019.1708748.
 *
 * Complexity: (B + observed patterns) model choices and fits.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { AnalyticsInputError, requireInput } from '../../common/errors.ts';
import type { Random } from '../../common/random.ts';
import { type PatternTable, validatePatternCounts } from './pattern-table.ts';

export interface BootstrapIntervalOptions {
  /** Seeded generator (required: the interval is random). */
  random: Random;
  /** Number of replicates (SparseMSE `nboot`, default 1000). */
  replicates?: number;
  /** Two-sided level (default 0.95). */
  level?: number;
  /** Extra quantiles to report besides the interval ends (default SparseMSE's alpha vector). */
  quantiles?: readonly number[];
  /** Called after each replicate (progress). */
  onProgress?: (done: number, total: number) => void;
}

export interface BootstrapInterval {
  /** 'bca', or 'percentile' when every replicate lies on one side of the estimate. */
  method: 'bca' | 'percentile';
  estimate: number;
  lower: number;
  upper: number;
  level: number;
  /** Estimated Monte-Carlo standard errors of the two ends. */
  monteCarloStandardError: { lower: number; upper: number };
  /** BCa probabilities of the two ends (after bias correction and acceleration). */
  endProbabilities: { lower: number; upper: number };
  /** Notes for the user (an end at the extreme replicate, failed replicates). */
  warnings: string[];
  acceleration: number;
  biasCorrection: number;
  /** BCa quantiles by probability. */
  quantiles: Record<string, number>;
  replicates: number;
  failedReplicates: number;
  /** Replicates with no overlap left (estimate +∞, R's glm returns a huge number there). */
  infiniteReplicates: number;
  /** Summary (mean, s.d. and max over the finite replicates) of the replicate estimates. */
  replicateSummary: { mean: number; median: number; min: number; max: number; standardDeviation: number };
}

const DEFAULT_QUANTILES = [0.025, 0.05, 0.1, 0.16, 0.84, 0.9, 0.95, 0.975];

/**
 * BCa interval of `estimator` (a population estimate of a table, with its own model choice).
 * `estimator` must be deterministic.
 */
export function bootstrapInterval(
  table: PatternTable,
  estimator: (table: PatternTable) => number,
  options: BootstrapIntervalOptions,
): BootstrapInterval {
  const where = 'estimate/mse/bootstrapInterval';
  const replicates = options.replicates ?? 1000;
  const level = options.level ?? 0.95;
  requireInput(
    Number.isInteger(replicates) && replicates >= 20,
    where,
    `needs at least 20 replicates, got ${replicates}`,
  );
  requireInput(level > 0 && level < 1, where, `level must be in (0, 1), got ${level}`);
  const estimate = estimator(table);
  const patterns: number[] = [];
  for (let mask = 1; mask < table.counts.length; mask++) if (table.counts[mask] > 0) patterns.push(mask);
  const n = table.observed;
  const values: number[] = [];
  let failed = 0;
  for (let b = 0; b < replicates; b++) {
    const counts = new Float64Array(table.counts.length);
    let remaining = n;
    let remainingMass = n;
    for (let index = 0; index < patterns.length; index++) {
      const mask = patterns[index];
      const draw =
        index === patterns.length - 1
          ? remaining
          : options.random.binomial(remaining, Math.min(1, table.counts[mask] / remainingMass));
      counts[mask] = draw;
      remaining -= draw;
      remainingMass -= table.counts[mask];
    }
    const value = estimateOrFail(table.lists, counts, estimator);
    if (Number.isNaN(value)) failed++;
    else values.push(value);
    options.onProgress?.(b + 1, replicates);
  }
  requireInput(
    values.length >= 20,
    where,
    `only ${values.length} of ${replicates} replicates could be estimated`,
  );

  const jackknife: { weight: number; value: number }[] = [];
  for (const mask of patterns) {
    const counts = Float64Array.from(table.counts);
    counts[mask] -= 1;
    const value = estimateOrFail(table.lists, counts, estimator);
    if (Number.isFinite(value)) jackknife.push({ weight: table.counts[mask], value });
  }
  const totalWeight = jackknife.reduce((sum, item) => sum + item.weight, 0);
  const jackknifeMean = jackknife.reduce((sum, item) => sum + item.weight * item.value, 0) / totalWeight;
  let second = 0;
  let third = 0;
  for (const item of jackknife) {
    const residual = jackknifeMean - item.value;
    second += item.weight * residual ** 2;
    third += item.weight * residual ** 3;
  }
  const acceleration = second > 0 ? third / (6 * second ** 1.5) : 0;

  values.sort((a, b) => a - b);
  const below = values.filter((value) => value < estimate).length / values.length;
  const bcaDefined = below > 0 && below < 1;
  // Every replicate on one side of the estimate: z₀ is infinite and BCa undefined; fall back to plain
  // percentiles (z₀ = 0, â = 0) and say so.
  const biasCorrection = bcaDefined ? normalQuantile(below, 0, 1) : 0;
  const usedAcceleration = bcaDefined ? acceleration : 0;
  const adjusted = (alpha: number): number => {
    const z = normalQuantile(alpha, 0, 1) + biasCorrection;
    return normalCdf(biasCorrection + z / (1 - usedAcceleration * z), 0, 1);
  };
  const probabilities = [
    ...new Set([(1 - level) / 2, (1 + level) / 2, ...(options.quantiles ?? DEFAULT_QUANTILES)]),
  ];
  const quantiles: Record<string, number> = {};
  for (const alpha of probabilities.sort((a, b) => a - b))
    quantiles[String(alpha)] = quantileType8(values, adjusted(alpha));
  const lowerProbability = adjusted((1 - level) / 2);
  const upperProbability = adjusted((1 + level) / 2);
  const warnings: string[] = [];
  if (!bcaDefined)
    warnings.push(
      `every bootstrap estimate lies ${below === 0 ? 'at or above' : 'below'} the estimate: BCa is undefined, the interval is the plain percentile interval`,
    );
  for (const [end, probability] of [
    ['lower', lowerProbability],
    ['upper', upperProbability],
  ] as const) {
    if (isExtremeProbability(probability, values.length))
      warnings.push(
        `the BCa ${end} end falls at probability ${probability.toPrecision(3)}, beyond what ${values.length} replicates resolve: it is an extreme replicate with a large Monte-Carlo error; use more replicates`,
      );
  }
  if (failed > 0)
    warnings.push(`${failed} of ${replicates} bootstrap replicates could not be estimated and were left out`);
  const finite = values.filter((value) => Number.isFinite(value));
  const infinite = values.length - finite.length;
  if (infinite > 0)
    warnings.push(
      `${infinite} of ${replicates} replicates had no case on two lists: their estimate is unbounded and counts as +∞`,
    );
  const mean = finite.reduce((sum, value) => sum + value, 0) / finite.length;
  const variance =
    finite.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, finite.length - 1);
  return {
    method: bcaDefined ? 'bca' : 'percentile',
    estimate,
    lower: quantileType8(values, lowerProbability),
    upper: quantileType8(values, upperProbability),
    level,
    monteCarloStandardError: {
      lower: quantileMonteCarloError(values, lowerProbability),
      upper: quantileMonteCarloError(values, upperProbability),
    },
    endProbabilities: { lower: lowerProbability, upper: upperProbability },
    warnings,
    acceleration,
    biasCorrection,
    quantiles,
    replicates,
    failedReplicates: failed,
    infiniteReplicates: infinite,
    replicateSummary: {
      mean,
      median: quantileType8(values, 0.5),
      min: values[0],
      max: finite[finite.length - 1],
      standardDeviation: Math.sqrt(variance),
    },
  };
}

function estimateOrFail(
  lists: readonly string[],
  counts: Float64Array,
  estimator: (table: PatternTable) => number,
): number {
  const kept = withoutEmptyLists(lists, counts);
  let overlapping = 0;
  for (let mask = 1; mask < kept.counts.length; mask++)
    if (mask & (mask - 1)) overlapping += kept.counts[mask];
  if (overlapping === 0 && kept.lists.length >= 2) return Number.POSITIVE_INFINITY;
  try {
    return estimator(validatePatternCounts(kept.lists, kept.counts));
  } catch (error) {
    if (error instanceof AnalyticsInputError) return Number.NaN;
    throw error;
  }
}

/**
 * Removes lists with no case (a resample can empty a small list). Its main effect would be −∞ and
 * every cell on it fitted as 0, and SparseMSE's stepwise rule never adds its pairs (p = 1), so the
 * estimate equals the estimate without the list.
 */
export function withoutEmptyLists(
  lists: readonly string[],
  counts: Float64Array,
): { lists: string[]; counts: Float64Array } {
  const keep: number[] = [];
  lists.forEach((_, list) => {
    let total = 0;
    for (let mask = 1; mask < counts.length; mask++) if (mask & (1 << list)) total += counts[mask];
    if (total > 0) keep.push(list);
  });
  if (keep.length === lists.length) return { lists: [...lists], counts };
  const reduced = new Float64Array(1 << keep.length);
  for (let mask = 1; mask < counts.length; mask++) {
    if (counts[mask] === 0) continue;
    let target = 0;
    keep.forEach((list, index) => {
      if (mask & (1 << list)) target |= 1 << index;
    });
    reduced[target] += counts[mask];
  }
  return { lists: keep.map((list) => lists[list]), counts: reduced };
}

/** R's quantile type 8 (median-unbiased) of sorted values. */
export function quantileType8(sorted: readonly number[], probability: number): number {
  const n = sorted.length;
  const position = 1 / 3 + probability * (n + 1 / 3);
  const j = Math.floor(position + 4 * Number.EPSILON);
  let h = position - j;
  if (Math.abs(h) < 4 * Number.EPSILON) h = 0;
  const at = (index: number): number => sorted[Math.min(n - 1, Math.max(0, index - 1))];
  return h === 0 ? at(j) : (1 - h) * at(j) + h * at(j + 1);
}

/**
 * Monte-Carlo standard error of the q-quantile of sorted replicates: half the spread of the order
 * statistics at B q ± √(B q (1 − q)), at least one rank either side (so an end at the smallest or
 * largest replicate still gets a positive, if rough, error).
 */
function quantileMonteCarloError(sorted: readonly number[], probability: number): number {
  const n = sorted.length;
  const centre = n * probability;
  const spread = Math.max(1, Math.sqrt(n * probability * (1 - probability)));
  const low = Math.min(n - 2, Math.max(0, Math.floor(centre - spread) - 1));
  const high = Math.max(low + 1, Math.min(n - 1, Math.ceil(centre + spread) - 1));
  return (sorted[high] - sorted[low]) / 2;
}

/** Whether a BCa probability falls outside the range the replicates resolve (below 1/B or above 1 − 1/B). */
export function isExtremeProbability(probability: number, replicates: number): boolean {
  return probability * replicates < 1 || (1 - probability) * replicates < 1;
}
