/**
 * Population proportions from a respondent-driven sample: RDS-I, RDS-I with data smoothing,
 * RDS-II or Gile's successive-sampling estimator, with the intervals of the R package RDS or a
 * tree bootstrap.
 *
 * For each outcome level g the estimate is the weighted proportion p̂_g = Σ_{i in g} w_i / Σ_i w_i
 * with the estimator's weights (see `rds-i-weights.ts`, `rds-ii-weights.ts`,
 * `successive-sampling-weights.ts`). Intervals (`interval` option):
 * - `empirical-likelihood` (default, the package's `RDS.*.estimates`): p̂ ± 1.96 se with the
 *   package's pairwise linearised se (`empirical-likelihood-se.ts`); the 95% multiplier is the
 *   package's 1.96, other levels use the normal quantile.
 * - `salganik-bootstrap` (the package's `RDS.bootstrap.intervals` for RDS-I/II, `ci.type = "t"`):
 *   p̂ ± z · sd of the replicates, z the normal quantile (qnorm(0.975) at 95%).
 * - `successive-sampling-bootstrap` (the package's default for SS, Gile 2011; needs N and the
 *   `ss` estimator): p̂ ± z · sd of replicates of RDS re-run on a synthetic population
 *   (`successive-sampling-bootstrap.ts`).
 * - `tree-bootstrap` (Baraff, McCormick & Raftery 2016): percentile interval of the replicates.
 * The design effect is se² / (p̂(1 − p̂)/n · (N − n)/(N − 1)) (no finite-population factor without
 * N), n the number of respondents with an outcome, as in the package.
 * In bootstrap replicates the SS estimator reuses the full sample's class inclusion probabilities
 * (the package's `fast = TRUE`).
 *
 * Known weakness, stated for users: RDS intervals from the package's linearisation and from
 * Salganik's bootstrap are often too narrow when recruitment is homophilous or seeds are not
 * random (Goel & Salganik 2010, doi:10.1073/pnas.1000261107); the tree bootstrap is offered for that.
 *
 * References: see each weight file; Gile, K. J. & Handcock, M. S. (2010), "Respondent-driven
 * sampling: an assessment of current methodology", Sociological Methodology 40, 285–327,
 * doi:10.1111/j.1467-9531.2010.01223.x.
 *
 * Complexity: O(n²) for the empirical-likelihood se; O(B · n) for B bootstrap replicates (plus the
 * estimator's cost).
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { createRandom, type Random, requireInput } from '../../common/index.ts';
import { empiricalLikelihoodStandardError } from './empirical-likelihood-se.ts';
import type { RdsIDetails } from './rds-i-weights.ts';
import { quantile, standardDeviation } from './resample.ts';
import { salganikBootstrapReplicates } from './salganik-bootstrap.ts';
import { type PreparedRdsSample, prepareRdsSample, type RdsRespondent } from './sample.ts';
import { successiveSamplingBootstrap } from './successive-sampling-bootstrap.ts';
import type { SuccessiveSamplingMapping } from './successive-sampling-weights.ts';
import { treeBootstrapReplicates } from './tree-bootstrap.ts';
import {
  computeRdsWeights,
  RDS_ESTIMATOR_NAMES,
  type RdsEstimator,
  type RdsWeightContext,
  weightedProportions,
} from './weights.ts';

export type RdsIntervalMethod =
  | 'empirical-likelihood'
  | 'salganik-bootstrap'
  | 'successive-sampling-bootstrap'
  | 'tree-bootstrap';

export interface EstimateRdsOptions {
  estimator?: RdsEstimator;
  /** Population size N (required by `ss`; gives the finite-population factor otherwise). */
  populationSize?: number | null;
  interval?: RdsIntervalMethod;
  confidenceLevel?: number;
  /** Bootstrap replicates. */
  replicates?: number;
  /** Seed of the generator used when `random` is not given. */
  seed?: number;
  random?: Random;
  /** Successive samples per SS iteration (RDS package default 500). */
  ssSamplesPerIteration?: number;
  /** SS iterations after the first (RDS package default 5). */
  ssIterations?: number;
  /** Sample fraction below which SS weights equal RDS-II weights (RDS package default 0.04). */
  ssInfinity?: number;
  /** Reproduce the RDS package's level-order quirk in Salganik's bootstrap (comparison only). */
  emulatePackageLevelOrder?: boolean;
}

export const ESTIMATE_RDS_DEFAULTS = {
  estimator: 'rds2' as RdsEstimator,
  populationSize: null as number | null,
  interval: 'empirical-likelihood' as RdsIntervalMethod,
  confidenceLevel: 0.95,
  replicates: 1000,
  seed: 1,
  ssSamplesPerIteration: 500,
  ssIterations: 5,
  ssInfinity: 0.04,
  emulatePackageLevelOrder: false,
};

export interface RdsLevelEstimate {
  estimate: number;
  se: number;
  lower: number;
  upper: number;
  designEffect: number;
  /** Respondents with this level. */
  n: number;
}

export interface RdsEstimateResult {
  estimator: RdsEstimator;
  estimatorName: string;
  populationSize: number | null;
  sampleSize: number;
  /** Respondents with a non-missing outcome. */
  outcomeCount: number;
  levels: Record<string, RdsLevelEstimate>;
  interval: { method: RdsIntervalMethod; level: number; replicates: number | null };
  /** Estimator weights per respondent (input order), summing to 1. */
  weights: number[];
  /** Bootstrap replicate proportions (level order), when a bootstrap was used. */
  replicates?: number[][];
  details: { rdsI?: RdsIDetails; successiveSampling?: SuccessiveSamplingMapping };
  warnings: string[];
}

const WHERE = 'estimate/rds';

/** The z multiplier: the package's 1.96 at 95%, the normal quantile otherwise. */
export function intervalMultiplier(level: number): number {
  return level === 0.95 ? 1.96 : normalQuantile(1 - (1 - level) / 2, 0, 1);
}

function checkOptions(options: EstimateRdsOptions, sample: PreparedRdsSample): typeof ESTIMATE_RDS_DEFAULTS {
  const settings = { ...ESTIMATE_RDS_DEFAULTS, ...options };
  settings.populationSize = options.populationSize ?? null;
  const population = settings.populationSize;
  requireInput(
    population === null || (Number.isFinite(population) && population >= sample.size),
    WHERE,
    `the population size ${population} is smaller than the sample (${sample.size} respondents)`,
  );
  requireInput(
    settings.confidenceLevel > 0 && settings.confidenceLevel < 1,
    WHERE,
    `confidence level ${settings.confidenceLevel} is not between 0 and 1`,
  );
  requireInput(
    Number.isInteger(settings.replicates) && settings.replicates >= 2,
    WHERE,
    `replicates must be an integer of at least 2, got ${settings.replicates}`,
  );
  requireInput(
    settings.interval !== 'successive-sampling-bootstrap' || settings.estimator === 'ss',
    WHERE,
    "the successive-sampling bootstrap goes with Gile's SS estimator (estimator 'ss')",
  );
  requireInput(
    settings.estimator !== 'ss' || population !== null,
    WHERE,
    "Gile's successive-sampling estimator needs the population size N (populationSize)",
  );
  return settings;
}

/** Estimates from an already prepared sample (used by the diagnostics and the studies). */
export function estimateRdsPrepared(
  sample: PreparedRdsSample,
  options: EstimateRdsOptions = {},
): RdsEstimateResult {
  const settings = checkOptions(options, sample);
  const random = options.random ?? createRandom(settings.seed);
  const context: RdsWeightContext = {
    populationSize: settings.populationSize,
    random,
    ssSamplesPerIteration: settings.ssSamplesPerIteration,
    ssIterations: settings.ssIterations,
    ssInfinity: settings.ssInfinity,
  };
  const warnings = [...sample.warnings];
  const full = computeRdsWeights(sample, settings.estimator, context);
  if (full.rdsI) warnings.push(...full.rdsI.warnings);
  const proportions = weightedProportions(sample, full.weights);
  const counts = new Array<number>(sample.levels.length).fill(0);
  for (let i = 0; i < sample.size; i++) if (sample.outcome[i] >= 0) counts[sample.outcome[i]]++;
  const population = settings.populationSize;
  const n = sample.outcomeCount;
  const finiteFactor = population === null ? 1 : (population - n) / (population - 1);
  const z = intervalMultiplier(settings.confidenceLevel);
  const zNormal = normalQuantile(1 - (1 - settings.confidenceLevel) / 2, 0, 1);

  const levels: Record<string, RdsLevelEstimate> = {};
  let replicateMatrix: number[][] | undefined;
  if (settings.interval === 'empirical-likelihood') {
    sample.levels.forEach((level, g) => {
      const se = empiricalLikelihoodStandardError(
        full.weights,
        (i) => (sample.outcome[i] < 0 ? null : sample.outcome[i] === g ? 1 : 0),
        population,
      );
      levels[level] = summarise(g, proportions[g], se, proportions[g] - z * se, proportions[g] + z * se);
    });
  } else {
    const replicateContext = { ...context, ssMapping: full.ssMapping };
    const estimate = (replicate: PreparedRdsSample): number[] =>
      weightedProportions(
        replicate,
        computeRdsWeights(replicate, settings.estimator, replicateContext).weights,
      );
    replicateMatrix =
      settings.interval === 'successive-sampling-bootstrap'
        ? successiveSamplingBootstrap(sample, population as number, settings.replicates, {
            samplesPerIteration: settings.ssSamplesPerIteration,
            iterations: settings.ssIterations,
            ssInfinity: settings.ssInfinity,
            random,
          }).replicates
        : settings.interval === 'salganik-bootstrap'
          ? salganikBootstrapReplicates(
              sample,
              settings.replicates,
              random,
              estimate,
              settings.emulatePackageLevelOrder,
            )
          : treeBootstrapReplicates(sample, settings.replicates, random, estimate);
    requireInput(
      replicateMatrix.length >= 2,
      WHERE,
      `only ${replicateMatrix.length} bootstrap replicates gave an estimate; the sample is too small to bootstrap`,
    );
    if (replicateMatrix.length < settings.replicates)
      warnings.push(
        `${settings.replicates - replicateMatrix.length} of ${settings.replicates} bootstrap replicates gave no estimate and were dropped`,
      );
    const matrix = replicateMatrix;
    sample.levels.forEach((level, g) => {
      const values = matrix.map((row) => row[g]);
      const se = standardDeviation(values);
      if (settings.interval !== 'tree-bootstrap')
        levels[level] = summarise(
          g,
          proportions[g],
          se,
          proportions[g] - zNormal * se,
          proportions[g] + zNormal * se,
        );
      else {
        const tail = (1 - settings.confidenceLevel) / 2;
        levels[level] = summarise(g, proportions[g], se, quantile(values, tail), quantile(values, 1 - tail));
      }
    });
  }
  function summarise(
    group: number,
    estimate: number,
    se: number,
    lower: number,
    upper: number,
  ): RdsLevelEstimate {
    const simpleVariance = ((estimate * (1 - estimate)) / n) * finiteFactor;
    return {
      estimate,
      se,
      lower,
      upper,
      designEffect: (se * se) / simpleVariance,
      n: counts[group],
    };
  }
  return {
    estimator: settings.estimator,
    estimatorName: RDS_ESTIMATOR_NAMES[settings.estimator],
    populationSize: population,
    sampleSize: sample.size,
    outcomeCount: n,
    levels,
    interval: {
      method: settings.interval,
      level: settings.confidenceLevel,
      replicates: replicateMatrix ? replicateMatrix.length : null,
    },
    weights: normalise(full.weights),
    ...(replicateMatrix ? { replicates: replicateMatrix } : {}),
    details: { rdsI: full.rdsI, successiveSampling: full.ssMapping },
    warnings,
  };
}

function normalise(weights: Float64Array): number[] {
  let total = 0;
  for (const weight of weights) total += weight;
  return Array.from(weights, (weight) => weight / total);
}

/**
 * Estimates the population proportion of every outcome level from an RDS sample.
 *
 * @example
 * estimateRds(respondents, { estimator: 'rds2', populationSize: 1000 }).levels['1'].estimate
 */
export function estimateRds(
  respondents: readonly RdsRespondent[],
  options: EstimateRdsOptions = {},
): RdsEstimateResult {
  return estimateRdsPrepared(prepareRdsSample(respondents), options);
}
