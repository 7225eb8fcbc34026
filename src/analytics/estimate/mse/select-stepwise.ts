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
import {
  type DesignFit,
  describeModel,
  fitDesign,
  type LogLinearFit,
  summariseFit,
} from './fit-log-linear.ts';
import { createModelChecker, type ModelChecker } from './model-checker.ts';
import {
  allListPairs,
  buildModelDesign,
  type ListPair,
  type ModelDesign,
  pairOverlap,
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
  const lower = poissonCdf(observed, mean);
  const upper = observed <= 0 ? 1 : chisquareCdf(2 * mean, 2 * observed);
  return Math.min(lower, upper);
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

/** The stepwise search on one table; shared by the bootstrap and the jackknife. */
export function stepwiseCore(table: PatternTable, threshold: number, checker: ModelChecker): StepwiseCore {
  const k = table.lists.length;
  const candidates = allListPairs(k);
  const mainDesign = buildModelDesign(table, []);
  const mainCheck = checker.check(table, [], mainDesign);
  requireInput(
    mainCheck.code === 0,
    'estimate/mse/stepwise',
    `the main-effects model fails: ${mainCheck.verdict}`,
  );
  if (threshold === 1) {
    const full = buildModelDesign(table, candidates);
    if (checker.check(table, candidates, full).code === 0) {
      const fit = fitDesign(full);
      return {
        pairs: candidates,
        design: full,
        fit,
        estimate: table.observed + Math.exp(fit.coefficients[0]),
        added: [],
      };
    }
  }
  let pairs: ListPair[] = [];
  let design = mainDesign;
  let fit = fitDesign(design);
  const added: StepwiseCore['added'] = [];
  if (threshold === 0) {
    return { pairs, design, fit, estimate: table.observed + Math.exp(fit.coefficients[0]), added };
  }
  const overlaps = candidates.map((pair) => pairOverlap(table.counts, pair));
  const included = new Array<boolean>(candidates.length).fill(false);
  const fittedByMask = new Float64Array(1 << k);
  for (;;) {
    fittedByMask.fill(0);
    design.cells.forEach((mask, cell) => {
      fittedByMask[mask] = fit.fitted[cell];
    });
    const pValues: { index: number; pValue: number }[] = [];
    candidates.forEach((pair, index) => {
      if (included[index]) return;
      const both = (1 << pair[0]) | (1 << pair[1]);
      let mean = 0;
      for (let mask = both; mask < fittedByMask.length; mask++)
        if ((mask & both) === both) mean += fittedByMask[mask];
      pValues.push({ index, pValue: overlapPValue(overlaps[index], mean) });
    });
    pValues.sort((a, b) => a.pValue - b.pValue || a.index - b.index);
    let chosen = -1;
    let chosenDesign: ModelDesign | null = null;
    let chosenPValue = 1;
    for (const candidate of pValues) {
      if (candidate.pValue >= threshold) break;
      const trial = [...pairs, candidates[candidate.index]];
      const trialDesign = buildModelDesign(table, trial);
      if (checker.check(table, trial, trialDesign).code === 0) {
        chosen = candidate.index;
        chosenDesign = trialDesign;
        chosenPValue = candidate.pValue;
        break;
      }
    }
    if (chosen < 0 || chosenDesign === null) break;
    const start = Float64Array.from(chosenDesign.cells, (mask) => Math.max(fittedByMask[mask], 1e-8));
    pairs = [...pairs, candidates[chosen]];
    design = chosenDesign;
    fit = fitDesign(design, start);
    if (!fit.converged) fit = fitDesign(design);
    included[chosen] = true;
    added.push({
      pair: candidates[chosen],
      pValue: chosenPValue,
      minusInfinity: overlaps[chosen] === 0,
      estimateAfter: table.observed + Math.exp(fit.coefficients[0]),
    });
  }
  return { pairs, design, fit, estimate: table.observed + Math.exp(fit.coefficients[0]), added };
}

export { describeModel };
