/**
 * Profile-likelihood interval for the population size N under a log-linear capture-recapture model,
 * as Rcapture's `closedpCI.t` computes it (Rivest & Baillargeon; Cormack 1992).
 *
 * For a candidate N, the unseen cell gets count n₀ = N − n (n = observed) and a design row with the
 * intercept only; the Poisson model is fitted to the completed table and the multinomial profile
 * log-likelihood is  ℓ(N) = −(D(N) − 2 c(N)) / 2,  where D is the Poisson deviance of the completed
 * table and c is Cormack's correction from Poisson to multinomial:
 *   c = n₀ − N − ½ log(n₀/N)            for N > 100 (Stirling; −N + ½ log(2πN) when n₀ ∈ {0, 1}),
 *   c = log(n₀^n₀ N! / (N^N n₀!))       otherwise.
 * The interval is {N : ℓ(N) ≥ max ℓ − χ²₁(level)/2}; the point where ℓ peaks is the multinomial
 * (conditional) MLE, slightly below the Poisson estimate. The maximum is found by golden-section
 * search on (n, 3 N̂) and the ends by bisection to 1e-7 relative (Rcapture: `optimize`/`uniroot`
 * with tolerance 1e-4); when ℓ(n) is above the cut-off the lower end is n, as in Rcapture, and the
 * upper end is searched up to 1000 N̂ (null beyond, with a warning). Interactions without common
 * case (−∞) are handled as in the fit: their cells are dropped.
 *
 * References: Cormack, R. M. (1992), "Interval estimation for mark-recapture studies of closed
 * populations", Biometrics 48(2), 567–576, doi:10.2307/2532310; Rivest, L.-P. and Baillargeon, S.,
 * Rcapture (CRAN), `closedpCI.t`; Baillargeon & Rivest (2007), J. Stat. Softw. 19(5),
 * doi:10.18637/jss.v019.i05.
 *
 * Complexity: O(evaluations × IRLS fit), about 150 evaluations, each warm-started.
 */

import gammaln from '@stdlib/math-base-special-gammaln';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { requireInput } from '../../common/errors.ts';
import { checkDesign } from './check-model.ts';
import { describeModel, fitDesign } from './fit-log-linear.ts';
import { buildModelDesign, type ListPair, type ModelDesign } from './model-design.ts';
import type { PatternTable } from './pattern-table.ts';

export interface ProfileLikelihoodInterval {
  method: 'profile';
  /** N maximising the multinomial profile likelihood. */
  estimate: number;
  lower: number;
  /** Null when the likelihood does not fall to the cut-off below 1000 × the Poisson estimate. */
  upper: number | null;
  level: number;
  /** The Poisson log-linear estimate of the same model (observed + exp(intercept)). */
  poissonEstimate: number;
  warnings: string[];
}

export function profileLikelihoodInterval(
  table: PatternTable,
  interactions: readonly ListPair[],
  options: { level?: number } = {},
): ProfileLikelihoodInterval {
  const where = 'estimate/mse/profileLikelihoodInterval';
  const level = options.level ?? 0.95;
  requireInput(level > 0 && level < 1, where, `level must be in (0, 1), got ${level}`);
  const design = buildModelDesign(table, interactions);
  const check = checkDesign(design, table.observed);
  requireInput(
    check.code === 0,
    where,
    `model ${describeModel(table.lists, interactions)}: ${check.verdict}`,
  );
  const poisson = fitDesign(design);
  const n = table.observed;
  const poissonEstimate = n + Math.exp(poisson.coefficients[0]);
  const augmented = withUnseenCell(design);
  let warm: Float64Array | undefined;
  const profile = (population: number): number => {
    const unseen = population - n;
    augmented.counts[augmented.counts.length - 1] = unseen;
    let fit = fitDesign(augmented, warm, { detail: false, tolerance: 1e-13 });
    if (!fit.converged) fit = fitDesign(augmented, undefined, { detail: false, tolerance: 1e-13 });
    warm = Float64Array.from(fit.fitted, (value) => Math.max(value, 1e-8));
    return -(fit.deviance - 2 * cormackCorrection(unseen, population)) / 2;
  };

  // Golden-section search for the maximum on (n, 3 N̂).
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = n;
  let b = 3 * poissonEstimate;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = profile(c);
  let fd = profile(d);
  while (b - a > 1e-9 * poissonEstimate) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = profile(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = profile(d);
    }
  }
  const estimate = (a + b) / 2;
  const maximum = profile(estimate);
  const cutoff = maximum - chisquareQuantile(level, 1) / 2;
  const warnings: string[] = [];

  const root = (low: number, high: number): number => {
    // ℓ − cutoff changes sign on [low, high]; bisection to 1e-7 relative.
    const lowAbove = profile(low) > cutoff;
    while (high - low > 1e-7 * estimate) {
      const middle = (low + high) / 2;
      if (profile(middle) > cutoff === lowAbove) low = middle;
      else high = middle;
    }
    return (low + high) / 2;
  };
  const lower = profile(n) > cutoff ? n : root(n, estimate);
  let upper: number | null = null;
  let bound = 3 * poissonEstimate;
  while (bound <= 1000 * poissonEstimate) {
    if (profile(bound) < cutoff) {
      upper = root(estimate, bound);
      break;
    }
    bound *= 3;
  }
  if (upper === null)
    warnings.push(
      'the profile likelihood stays above the cut-off up to 1000 times the estimate: the interval has no finite upper end',
    );
  return { method: 'profile', estimate, lower, upper, level, poissonEstimate, warnings };
}

/** Cormack's Poisson-to-multinomial correction, exactly as Rcapture's `closedpCI.t` computes it. */
function cormackCorrection(unseen: number, population: number): number {
  if (population > 100) {
    if (unseen === 0 || unseen === 1) return -population + 0.5 * Math.log(2 * Math.PI * population);
    return unseen - population - 0.5 * Math.log(unseen / population);
  }
  const unseenTerm = unseen > 0 ? unseen * Math.log(unseen) : 0;
  return unseenTerm + gammaln(population + 1) - population * Math.log(population) - gammaln(unseen + 1);
}

/** The design with one more cell: the unseen pattern, intercept only, count set by the caller. */
function withUnseenCell(design: ModelDesign): ModelDesign {
  const cells = design.cells.length;
  const rowStart = new Int32Array(cells + 2);
  rowStart.set(design.rowStart);
  rowStart[cells + 1] = design.rowStart[cells] + 1;
  const columnIndex = new Int32Array(design.columnIndex.length + 1);
  columnIndex.set(design.columnIndex);
  const counts = new Float64Array(cells + 1);
  counts.set(design.counts);
  const maskList = new Int32Array(cells + 1);
  maskList.set(design.cells);
  return { ...design, cells: maskList, counts, rowStart, columnIndex };
}
