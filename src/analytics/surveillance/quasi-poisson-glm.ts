/**
 * Quasi-Poisson log-linear regression fitted by iteratively reweighted least squares, written to
 * follow R's `glm.fit` step by step (so that the Farrington detectors reproduce R `surveillance`,
 * including where R stops early or fails to converge).
 *
 *   log E[y_i] = x_i'β,   Var(y_i) = φ E[y_i] / prior_i
 *
 * Conventions (those of R 4.x `glm.fit`, `summary.glm`, `predict.glm`, `hatvalues`):
 * - start μ = y + 0.1; μ = max(exp(η), ε_machine); working response z = η + (y − μ)/μ and working
 *   weight w = prior·μ; each step solves the weighted least squares by Householder QR;
 * - stop when |D − D_old| / (|D| + 0.1) < 1e-8 (D the Poisson deviance), at most 25 iterations;
 *   a non-finite deviance or fitted mean halves the step towards the previous coefficients;
 * - the returned QR (hence covariance, hat values and prediction standard errors) is that of the
 *   last step's weights, computed from the means before that step, exactly as `glm.fit` returns it;
 * - dispersion φ̂ = Σ w_i (y_i − μ_i)²/μ_i² / (n_{prior>0} − p) (Pearson; `summary.glm`), not
 *   bounded below by 1 (callers apply max(1, φ̂) where the method says so);
 * - rows with prior weight 0 take no part in the fit, get hat value 0 and do not count in n.
 *
 * Reference: McCullagh, P. & Nelder, J. A. (1989), Generalized Linear Models, 2nd ed., Chapman &
 * Hall, ch. 2 and 9 (IRLS, quasi-likelihood); R Core Team, `glm.fit` in package stats.
 *
 * Complexity: O(iterations × n p²) for n rows and p columns.
 */
import { requireInput } from '../common/errors.ts';

const MACHINE_EPSILON = 2.220446049250313e-16;
const CONVERGENCE_EPSILON = 1e-8;
const MAXIMUM_ITERATIONS = 25;

export interface QuasiPoissonFit {
  coefficients: number[];
  /** Fitted means μ̂ at the final coefficients. */
  fitted: number[];
  converged: boolean;
  iterations: number;
  /** Pearson dispersion of `summary.glm` (NaN when there are no residual degrees of freedom). */
  dispersion: number;
  /** Rows with positive prior weight minus the number of coefficients. */
  residualDegreesOfFreedom: number;
  /** (X'WX)^-1 with the last step's working weights (multiply by the dispersion for the covariance). */
  unscaledCovariance: number[][];
  /** Diagonal of the hat matrix of the last weighted least-squares step (0 for zero-weight rows). */
  hatValues: number[];
}

function poissonDeviance(y: readonly number[], mu: readonly number[], prior: readonly number[]): number {
  let deviance = 0;
  for (let i = 0; i < y.length; i++) {
    const term = y[i] === 0 ? mu[i] : y[i] * Math.log(y[i] / mu[i]) - (y[i] - mu[i]);
    deviance += 2 * prior[i] * term;
  }
  return deviance;
}

function linearPredictor(design: readonly (readonly number[])[], coefficients: readonly number[]): number[] {
  return design.map((row) => {
    let eta = 0;
    for (let j = 0; j < row.length; j++) eta += row[j] * coefficients[j];
    return eta;
  });
}

const inverseLink = (eta: number): number => Math.max(Math.exp(eta), MACHINE_EPSILON);

interface WeightedLeastSquares {
  coefficients: number[];
  /** Upper-triangular R of the QR of √w X (p × p). */
  r: number[][];
  /** Householder vectors, from which Q's rows (hence hat values) are rebuilt for the final step. */
  reflectors: Float64Array[];
  rows: number;
}

/** Rows of the thin Q (n × p) of a QR held as Householder reflectors. */
function thinQRows(solve: WeightedLeastSquares): number[][] {
  const n = solve.rows;
  const p = solve.reflectors.length;
  const qColumns: number[][] = [];
  for (let column = 0; column < p; column++) {
    const e = new Array<number>(n).fill(0);
    e[column] = 1;
    for (let j = p - 1; j >= 0; j--) {
      const v = solve.reflectors[j];
      let vNorm2 = 0;
      let dot = 0;
      for (let i = j; i < n; i++) {
        vNorm2 += v[i] * v[i];
        dot += v[i] * e[i];
      }
      const factor = (2 * dot) / vNorm2;
      for (let i = j; i < n; i++) e[i] -= factor * v[i];
    }
    qColumns.push(e);
  }
  return Array.from({ length: n }, (_, i) => qColumns.map((column) => column[i]));
}

/** Least squares of √w z on √w X by Householder QR; throws on a rank-deficient design. */
function solveWeightedLeastSquares(
  design: readonly (readonly number[])[],
  response: readonly number[],
  rootWeights: readonly number[],
  where: string,
): WeightedLeastSquares {
  const n = design.length;
  const p = design[0].length;
  const columns = Array.from({ length: p }, (_, k) => {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = design[i][k] * rootWeights[i];
    return column;
  });
  const b = Float64Array.from(response, (value, i) => value * rootWeights[i]);
  const reflectors: Float64Array[] = [];
  const columnNorms = columns.map((column) =>
    Math.sqrt(column.reduce((sum, value) => sum + value * value, 0)),
  );
  for (let j = 0; j < p; j++) {
    const pivot = columns[j];
    let norm = 0;
    for (let i = j; i < n; i++) norm += pivot[i] * pivot[i];
    norm = Math.sqrt(norm);
    requireInput(
      norm > 1e-11 * Math.max(columnNorms[j], Number.MIN_VALUE) && columnNorms[j] > 0,
      where,
      'the regression design is rank-deficient (too few distinct baseline periods)',
    );
    const alpha = pivot[j] > 0 ? -norm : norm;
    const v = new Float64Array(n);
    for (let i = j; i < n; i++) v[i] = pivot[i];
    v[j] -= alpha;
    let vNorm2 = 0;
    for (let i = j; i < n; i++) vNorm2 += v[i] * v[i];
    reflectors.push(v);
    for (let k = j; k < p; k++) {
      const column = columns[k];
      let dot = 0;
      for (let i = j; i < n; i++) dot += v[i] * column[i];
      const factor = (2 * dot) / vNorm2;
      for (let i = j; i < n; i++) column[i] -= factor * v[i];
    }
    let dot = 0;
    for (let i = j; i < n; i++) dot += v[i] * b[i];
    const factor = (2 * dot) / vNorm2;
    for (let i = j; i < n; i++) b[i] -= factor * v[i];
  }
  const r = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, k) => (k >= i ? columns[k][i] : 0)),
  );
  const coefficients = new Array<number>(p).fill(0);
  for (let i = p - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < p; k++) sum -= r[i][k] * coefficients[k];
    coefficients[i] = sum / r[i][i];
  }
  return { coefficients, r, reflectors, rows: n };
}

function inverseUpperTriangularGram(r: readonly (readonly number[])[]): number[][] {
  const p = r.length;
  const inverse = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let column = 0; column < p; column++) {
    inverse[column][column] = 1 / r[column][column];
    for (let i = column - 1; i >= 0; i--) {
      let sum = 0;
      for (let k = i + 1; k <= column; k++) sum += r[i][k] * inverse[k][column];
      inverse[i][column] = -sum / r[i][i];
    }
  }
  return Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => {
      let sum = 0;
      for (let k = Math.max(i, j); k < p; k++) sum += inverse[i][k] * inverse[j][k];
      return sum;
    }),
  );
}

/**
 * Fits the quasi-Poisson log-linear model. `design` rows hold the covariates (an intercept column
 * included by the caller); `priorWeights` default to 1.
 */
export function fitQuasiPoissonGlm(
  design: readonly (readonly number[])[],
  response: readonly number[],
  priorWeights?: readonly number[],
  where = 'surveillance/quasi-poisson-glm',
): QuasiPoissonFit {
  const n = design.length;
  requireInput(n > 0 && response.length === n, where, 'the design and the response differ in length');
  const prior = priorWeights ?? new Array<number>(n).fill(1);
  const used = prior.map((weight) => weight > 0);
  const usedCount = used.filter(Boolean).length;
  const p = design[0].length;
  requireInput(usedCount >= p, where, `${usedCount} usable baseline periods for ${p} coefficients`);

  let eta = response.map((y) => Math.log(y + 0.1));
  let mu = eta.map(inverseLink);
  let devianceOld = poissonDeviance(response, mu, prior);
  let coefficients: number[] = [];
  let previous: number[] | null = null;
  let converged = false;
  let iterations = 0;
  let lastSolve: WeightedLeastSquares | null = null;
  let lastWeights: number[] = [];
  for (let iteration = 1; iteration <= MAXIMUM_ITERATIONS; iteration++) {
    iterations = iteration;
    const rows: (readonly number[])[] = [];
    const z: number[] = [];
    const rootWeights: number[] = [];
    const weights = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      if (!used[i]) continue;
      const derivative = inverseLink(eta[i]);
      z.push(eta[i] + (response[i] - mu[i]) / derivative);
      const weight = (prior[i] * derivative * derivative) / mu[i];
      weights[i] = weight;
      rootWeights.push(Math.sqrt(weight));
      rows.push(design[i]);
    }
    lastSolve = solveWeightedLeastSquares(rows, z, rootWeights, where);
    lastWeights = weights;
    coefficients = lastSolve.coefficients;
    eta = linearPredictor(design, coefficients);
    mu = eta.map(inverseLink);
    let deviance = poissonDeviance(response, mu, prior);
    let halvings = 0;
    while (!Number.isFinite(deviance) || mu.some((value) => !Number.isFinite(value))) {
      requireInput(previous !== null, where, 'no valid set of coefficients: please supply starting values');
      requireInput(halvings < MAXIMUM_ITERATIONS, where, 'the fit cannot correct its step size');
      halvings++;
      const base = previous;
      coefficients = coefficients.map((value, j) => (value + base[j]) / 2);
      eta = linearPredictor(design, coefficients);
      mu = eta.map(inverseLink);
      deviance = poissonDeviance(response, mu, prior);
    }
    if (Math.abs(deviance - devianceOld) / (Math.abs(deviance) + 0.1) < CONVERGENCE_EPSILON) {
      converged = true;
      break;
    }
    devianceOld = deviance;
    previous = coefficients;
  }
  const solve = lastSolve as WeightedLeastSquares;
  const residualDegreesOfFreedom = usedCount - p;
  let pearson = 0;
  for (let i = 0; i < n; i++) {
    if (!(lastWeights[i] > 0)) continue;
    const residual = (response[i] - mu[i]) / inverseLink(eta[i]);
    pearson += lastWeights[i] * residual * residual;
  }
  const hatValues = new Array<number>(n).fill(0);
  const qRows = thinQRows(solve);
  let usedIndex = 0;
  for (let i = 0; i < n; i++) {
    if (!used[i]) continue;
    const row = qRows[usedIndex++];
    let h = 0;
    for (const value of row) h += value * value;
    hatValues[i] = h > 1 - 10 * MACHINE_EPSILON ? 1 : h;
  }
  return {
    coefficients,
    fitted: mu,
    converged,
    iterations,
    dispersion: residualDegreesOfFreedom > 0 ? pearson / residualDegreesOfFreedom : Number.NaN,
    residualDegreesOfFreedom,
    unscaledCovariance: inverseUpperTriangularGram(solve.r),
    hatValues,
  };
}

/** Linear predictor x0'β̂ and its standard error √(φ x0'(X'WX)^-1 x0) (`predict.glm`, link scale). */
export function predictLink(
  fit: QuasiPoissonFit,
  covariates: readonly number[],
  dispersion: number,
): { eta: number; standardError: number } {
  let eta = 0;
  let variance = 0;
  for (let i = 0; i < covariates.length; i++) {
    eta += covariates[i] * fit.coefficients[i];
    for (let j = 0; j < covariates.length; j++)
      variance += covariates[i] * fit.unscaledCovariance[i][j] * covariates[j];
  }
  return { eta, standardError: Math.sqrt(variance * dispersion) };
}
