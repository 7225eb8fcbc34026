/**
 * SparseMSE's stepwise model choice (`stepwisefit`, Chan, Silverman & Vincent 2021): start from main
 * effects; at each step, for every two-list interaction not yet in the model, compare the observed
 * number of cases on both lists, n*, with its Poisson distribution under the current fit
 * (mean μ* = Σ fitted means of the cells containing both lists), p = min(P(X ≤ n*), P(X ≥ n*));
 * a candidate whose model would fail the existence/identifiability check gets p = 1. Add the
 * candidate with the smallest p (ties: the first pair in (1,2), (1,3), …, (k−1,k) order) while
 * p < threshold (default 0.02). A pair with no common case enters with p = exp(−μ*) and has
 * parameter −∞. Threshold 0 gives main effects; threshold 1 gives the full two-way model when it
 * passes the check.
 *
 * Checks are run lazily, smallest p first, which gives the same choice as checking every candidate.
 * Each refit is warm-started from the previous fit.
 *
 * Reference: Chan, L., Silverman, B. W. and Vincent, K. (2021), "Multiple systems estimation for
 * sparse capture data: inferential challenges when there are nonoverlapping lists", JASA 116(535),
 * 1297–1306, doi:10.1080/01621459.2019.1708748; SparseMSE 2.0.1 (CRAN).
 *
 * Complexity: O(steps × (pairs × 2^k + one IRLS fit + checks)).
 */

import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import { requireInput } from '../../common/errors.ts';
import { checkDesign } from './check-model.ts';
import { type DesignFit, type LogLinearFit, summariseFit } from './fit-log-linear.ts';
import { createModelChecker, type ModelChecker } from './model-checker.ts';
import {
  allListPairs,
  buildModelDesign,
  createDesignFactory,
  type ListPair,
  type ModelDesign,
  pairOverlap,
  pairsKey,
} from './model-design.ts';
import type { PatternTable } from './pattern-table.ts';

export interface StepwiseOptions {
  /** p-value threshold for adding an interaction (SparseMSE `pthresh`, default 0.02). */
  threshold?: number;
  /** Level of the Wald interval of the chosen fit (default 0.95). */
  level?: number;
}

export interface StepwiseStep {
  interaction: [string, string];
  pValue: number;
  /** Whether the pair has no common case (enters with parameter −∞). */
  minusInfinity: boolean;
  estimateAfter: number;
}

export interface StepwiseResult {
  fit: LogLinearFit;
  steps: StepwiseStep[];
  threshold: number;
}

const DEFAULTS = { threshold: 0.02, level: 0.95 };

/** One-sided Poisson p-value of SparseMSE: min(P(X ≤ n), P(X ≥ n)), X ~ Poisson(mean). */
export function overlapPValue(observed: number, mean: number): number {
  // P(X ≤ n) + P(X ≥ n) ≥ 1, so a tail below 1/2 is the smaller one: compute the likely one first.
  const upperTail = (): number => (observed <= 0 ? 1 : chisquareCdf(2 * mean, 2 * observed));
  if (observed >= mean) {
    const upper = upperTail();
    return upper < 0.5 ? upper : Math.min(upper, poissonCdf(observed, mean));
  }
  const lower = poissonCdf(observed, mean);
  return lower < 0.5 ? lower : Math.min(lower, upperTail());
}

export function selectModelStepwise(table: PatternTable, options: StepwiseOptions = {}): StepwiseResult {
  const settings = { ...DEFAULTS, ...options };
  requireInput(
    settings.threshold >= 0 && settings.threshold <= 1,
    'estimate/mse/selectModelStepwise',
    `threshold must be in [0, 1], got ${settings.threshold}`,
  );
  const core = stepwiseCore(table, settings.threshold, createModelChecker());
  const fit = summariseFit(
    table,
    core.design,
    core.fit,
    settings.level,
    checkDesign(core.design, table.observed, true),
  );
  return {
    fit,
    steps: core.added.map((step) => ({
      interaction: [table.lists[step.pair[0]], table.lists[step.pair[1]]],
      pValue: step.pValue,
      minusInfinity: step.minusInfinity,
      estimateAfter: step.estimateAfter,
    })),
    threshold: settings.threshold,
  };
}

export interface StepwiseCore {
  pairs: ListPair[];
  design: ModelDesign;
  fit: DesignFit;
  estimate: number;
  added: { pair: ListPair; pValue: number; minusInfinity: boolean; estimateAfter: number }[];
}

/**
 * The stepwise search on one table; shared by the bootstrap and the jackknife. `mainStartByMask`
 * (fitted means by pattern mask, e.g. of the original data) warm-starts the main-effects fit.
 */
export function stepwiseCore(
  table: PatternTable,
  threshold: number,
  checker: ModelChecker,
  mainStartByMask?: Float64Array,
  fitOptions: { detail?: boolean; tolerance?: number } = {},
  reuse?: StepwiseReuse,
): StepwiseCore {
  const k = table.lists.length;
  const candidates = allListPairs(k);
  const design = reuse?.design ?? buildModelDesign;
  const mainDesign = design(table, []);
  const main = checker.checkAndFit(
    table,
    [],
    mainDesign,
    mainStartByMask ? Float64Array.from(mainDesign.cells, (mask) => mainStartByMask[mask]) : undefined,
    fitOptions,
  );
  requireInput(
    main.code === 0 && main.fit !== null,
    'estimate/mse/stepwise',
    main.code === 0
      ? 'the main-effects model did not converge'
      : `the main-effects model fails: ${checker.check(table, [], mainDesign).verdict}`,
  );
  if (threshold === 1) {
    const fullDesign = design(table, candidates);
    const full = checker.checkAndFit(table, candidates, fullDesign, undefined, fitOptions);
    if (full.code === 0 && full.fit) {
      return {
        pairs: candidates,
        design: fullDesign,
        fit: full.fit,
        estimate: table.observed + Math.exp(full.fit.coefficients[0]),
        added: [],
      };
    }
  }
  let pairs: ListPair[] = [];
  let current = mainDesign;
  let fit = main.fit;
  const added: StepwiseCore['added'] = [];
  if (threshold === 0) {
    return { pairs, design: current, fit, estimate: table.observed + Math.exp(fit.coefficients[0]), added };
  }
  const overlaps = candidates.map((pair) => pairOverlap(table.counts, pair));
  const pairMasks = candidates.map(([a, b]) => (1 << a) | (1 << b));
  const included = new Array<boolean>(candidates.length).fill(false);
  const fittedByMask = new Float64Array(1 << k);
  for (;;) {
    fittedByMask.fill(0);
    for (let cell = 0; cell < current.cells.length; cell++)
      fittedByMask[current.cells[cell]] = fit.fitted[cell];
    const pValues: { index: number; pValue: number }[] = [];
    for (let index = 0; index < candidates.length; index++) {
      if (included[index]) continue;
      const both = pairMasks[index];
      let mean = 0;
      for (let mask = both; mask < fittedByMask.length; mask++)
        if ((mask & both) === both) mean += fittedByMask[mask];
      pValues.push({ index, pValue: overlapPValue(overlaps[index], mean) });
    }
    pValues.sort((a, b) => a.pValue - b.pValue || a.index - b.index);
    let chosen: { index: number; pValue: number; design: ModelDesign; fit: DesignFit } | null = null;
    for (const candidate of pValues) {
      if (candidate.pValue >= threshold) break;
      const trial = [...pairs, candidates[candidate.index]];
      const trialDesign = design(table, trial);
      const remembered = reuse?.fits.get(modelKey(k, trial));
      const from = remembered ?? fittedByMask;
      const start = new Float64Array(trialDesign.cells.length);
      for (let cell = 0; cell < start.length; cell++)
        start[cell] = Math.max(from[trialDesign.cells[cell]], 1e-8);
      const result = checker.checkAndFit(table, trial, trialDesign, start, fitOptions);
      if (result.code === 0 && result.fit) {
        chosen = { ...candidate, design: trialDesign, fit: result.fit };
        break;
      }
    }
    if (chosen === null) break;
    pairs = [...pairs, candidates[chosen.index]];
    current = chosen.design;
    fit = chosen.fit;
    if (reuse) {
      const byMask = new Float64Array(1 << k);
      for (let cell = 0; cell < current.cells.length; cell++) byMask[current.cells[cell]] = fit.fitted[cell];
      reuse.fits.set(modelKey(k, pairs), byMask);
    }
    included[chosen.index] = true;
    added.push({
      pair: candidates[chosen.index],
      pValue: chosen.pValue,
      minusInfinity: overlaps[chosen.index] === 0,
      estimateAfter: table.observed + Math.exp(fit.coefficients[0]),
    });
  }
  return { pairs, design: current, fit, estimate: table.observed + Math.exp(fit.coefficients[0]), added };
}

/** What resampling loops share between stepwise runs: a design factory and the last fit of each model. */
export interface StepwiseReuse {
  design: (table: PatternTable, interactions: readonly ListPair[]) => ModelDesign;
  /** Fitted means by pattern mask of the latest fit of each model (warm starts). */
  fits: Map<string, Float64Array>;
}

function modelKey(k: number, pairs: readonly ListPair[]): string {
  return `${k}|${pairsKey(pairs)}`;
}

/**
 * A population estimator for resampled versions of `table` (same lists): the stepwise choice with
 * one shared memo of checks, shared design structures, each model's fit warm-started from the
 * latest fit of the same model (the main effects from the fit to `table`), and fits converged to
 * 1e-10 in deviance (R's glm: 1e-8) without the diagnostics a replicate does not need.
 */
export function stepwiseEstimator(
  table: PatternTable,
  threshold = 0.02,
): (resampled: PatternTable) => number {
  const checker = createModelChecker();
  const original = stepwiseCore(table, 0, checker);
  const startByMask = new Float64Array(table.counts.length);
  original.design.cells.forEach((mask, cell) => {
    startByMask[mask] = original.fit.fitted[cell];
  });
  const fitOptions = { detail: false, tolerance: 1e-10 };
  const reuse: StepwiseReuse = { design: createDesignFactory(), fits: new Map() };
  return (resampled) =>
    stepwiseCore(
      resampled,
      threshold,
      checker,
      resampled.lists.length === table.lists.length ? startByMask : undefined,
      fitOptions,
      reuse,
    ).estimate;
}
