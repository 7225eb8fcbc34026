/**
 * The weights of one RDS estimator for a prepared sample, and the weighted proportions they give.
 * Shared by the point estimate, the bootstraps and the diagnostics, so every route to a number uses
 * the same weights.
 *
 * Estimators: `rds1` (Salganik & Heckathorn 2004), `rds1-smoothed` (RDS-I with data smoothing,
 * Heckathorn 2007), `rds2` (Volz & Heckathorn 2008), `ss` (Gile 2011, needs the population size).
 * See the files of each weight for formulas and citations. For bootstrap replicates the SS weights
 * can reuse the class inclusion probabilities of the full sample (the package's `fast = TRUE`),
 * interpolated on degree as R's `approx(rule = 2)` does.
 *
 * Complexity: that of the chosen weights.
 */
import { AnalyticsInputError, type Random } from '../../common/index.ts';
import { rdsIWeights } from './rds-i-weights.ts';
import { rdsIIWeights } from './rds-ii-weights.ts';
import type { PreparedRdsSample } from './sample.ts';
import { type SuccessiveSamplingMapping, successiveSamplingWeights } from './successive-sampling-weights.ts';

export type RdsEstimator = 'rds1' | 'rds1-smoothed' | 'rds2' | 'ss';

export const RDS_ESTIMATOR_NAMES: Record<RdsEstimator, string> = {
  rds1: 'RDS-I (Salganik & Heckathorn 2004)',
  'rds1-smoothed': 'RDS-I with data smoothing (Heckathorn 2007)',
  rds2: 'RDS-II (Volz & Heckathorn 2008)',
  ss: "Gile's successive-sampling estimator (Gile 2011)",
};

export interface RdsWeightContext {
  populationSize: number | null;
  random: Random;
  ssSamplesPerIteration: number;
  ssIterations: number;
  ssInfinity: number;
  /** Reuse these SS class probabilities instead of simulating (bootstrap replicates). */
  ssMapping?: SuccessiveSamplingMapping;
}

/** Inclusion weight of a degree from a fixed SS mapping: linear interpolation, ends held constant. */
export function interpolateInverseProbability(mapping: SuccessiveSamplingMapping, degree: number): number {
  const { classes, inclusionProbabilities } = mapping;
  const last = classes.length - 1;
  if (degree <= classes[0]) return 1 / inclusionProbabilities[0];
  if (degree >= classes[last]) return 1 / inclusionProbabilities[last];
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (classes[middle] <= degree) low = middle;
    else high = middle;
  }
  const fraction = (degree - classes[low]) / (classes[high] - classes[low]);
  const inverseLow = 1 / inclusionProbabilities[low];
  const inverseHigh = 1 / inclusionProbabilities[high];
  return inverseLow + fraction * (inverseHigh - inverseLow);
}

export interface RdsWeightResult {
  weights: Float64Array;
  ssMapping?: SuccessiveSamplingMapping;
  rdsI?: ReturnType<typeof rdsIWeights>['details'];
}

export function computeRdsWeights(
  sample: PreparedRdsSample,
  estimator: RdsEstimator,
  context: RdsWeightContext,
): RdsWeightResult {
  switch (estimator) {
    case 'rds1':
    case 'rds1-smoothed': {
      const result = rdsIWeights(sample, { smoothed: estimator === 'rds1-smoothed' });
      return { weights: result.weights, rdsI: result.details };
    }
    case 'rds2':
      return { weights: rdsIIWeights(sample.degree) };
    case 'ss': {
      const populationSize = context.populationSize;
      if (populationSize === null)
        throw new AnalyticsInputError(
          'estimate/rds: the successive-sampling estimator needs the population size N (option populationSize)',
        );
      if (context.ssMapping) {
        const mapping = context.ssMapping;
        const weights = Float64Array.from(sample.degree, (degree) =>
          interpolateInverseProbability(mapping, degree),
        );
        return { weights, ssMapping: mapping };
      }
      const result = successiveSamplingWeights(sample.degree, populationSize, {
        samplesPerIteration: context.ssSamplesPerIteration,
        iterations: context.ssIterations,
        ssInfinity: context.ssInfinity,
        random: context.random,
      });
      return { weights: result.weights, ssMapping: result.mapping };
    }
  }
}

/** Weighted proportion of each level among respondents with an outcome (0 for an absent level). */
export function weightedProportions(sample: PreparedRdsSample, weights: Float64Array): number[] {
  const totals = new Array<number>(sample.levels.length).fill(0);
  let grand = 0;
  for (let i = 0; i < sample.size; i++) {
    const level = sample.outcome[i];
    if (level < 0) continue;
    totals[level] += weights[i];
    grand += weights[i];
  }
  return totals.map((value) => value / grand);
}
