/**
 * Poisson log-linear model for multiple systems estimation: all main effects plus a chosen set of
 * two-list interactions, fitted by iteratively reweighted least squares (Fisher scoring) over all
 * 2^k − 1 observable capture patterns, zero cells included.
 *
 *   log E[n_ω] = λ + Σ_i ω_i α_i + Σ_{(i,j) in model} ω_i ω_j β_ij,     N̂ = observed + exp(λ̂)
 *
 * Conventions (those of SparseMSE 2.0.1 `modelfit` and of R's `glm`/Rcapture for the criteria):
 * an interaction between lists with no common case has β = −∞ (extended MLE): its cells are dropped,
 * it counts as a parameter; log-likelihood = Σ over fitted cells log dpois(n, μ̂);
 * p = 1 + k + interactions; AIC = −2ℓ + 2p; BIC = −2ℓ + log(observed) p (Rcapture's `closedpMS.t`);
 * deviance = 2 Σ [n log(n/μ̂) − (n − μ̂)]. The Wald interval is SparseMSE's `estimatepopulation.0`:
 * observed + exp(λ̂ ± z se(λ̂)).
 * IRLS starts from μ = n + 0.1 (as `glm`) or a given warm start and stops when the linear predictor
 * changes by less than 1e-10 (tighter than `glm`'s deviance criterion, so the fit is the MLE to
 * about 1e-10 relative).
 *
 * References: Fienberg, S. E. (1972), "The multiple recapture census for closed populations and
 * incomplete 2^k contingency tables", Biometrika 59(3), 591–603, doi:10.1093/biomet/59.3.591;
 * Chan, Silverman & Vincent (2021), JASA, doi:10.1080/01621459.2019.1708748.
 *
 * Complexity: O(iterations × cells × active²) with active = 1 + |ω| + interactions inside ω, plus a
 * p³ Cholesky per iteration.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { requireInput } from '../../common/errors.ts';
import { checkDesign, type ModelCheck } from './check-model.ts';
import {
  buildModelDesign,
  designColumnNames,
  type ListPair,
  type ModelDesign,
  normalisePairs,
} from './model-design.ts';
import type { PatternTable } from './pattern-table.ts';

export interface LogLinearFit {
  lists: string[];
  /** Interactions in the model as list-name pairs (−∞ pairs included), in SparseMSE's order. */
  interactions: [string, string][];
  /** The subset of `interactions` whose lists share no case (parameter −∞). */
  minusInfinityInteractions: [string, string][];
  /** Finite coefficients by name: "(Intercept)", list names, "A:B". */
  coefficients: Record<string, number>;
  interceptStandardError: number;
  observed: number;
  darkFigure: number;
  estimate: number;
  /** observed + exp(λ̂ ± z se) at the requested level (SparseMSE `estimatepopulation.0`). */
  waldInterval: { lower: number; upper: number; level: number };
  logLikelihood: number;
  deviance: number;
  /** Parameters counted in AIC/BIC (−∞ pairs included). */
  parameters: number;
  residualDegreesOfFreedom: number;
  aic: number;
  bic: number;
  iterations: number;
  converged: boolean;
  check: ModelCheck | null;
}

/** Internal fit over a design: coefficients, fitted means and the (0,0) entry of the inverse information. */
export interface DesignFit {
  coefficients: Float64Array;
  /** Fitted mean per design cell. */
  fitted: Float64Array;
  deviance: number;
  logLikelihood: number;
  interceptVariance: number;
  iterations: number;
  converged: boolean;
}

export interface FitLogLinearOptions {
  /** Run the existence/identifiability check first and refuse a failing model (default true). */
  check?: boolean;
  /** Level of the Wald interval (default 0.95). */
  level?: number;
}

const DEFAULTS = { check: true, level: 0.95 };
const MAXIMUM_ITERATIONS = 100;

/** Fits main effects plus `interactions` (list-index pairs). */
export function fitLogLinearModel(
  table: PatternTable,
  interactions: readonly ListPair[],
  options: FitLogLinearOptions = {},
): LogLinearFit {
  const settings = { ...DEFAULTS, ...options };
  const design = buildModelDesign(table, interactions);
  let check: ModelCheck | null = null;
  if (settings.check) {
    check = checkDesign(design, table.observed, true);
    requireInput(
      check.code === 0,
      'estimate/mse/fitLogLinearModel',
      `model ${describeModel(table.lists, interactions)}: ${check.verdict}`,
    );
  }
  const fit = fitDesign(design);
  return summariseFit(table, design, fit, settings.level, check);
}

/** "main effects + A:B + C:D" for messages. */
export function describeModel(lists: readonly string[], interactions: readonly ListPair[]): string {
  const pairs = normalisePairs(interactions);
  return ['main effects', ...pairs.map(([a, b]) => `${lists[a]}:${lists[b]}`)].join(' + ');
}

export function summariseFit(
  table: PatternTable,
  design: ModelDesign,
  fit: DesignFit,
  level: number,
  check: ModelCheck | null,
): LogLinearFit {
  const names = table.lists;
  const coefficients: Record<string, number> = {};
  designColumnNames(design, names).forEach((name, index) => {
    coefficients[name] = fit.coefficients[index];
  });
  const parameters = design.columns + design.minusInfinityPairs.length;
  const intercept = fit.coefficients[0];
  const standardError = Math.sqrt(fit.interceptVariance);
  const z = normalQuantile(0.5 + level / 2, 0, 1);
  const pairName = ([a, b]: ListPair): [string, string] => [names[a], names[b]];
  return {
    lists: [...names],
    interactions: normalisePairs([...design.finitePairs, ...design.minusInfinityPairs]).map(pairName),
    minusInfinityInteractions: design.minusInfinityPairs.map(pairName),
    coefficients,
    interceptStandardError: standardError,
    observed: table.observed,
    darkFigure: Math.exp(intercept),
    estimate: table.observed + Math.exp(intercept),
    waldInterval: {
      lower: table.observed + Math.exp(intercept - z * standardError),
      upper: table.observed + Math.exp(intercept + z * standardError),
      level,
    },
    logLikelihood: fit.logLikelihood,
    deviance: fit.deviance,
    parameters,
    residualDegreesOfFreedom: design.cells.length - design.columns,
    aic: -2 * fit.logLikelihood + 2 * parameters,
    bic: -2 * fit.logLikelihood + Math.log(table.observed) * parameters,
    iterations: fit.iterations,
    converged: fit.converged,
    check,
  };
}

/**
 * IRLS on a design. `startFitted` (fitted means per design cell, all > 0) warm-starts the iteration;
 * the default start is n + 0.1 as in `glm`. Converged when the deviance changes by less than
 * tolerance × (|deviance| + 0.1) (default 1e-12; R's glm uses 1e-8) and the linear predictor by less
 * than 0.1 √tolerance; a singular information matrix ends the iteration as not converged. Without
 * `detail` the log-likelihood and the intercept variance are not computed (resampling loops).
 */
export function fitDesign(
  design: ModelDesign,
  startFitted?: Float64Array,
  options: { detail?: boolean; tolerance?: number } = {},
): DesignFit {
  const detail = options.detail ?? true;
  const tolerance = options.tolerance ?? 1e-12;
  const cells = design.cells.length;
  const p = design.columns;
  const y = design.counts;
  const rowStart = design.rowStart;
  const columnIndex = design.columnIndex;
  const eta = new Float64Array(cells);
  const mu = new Float64Array(cells);
  for (let c = 0; c < cells; c++) {
    mu[c] = startFitted ? startFitted[c] : y[c] + 0.1;
    eta[c] = Math.log(mu[c]);
  }
  const information = new Float64Array(p * p);
  const score = new Float64Array(p);
  const beta = new Float64Array(p);
  let iterations = 0;
  let converged = false;
  let previousDeviance = Number.POSITIVE_INFINITY;
  let singular = false;
  while (iterations < MAXIMUM_ITERATIONS && !converged) {
    iterations++;
    information.fill(0);
    score.fill(0);
    for (let c = 0; c < cells; c++) {
      const weight = mu[c];
      const working = weight * eta[c] + (y[c] - weight);
      const end = rowStart[c + 1];
      for (let i = rowStart[c]; i < end; i++) {
        const a = columnIndex[i];
        score[a] += working;
        const base = a * p;
        for (let j = i; j < end; j++) information[base + columnIndex[j]] += weight;
      }
    }
    if (!choleskySolveInPlace(information, p, score)) {
      singular = true;
      break;
    }
    beta.set(score);
    let largestChange = 0;
    for (let c = 0; c < cells; c++) {
      let value = 0;
      const end = rowStart[c + 1];
      for (let i = rowStart[c]; i < end; i++) value += beta[columnIndex[i]];
      const change = Math.abs(value - eta[c]);
      if (change > largestChange) largestChange = change;
      eta[c] = value;
      mu[c] = Math.exp(value);
    }
    // The deviance (one logarithm per cell) is only needed once the iteration is nearly done.
    if (largestChange > 1e-3) continue;
    let deviance = 0;
    for (let c = 0; c < cells; c++)
      deviance += y[c] > 0 ? 2 * (y[c] * Math.log(y[c] / mu[c]) - (y[c] - mu[c])) : 2 * mu[c];
    if (
      Math.abs(deviance - previousDeviance) < tolerance * (Math.abs(deviance) + 0.1) &&
      largestChange < Math.sqrt(tolerance) * 0.1
    )
      converged = true;
    previousDeviance = deviance;
  }
  let interceptVariance = Number.NaN;
  if (!detail) {
    return {
      coefficients: beta,
      fitted: mu,
      deviance: previousDeviance,
      logLikelihood: Number.NaN,
      interceptVariance,
      iterations,
      converged: converged && !singular,
    };
  }
  if (!singular) {
    information.fill(0);
    for (let c = 0; c < cells; c++) {
      const end = rowStart[c + 1];
      for (let i = rowStart[c]; i < end; i++) {
        const base = columnIndex[i] * p;
        for (let j = i; j < end; j++) information[base + columnIndex[j]] += mu[c];
      }
    }
    const unit = new Float64Array(p);
    unit[0] = 1;
    if (choleskySolveInPlace(information, p, unit)) interceptVariance = unit[0];
    else singular = true;
  }
  let deviance = 0;
  let logLikelihood = 0;
  for (let c = 0; c < cells; c++) {
    deviance += y[c] > 0 ? 2 * (y[c] * Math.log(y[c] / mu[c]) - (y[c] - mu[c])) : 2 * mu[c];
    logLikelihood += y[c] * Math.log(mu[c]) - mu[c] - gammaln(y[c] + 1);
  }
  return {
    coefficients: beta,
    fitted: mu,
    deviance,
    logLikelihood,
    interceptVariance,
    iterations,
    converged: converged && !singular,
  };
}

/**
 * Solves M x = b for a symmetric positive definite M given by its upper triangle (row-major p×p);
 * overwrites M with its Cholesky factor and b with x. Returns false when M is not numerically
 * positive definite.
 */
function choleskySolveInPlace(matrix: Float64Array, p: number, vector: Float64Array): boolean {
  // Upper triangle holds M; build lower factor L with M = L Lᵀ, stored in the lower triangle.
  for (let j = 0; j < p; j++) {
    let diagonal = matrix[j * p + j];
    for (let k = 0; k < j; k++) diagonal -= matrix[j * p + k] * matrix[j * p + k];
    if (!(diagonal > 1e-13 * Math.max(1, matrix[j * p + j]))) return false;
    const root = Math.sqrt(diagonal);
    matrix[j * p + j] = root;
    for (let i = j + 1; i < p; i++) {
      let value = matrix[j * p + i];
      for (let k = 0; k < j; k++) value -= matrix[i * p + k] * matrix[j * p + k];
      matrix[i * p + j] = value / root;
    }
  }
  for (let i = 0; i < p; i++) {
    let value = vector[i];
    for (let k = 0; k < i; k++) value -= matrix[i * p + k] * vector[k];
    vector[i] = value / matrix[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let value = vector[i];
    for (let k = i + 1; k < p; k++) value -= matrix[k * p + i] * vector[k];
    vector[i] = value / matrix[i * p + i];
  }
  return true;
}
