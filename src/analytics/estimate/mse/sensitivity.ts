/**
 * Sensitivity of a multiple systems estimate to the model, the lists and the model choice. Sparse
 * trafficking lists support several models that fit about equally well and give very different
 * totals (the UK 2013 estimate is the known case: Silverman 2014; Chan, Silverman & Vincent 2021),
 * so a single number hides most of the uncertainty. Three views:
 *
 * 1. Model panel: every fitted model within `panelWidth` (default 2) of the best by AIC and by BIC
 *    (Burnham & Anderson's "substantial support"), with its estimate, and the range of the panel's
 *    estimates. From the exhaustive search (k ≤ 5) or the models visited on the greedy path.
 * 2. Leave one list out: the list is removed (cases seen only on it become unseen, the others keep
 *    their remaining memberships) and the population re-estimated with the same method. A list
 *    whose removal moves the estimate far is driving it.
 * 3. Bootstrap with model choice: multinomial resamples of the observed cases, the AIC (or BIC)
 *    model chosen again on each by the greedy forward–backward path (a full search per replicate
 *    would cost 1,024 fits), percentile interval and how often the original choice is chosen again.
 *
 * References: Burnham, K. P. and Anderson, D. R. (2002), Model Selection and Multimodel Inference,
 * 2nd ed., Springer, doi:10.1007/b97636; Chan, Silverman & Vincent (2021), JASA,
 * doi:10.1080/01621459.2019.1708748; Silverman (2014), UK Home Office, "Modern slavery: an
 * application of multiple systems estimation".
 *
 * Complexity: the search, k re-estimates, and B greedy searches.
 */
import { AnalyticsInputError } from '../../common/errors.ts';
import type { Random } from '../../common/random.ts';
import { quantileType8, withoutEmptyLists } from './bootstrap-interval.ts';
import { type PatternTable, validatePatternCounts } from './pattern-table.ts';
import {
  chooseByInformationCriterion,
  type InformationCriterion,
  type ModelSearch,
  type SearchedModel,
  searchModels,
} from './search-models.ts';

export interface SensitivityOptions {
  random: Random;
  /** Criterion window of the model panel (default 2). */
  panelWidth?: number;
  /** Re-estimates a table with the method in use (for leave-one-list-out). */
  estimator: (table: PatternTable) => number;
  /** Replicates of the model-choice bootstrap (default 200; 0 to skip). */
  replicates?: number;
  /** Criterion of the model-choice bootstrap (default 'aic'). */
  criterion?: InformationCriterion;
  /** A search already run on the table (saves running it again). */
  search?: ModelSearch;
  /** Level of the bootstrap percentile interval (default 0.95). */
  level?: number;
}

export interface PanelModel extends SearchedModel {
  /** Criterion minus the best model's. */
  delta: number;
}

export interface Sensitivity {
  panel: Record<
    InformationCriterion,
    { width: number; models: PanelModel[]; estimateRange: { min: number; max: number } }
  >;
  leaveOneListOut: { omitted: string; observed: number; estimate: number | null; note?: string }[];
  modelChoiceBootstrap: {
    criterion: InformationCriterion;
    replicates: number;
    lower: number;
    upper: number;
    level: number;
    median: number;
    /** Share of replicates choosing the same interactions as the original data. */
    sameModelShare: number;
    failedReplicates: number;
  } | null;
  searchExhaustive: boolean;
}

export function sensitivityAnalysis(table: PatternTable, options: SensitivityOptions): Sensitivity {
  const width = options.panelWidth ?? 2;
  const criterion = options.criterion ?? 'aic';
  const replicates = options.replicates ?? 200;
  const level = options.level ?? 0.95;
  const search = options.search ?? searchModels(table);
  const panel = {} as Sensitivity['panel'];
  for (const which of ['aic', 'bic'] as const) {
    const best = Math.min(...search.models.map((model) => model[which]));
    const models = search.models
      .filter((model) => model[which] - best <= width)
      .sort((a, b) => a[which] - b[which])
      .map((model) => ({ ...model, delta: model[which] - best }));
    panel[which] = {
      width,
      models,
      estimateRange: {
        min: Math.min(...models.map((model) => model.estimate)),
        max: Math.max(...models.map((model) => model.estimate)),
      },
    };
  }

  const leaveOneListOut: Sensitivity['leaveOneListOut'] = table.lists.map((omitted, list) => {
    const counts = new Float64Array(table.counts.length >> 1);
    for (let mask = 1; mask < table.counts.length; mask++) {
      const low = mask & ((1 << list) - 1);
      const high = (mask >> (list + 1)) << list;
      counts[low | high] += table.counts[mask];
    }
    counts[0] = 0;
    const lists = table.lists.filter((_, index) => index !== list);
    const observed = counts.reduce((sum, value) => sum + value, 0);
    if (lists.length < 2) return { omitted, observed, estimate: null, note: 'fewer than 2 lists remain' };
    try {
      const reduced = withoutEmptyLists(lists, counts);
      return {
        omitted,
        observed,
        estimate: options.estimator(validatePatternCounts(reduced.lists, reduced.counts)),
      };
    } catch (error) {
      if (error instanceof AnalyticsInputError)
        return { omitted, observed, estimate: null, note: error.message };
      throw error;
    }
  });

  let modelChoiceBootstrap: Sensitivity['modelChoiceBootstrap'] = null;
  if (replicates > 0) {
    const original = chooseByInformationCriterion(table, search, criterion);
    const originalKey = keyOf(original.fit.interactions);
    const patterns: number[] = [];
    for (let mask = 1; mask < table.counts.length; mask++) if (table.counts[mask] > 0) patterns.push(mask);
    const values: number[] = [];
    let same = 0;
    let failed = 0;
    for (let b = 0; b < replicates; b++) {
      const counts = new Float64Array(table.counts.length);
      let remaining = table.observed;
      let remainingMass = table.observed;
      patterns.forEach((mask, index) => {
        const draw =
          index === patterns.length - 1
            ? remaining
            : options.random.binomial(remaining, Math.min(1, table.counts[mask] / remainingMass));
        counts[mask] = draw;
        remaining -= draw;
        remainingMass -= table.counts[mask];
      });
      try {
        const reduced = withoutEmptyLists(table.lists, counts);
        const resampled = validatePatternCounts(reduced.lists, reduced.counts);
        const choice = chooseByInformationCriterion(
          resampled,
          searchModels(resampled, { exhaustiveUpTo: 0, greedyCriterion: criterion }),
          criterion,
        );
        values.push(choice.fit.estimate);
        if (keyOf(choice.fit.interactions) === originalKey) same++;
      } catch (error) {
        if (!(error instanceof AnalyticsInputError)) throw error;
        failed++;
      }
    }
    values.sort((a, b) => a - b);
    if (values.length > 0)
      modelChoiceBootstrap = {
        criterion,
        replicates,
        lower: quantileType8(values, (1 - level) / 2),
        upper: quantileType8(values, (1 + level) / 2),
        level,
        median: quantileType8(values, 0.5),
        sameModelShare: same / values.length,
        failedReplicates: failed,
      };
  }
  return { panel, leaveOneListOut, modelChoiceBootstrap, searchExhaustive: search.exhaustive };
}

function keyOf(interactions: readonly (readonly string[])[]): string {
  return interactions
    .map((pair) => pair.join(':'))
    .sort()
    .join(',');
}
