/**
 * Model choice by an information criterion over log-linear capture-recapture models with all main
 * effects and any set of two-list interactions.
 *
 * With k lists there are 2^(k(k−1)/2) such models (1,024 for k = 5, 32,768 for k = 6). Up to
 * `exhaustiveUpTo` lists (default 5) every model is checked (SparseMSE `checkident`: models whose MLE
 * does not exist or is not identifiable are skipped, as in the peer's search) and fitted; beyond, a
 * greedy forward–backward path from main effects adds or removes the one pair that lowers the
 * criterion most until none does.
 *
 * Conventions (reference.json `_meta.conventions` of the shared data, as Rcapture `closedpMS.t` and
 * SparseMSE `modelfit`): AIC = −2ℓ + 2p, BIC = −2ℓ + log(observed) p, p = 1 + k + interactions with
 * pairs of lists without common case counted (parameter −∞).
 *
 * Speed: the exhaustive search enumerates subsets depth-first, each model warm-started from the fit
 * of its parent (the model without its last pair), so IRLS needs few iterations; existence and rank
 * are checked once per "top-level" model (all overlapping pairs plus a subset of the
 * non-overlapping ones) and inherited by its sub-models when it passes, since removing an
 * overlapping pair keeps an existing extended MLE (Chan, Silverman & Vincent 2021, Section 2.3;
 * SparseMSE `checkallmodels`) and removing a column keeps full rank.
 *
 * References: Akaike (1974), doi:10.1109/TAC.1974.1100705; Schwarz (1978), doi:10.1214/aos/1176344136;
 * Rivest & Baillargeon, Rcapture (CRAN), `closedpMS.t`; Chan, Silverman & Vincent (2021), JASA,
 * doi:10.1080/01621459.2019.1708748.
 *
 * Complexity: exhaustive O(2^(k(k−1)/2) × IRLS fit); greedy O(steps × k² × IRLS fit).
 */
import { requireInput } from '../../common/errors.ts';
import { checkDesign } from './check-model.ts';
import { type DesignFit, fitDesign, type LogLinearFit, summariseFit } from './fit-log-linear.ts';
import { createModelChecker } from './model-checker.ts';
import {
  allListPairs,
  buildModelDesign,
  type ListPair,
  type ModelDesign,
  pairOverlap,
} from './model-design.ts';
import type { PatternTable } from './pattern-table.ts';

export type InformationCriterion = 'aic' | 'bic';

export interface ModelSearchOptions {
  /** Search every model when the number of lists is at most this (default 5, at most 6). */
  exhaustiveUpTo?: number;
  /** Criterion steering the greedy path beyond `exhaustiveUpTo` (default 'aic'). */
  greedyCriterion?: InformationCriterion;
}

/** One fitted model of the search. */
export interface SearchedModel {
  interactions: [string, string][];
  estimate: number;
  logLikelihood: number;
  parameters: number;
  minusInfinityPairs: number;
  aic: number;
  bic: number;
}

export interface ModelSearch {
  exhaustive: boolean;
  modelsConsidered: number;
  modelsFitted: number;
  skipped: { mleDoesNotExist: number; notIdentifiable: number; both: number; notConverged: number };
  /** Every fitted model (exhaustive) or every model visited on the greedy path. */
  models: SearchedModel[];
  /** Interaction pairs as list indices, parallel to `models`. */
  pairs: ListPair[][];
}

const DEFAULTS = { exhaustiveUpTo: 5, greedyCriterion: 'aic' as InformationCriterion };

export function searchModels(table: PatternTable, options: ModelSearchOptions = {}): ModelSearch {
  const settings = { ...DEFAULTS, ...options };
  requireInput(
    settings.exhaustiveUpTo <= 6,
    'estimate/mse/searchModels',
    `an exhaustive search is limited to 6 lists (32,768 models), got exhaustiveUpTo = ${settings.exhaustiveUpTo}`,
  );
  return table.lists.length <= settings.exhaustiveUpTo
    ? exhaustiveSearch(table)
    : greedySearch(table, settings.greedyCriterion);
}

function record(table: PatternTable, design: ModelDesign, fit: DesignFit, pairs: ListPair[]): SearchedModel {
  const parameters = design.columns + design.minusInfinityPairs.length;
  return {
    interactions: pairs.map(([a, b]) => [table.lists[a], table.lists[b]]),
    estimate: table.observed + Math.exp(fit.coefficients[0]),
    logLikelihood: fit.logLikelihood,
    parameters,
    minusInfinityPairs: design.minusInfinityPairs.length,
    aic: -2 * fit.logLikelihood + 2 * parameters,
    bic: -2 * fit.logLikelihood + Math.log(table.observed) * parameters,
  };
}

function exhaustiveSearch(table: PatternTable): ModelSearch {
  const k = table.lists.length;
  const candidates = allListPairs(k);
  const nonOverlapping = candidates.map((pair) => pairOverlap(table.counts, pair) === 0);
  const checker = createModelChecker();
  const groupPasses = new Map<string, boolean>();
  const skipped = { mleDoesNotExist: 0, notIdentifiable: 0, both: 0, notConverged: 0 };
  const models: SearchedModel[] = [];
  const pairsOut: ListPair[][] = [];
  let considered = 0;

  const passes = (pairs: ListPair[], indices: number[], design: ModelDesign): boolean => {
    const group = indices.filter((index) => nonOverlapping[index]);
    const key = group.join(',');
    let topPasses = groupPasses.get(key);
    if (topPasses === undefined) {
      const top = candidates.filter((_, index) => !nonOverlapping[index] || group.includes(index));
      topPasses = checker.check(table, top).code === 0;
      groupPasses.set(key, topPasses);
    }
    if (topPasses) return true;
    const code = checker.check(table, pairs, design).code;
    if (code === 1) skipped.mleDoesNotExist++;
    else if (code === 2) skipped.notIdentifiable++;
    else if (code === 3) skipped.both++;
    return code === 0;
  };

  const visit = (indices: number[], fittedByMask: Float64Array | null): void => {
    considered++;
    const pairs = indices.map((index) => candidates[index]);
    const design = buildModelDesign(table, pairs);
    let nextFitted = fittedByMask;
    if (passes(pairs, indices, design)) {
      const start = fittedByMask
        ? Float64Array.from(design.cells, (mask) => Math.max(fittedByMask[mask], 1e-8))
        : undefined;
      let fit = fitDesign(design, start);
      if (!fit.converged && start) fit = fitDesign(design);
      if (fit.converged) {
        models.push(record(table, design, fit, pairs));
        pairsOut.push(pairs);
        const byMask = new Float64Array(1 << k);
        design.cells.forEach((mask, cell) => {
          byMask[mask] = fit.fitted[cell];
        });
        nextFitted = byMask;
      } else skipped.notConverged++;
    }
    const last = indices.length === 0 ? -1 : indices[indices.length - 1];
    for (let next = last + 1; next < candidates.length; next++) visit([...indices, next], nextFitted);
  };
  visit([], null);
  return {
    exhaustive: true,
    modelsConsidered: considered,
    modelsFitted: models.length,
    skipped,
    models,
    pairs: pairsOut,
  };
}

function greedySearch(table: PatternTable, criterion: InformationCriterion): ModelSearch {
  const candidates = allListPairs(table.lists.length);
  const checker = createModelChecker();
  const skipped = { mleDoesNotExist: 0, notIdentifiable: 0, both: 0, notConverged: 0 };
  const models: SearchedModel[] = [];
  const pairsOut: ListPair[][] = [];
  const seen = new Map<string, SearchedModel | null>();
  let considered = 0;
  const evaluate = (included: boolean[]): SearchedModel | null => {
    const key = included.map((flag) => (flag ? '1' : '0')).join('');
    if (seen.has(key)) return seen.get(key) ?? null;
    considered++;
    const pairs = candidates.filter((_, index) => included[index]);
    const design = buildModelDesign(table, pairs);
    const code = checker.check(table, pairs, design).code;
    let result: SearchedModel | null = null;
    if (code === 1) skipped.mleDoesNotExist++;
    else if (code === 2) skipped.notIdentifiable++;
    else if (code === 3) skipped.both++;
    else {
      const fit = fitDesign(design);
      if (fit.converged) {
        result = record(table, design, fit, pairs);
        models.push(result);
        pairsOut.push(pairs);
      } else skipped.notConverged++;
    }
    seen.set(key, result);
    return result;
  };
  let current = new Array<boolean>(candidates.length).fill(false);
  let currentModel = evaluate(current);
  requireInput(currentModel !== null, 'estimate/mse/searchModels', 'the main-effects model cannot be fitted');
  for (;;) {
    let best: { included: boolean[]; model: SearchedModel } | null = null;
    for (let index = 0; index < candidates.length; index++) {
      const trial = [...current];
      trial[index] = !trial[index];
      const model = evaluate(trial);
      if (model && model[criterion] < (best ? best.model[criterion] : currentModel[criterion]))
        best = { included: trial, model };
    }
    if (!best) break;
    current = best.included;
    currentModel = best.model;
  }
  return {
    exhaustive: false,
    modelsConsidered: considered,
    modelsFitted: models.length,
    skipped,
    models,
    pairs: pairsOut,
  };
}

export interface InformationCriterionChoice {
  criterion: InformationCriterion;
  fit: LogLinearFit;
  /** Criterion of the runner-up minus that of the best (how clear the choice is). */
  marginToSecond: number;
  /** The best models, best first (at most `top`). */
  ranked: SearchedModel[];
  search: Omit<ModelSearch, 'models' | 'pairs'>;
}

/** The best model of a search by `criterion`, refitted with full diagnostics. */
export function chooseByInformationCriterion(
  table: PatternTable,
  search: ModelSearch,
  criterion: InformationCriterion,
  options: { level?: number; top?: number } = {},
): InformationCriterionChoice {
  requireInput(
    search.models.length > 0,
    'estimate/mse/chooseByInformationCriterion',
    `no model could be fitted (${search.modelsConsidered} considered: ${search.skipped.mleDoesNotExist} without MLE, ${search.skipped.notIdentifiable} not identifiable, ${search.skipped.both} both, ${search.skipped.notConverged} not converged)`,
  );
  const order = search.models
    .map((_, index) => index)
    .sort((a, b) => search.models[a][criterion] - search.models[b][criterion]);
  const bestPairs = search.pairs[order[0]];
  const design = buildModelDesign(table, bestPairs);
  const fit = summariseFit(
    table,
    design,
    fitDesign(design),
    options.level ?? 0.95,
    checkDesign(design, table.observed, true),
  );
  return {
    criterion,
    fit,
    marginToSecond:
      order.length > 1
        ? search.models[order[1]][criterion] - search.models[order[0]][criterion]
        : Number.POSITIVE_INFINITY,
    ranked: order.slice(0, options.top ?? 10).map((index) => search.models[index]),
    search: {
      exhaustive: search.exhaustive,
      modelsConsidered: search.modelsConsidered,
      modelsFitted: search.modelsFitted,
      skipped: search.skipped,
    },
  };
}
