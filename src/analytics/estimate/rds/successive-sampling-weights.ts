/**
 * Gile's successive-sampling (SS) weights (Gile 2011): inclusion probabilities of respondents when
 * RDS is approximated by successive sampling — sampling without replacement with probability
 * proportional to degree — from a finite population of known size N.
 *
 * Algorithm (the RDS R package 0.9-10, `gile.ss.weights` / `getestCstacked` / `getinclCstacked`):
 * 1. Group respondents by degree class k (degree value d_k, n_k respondents).
 * 2. Start from inclusion probabilities π_k ∝ d_k and estimate the population share of each class,
 *    θ_k ∝ n_k / π_k (Hájek).
 * 3. Build a population of N units with round(N θ_k) units per class (at least 1; the rounding
 *    surplus or deficit is spread at random in proportion to the rounding error), simulate M
 *    successive samples of size n from it, count how often each class is drawn (S_k), and set
 *    π_k = n (S_k + n_k) / ((Σ S + n) N_k).
 * 4. Repeat steps 2–3 (5 iterations after the first).
 * Each respondent's weight is 1/π of their class, scaled to sum to N. When n/N is below
 * `ssInfinity` (0.04) the sample is a negligible fraction and the weights are the RDS-II weights.
 * The probabilities are Monte-Carlo estimates: the result varies with the seed at the scale of the
 * simulation error (for fauxmadrona about 2e-4 in the proportion with M = 500).
 *
 * Reference: Gile, K. J. (2011), "Improved inference for respondent-driven sampling data with
 * application to HIV prevalence estimation", Journal of the American Statistical Association
 * 106(493), 135–146, doi:10.1198/jasa.2011.ap09475.
 *
 * Complexity: O(iterations × M × n × K) for K degree classes.
 */
import type { Random } from '../../common/index.ts';

export interface SuccessiveSamplingOptions {
  /** Successive samples simulated per iteration (the package's `number.ss.samples.per.iteration`). */
  samplesPerIteration: number;
  /** Iterations after the first (`number.ss.iterations`). */
  iterations: number;
  /** Sample fraction n/N below which the SS weights reduce to RDS-II (`SS.infinity`). */
  ssInfinity: number;
  random: Random;
}

export interface SuccessiveSamplingMapping {
  /** Degree classes (sorted distinct degrees). */
  classes: number[];
  /** Inclusion probability of a unit of each class. */
  inclusionProbabilities: number[];
  /** Estimated population share of each class. */
  classShares: number[];
}

/** R's round(): halves go to the even neighbour. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function classSharesFromProbabilities(counts: readonly number[], probabilities: readonly number[]): number[] {
  const raw = counts.map((count, k) => count / probabilities[k]);
  const total = raw.reduce((sum, value) => sum + value, 0);
  return raw.map((value) => value / total);
}

function pickByCumulative(weights: readonly number[], random: Random): number {
  let total = 0;
  for (const weight of weights) total += weight;
  const target = random.next() * total;
  let cumulative = 0;
  for (let j = 0; j < weights.length; j++) {
    cumulative += weights[j];
    if (target <= cumulative && weights[j] > 0) return j;
  }
  for (let j = weights.length - 1; j >= 0; j--) if (weights[j] > 0) return j;
  return weights.length - 1;
}

/** Units per class for a population of size N with the given shares (package rounding rules). */
export function allocatePopulation(
  shares: readonly number[],
  populationSize: number,
  random: Random,
): number[] {
  const units = shares.map((share) => Math.max(1, roundHalfEven(populationSize * share)));
  const offBy = populationSize - units.reduce((sum, value) => sum + value, 0);
  for (let step = 0; step < offBy; step++) {
    const deficit = shares.map((share, k) => Math.max(0, share - units[k] / populationSize));
    units[pickByCumulative(deficit, random)]++;
  }
  for (let step = 0; step < -offBy; step++) {
    let surplus = shares.map((share, k) =>
      units[k] === 1 ? 0 : Math.max(0, units[k] / populationSize - share),
    );
    if (surplus.every((value) => value === 0))
      surplus = shares.map((share, k) => (units[k] === 1 ? 0 : 1 - (share - units[k] / populationSize)));
    units[pickByCumulative(surplus, random)]--;
  }
  return units;
}

/**
 * Draws `sampleSize` units successively without replacement, with probability proportional to
 * class size (degree), and adds to `draws[k]` the number drawn from each class k.
 */
export function simulateSuccessiveSample(
  classes: readonly number[],
  units: readonly number[],
  sampleSize: number,
  random: Random,
  draws: Float64Array,
): void {
  const classCount = classes.length;
  const remaining = units.slice();
  const mass = new Float64Array(classCount);
  let total = 0;
  for (let k = 0; k < classCount; k++) {
    mass[k] = classes[k] * units[k];
    total += mass[k];
  }
  for (let draw = 0; draw < sampleSize; draw++) {
    const target = random.next() * total;
    let cumulative = 0;
    let chosen = -1;
    for (let k = 0; k < classCount; k++) {
      if (mass[k] <= 0) continue;
      cumulative += mass[k];
      chosen = k;
      if (target < cumulative) break;
    }
    draws[chosen] += 1;
    remaining[chosen] -= 1;
    total -= classes[chosen];
    mass[chosen] = classes[chosen] * remaining[chosen];
    if (total < 0) total = 0;
  }
}

function simulateInclusion(
  classes: readonly number[],
  counts: readonly number[],
  shares: readonly number[],
  populationSize: number,
  sampleSize: number,
  options: SuccessiveSamplingOptions,
): number[] {
  const units = allocatePopulation(shares, populationSize, options.random);
  const draws = new Float64Array(classes.length);
  for (let s = 0; s < options.samplesPerIteration; s++)
    simulateSuccessiveSample(classes, units, sampleSize, options.random, draws);
  let drawTotal = 0;
  for (const value of draws) drawTotal += value;
  return classes.map((_, k) => (sampleSize * ((draws[k] + counts[k]) / (drawTotal + sampleSize))) / units[k]);
}

/** The degree-class inclusion probabilities of Gile's SS estimator. */
export function successiveSamplingMapping(
  degree: Float64Array,
  populationSize: number,
  options: SuccessiveSamplingOptions,
): SuccessiveSamplingMapping {
  const sampleSize = degree.length;
  const classes = [...new Set(degree)].sort((a, b) => a - b);
  const classIndex = new Map(classes.map((value, index) => [value, index]));
  const counts = new Array<number>(classes.length).fill(0);
  for (const value of degree) counts[classIndex.get(value) as number]++;
  const degreeTotal = degree.reduce((sum, value) => sum + value, 0);
  let probabilities = classes.map((value) => value / degreeTotal);
  const scale = counts.reduce((sum, count, k) => sum + count / probabilities[k], 0) / populationSize;
  probabilities = probabilities.map((value) => value * scale);
  let shares = classSharesFromProbabilities(counts, probabilities);
  if (populationSize * options.ssInfinity < sampleSize) {
    probabilities = simulateInclusion(classes, counts, shares, populationSize, sampleSize, options);
    for (let iteration = 0; iteration < options.iterations; iteration++) {
      shares = classSharesFromProbabilities(counts, probabilities);
      probabilities = simulateInclusion(classes, counts, shares, populationSize, sampleSize, options);
    }
  } else if (sampleSize < populationSize) {
    const meanDegree = shares.reduce((sum, share, k) => sum + share * classes[k], 0);
    probabilities = classes.map((value) => (sampleSize * value) / (populationSize * meanDegree));
  } else {
    probabilities = classes.map(() => sampleSize / populationSize);
  }
  shares = classSharesFromProbabilities(counts, probabilities);
  return { classes, inclusionProbabilities: probabilities, classShares: shares };
}

/** Gile's SS weights (sum N) for each respondent, with the class mapping. */
export function successiveSamplingWeights(
  degree: Float64Array,
  populationSize: number,
  options: SuccessiveSamplingOptions,
): { weights: Float64Array; mapping: SuccessiveSamplingMapping } {
  const mapping = successiveSamplingMapping(degree, populationSize, options);
  const classIndex = new Map(mapping.classes.map((value, index) => [value, index]));
  const weights = new Float64Array(degree.length);
  let total = 0;
  for (let i = 0; i < degree.length; i++) {
    weights[i] = 1 / mapping.inclusionProbabilities[classIndex.get(degree[i]) as number];
    total += weights[i];
  }
  for (let i = 0; i < degree.length; i++) weights[i] = (populationSize * weights[i]) / total;
  return { weights, mapping };
}
