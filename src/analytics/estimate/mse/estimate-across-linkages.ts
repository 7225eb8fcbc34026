/**
 * Multiple systems estimation that carries record-linkage uncertainty: the pattern table depends on
 * which records were judged to be the same person, so the estimate is repeated over several
 * clusterings (e.g. drawn from the match probabilities of SIREN's linkage) and the spread reported.
 *
 * For each clustering (a set of linked records: entity id + list), the table is built and the
 * population estimated with the chosen log-linear method (default SparseMSE's stepwise rule). The
 * result holds the estimate of every clustering, their median and range (linkage uncertainty alone)
 * and, when `replicatesPerClustering` > 0, a pooled percentile interval: for each clustering that
 * many multinomial resamples of its observed cases, each re-estimated with its own model choice,
 * pooled over clusterings (a two-stage resample: linkage, then sampling).
 *
 * References: Chan, Silverman & Vincent (2021), JASA, doi:10.1080/01621459.2019.1708748, for the
 * estimator; Tancredi & Liseo (2011), "A hierarchical Bayesian approach to record linkage and
 * population size problems", Ann. Appl. Stat. 5(2B), doi:10.1214/10-AOAS447, for why linkage error
 * belongs in the interval.
 *
 * Complexity: clusterings × (table build + model choice + replicatesPerClustering model choices).
 */
import { AnalyticsInputError, requireInput } from '../../common/errors.ts';
import type { Random } from '../../common/random.ts';
import { quantileType8, withoutEmptyLists } from './bootstrap-interval.ts';
import { fitLogLinearModel } from './fit-log-linear.ts';
import { type PatternTable, validatePatternCounts } from './pattern-table.ts';
import { type LinkedRecord, patternTableFromRecords } from './pattern-table-from-records.ts';
import { chooseByInformationCriterion, searchModels } from './search-models.ts';
import { selectModelStepwise, stepwiseEstimator } from './select-stepwise.ts';

export interface AcrossLinkagesOptions {
  method?: 'stepwise' | 'aic' | 'bic' | 'main';
  /** List names in order (default: order of first appearance in the first clustering). */
  lists?: readonly string[];
  /** Resamples per clustering for the pooled interval (default 0: linkage spread only). */
  replicatesPerClustering?: number;
  random?: Random;
  level?: number;
}

export interface AcrossLinkagesEstimate {
  method: string;
  estimates: { clustering: number; observed: number; estimate: number | null; note?: string }[];
  median: number;
  min: number;
  max: number;
  pooled: { lower: number; upper: number; level: number; replicates: number } | null;
  warnings: string[];
}

export function estimateAcrossLinkages(
  clusterings: readonly (readonly LinkedRecord[])[],
  options: AcrossLinkagesOptions = {},
): AcrossLinkagesEstimate {
  const where = 'estimate/mse/estimateAcrossLinkages';
  requireInput(clusterings.length > 0, where, 'no clustering given');
  const method = options.method ?? 'stepwise';
  const replicates = options.replicatesPerClustering ?? 0;
  const level = options.level ?? 0.95;
  requireInput(
    replicates === 0 || options.random,
    where,
    'the pooled interval needs a seeded random generator',
  );
  const lists = options.lists ?? [...new Set(clusterings[0].map((record) => record.list))];
  const estimateOf = (table: PatternTable): number => {
    if (method === 'stepwise') return selectModelStepwise(table).fit.estimate;
    if (method === 'main') return fitLogLinearModel(table, []).estimate;
    return chooseByInformationCriterion(table, searchModels(table, { greedyCriterion: method }), method).fit
      .estimate;
  };
  const warnings: string[] = [];
  const pooled: number[] = [];
  const estimates = clusterings.map((records, clustering) => {
    let table: PatternTable;
    try {
      table = patternTableFromRecords(records, { lists });
    } catch (error) {
      if (error instanceof AnalyticsInputError)
        return { clustering, observed: 0, estimate: null, note: error.message };
      throw error;
    }
    let estimate: number;
    try {
      estimate = estimateOf(table);
    } catch (error) {
      if (error instanceof AnalyticsInputError)
        return { clustering, observed: table.observed, estimate: null, note: error.message };
      throw error;
    }
    if (replicates > 0 && options.random) {
      const resampleEstimate = method === 'stepwise' ? stepwiseEstimator(table) : estimateOf;
      const patterns: number[] = [];
      for (let mask = 1; mask < table.counts.length; mask++) if (table.counts[mask] > 0) patterns.push(mask);
      for (let b = 0; b < replicates; b++) {
        const counts = new Float64Array(table.counts.length);
        let remaining = table.observed;
        let remainingMass = table.observed;
        patterns.forEach((mask, index) => {
          const draw =
            index === patterns.length - 1
              ? remaining
              : (options.random as Random).binomial(
                  remaining,
                  Math.min(1, table.counts[mask] / remainingMass),
                );
          counts[mask] = draw;
          remaining -= draw;
          remainingMass -= table.counts[mask];
        });
        try {
          const reduced = withoutEmptyLists(table.lists, counts);
          pooled.push(resampleEstimate(validatePatternCounts(reduced.lists, reduced.counts)));
        } catch (error) {
          if (!(error instanceof AnalyticsInputError)) throw error;
          pooled.push(Number.POSITIVE_INFINITY);
        }
      }
    }
    return { clustering, observed: table.observed, estimate };
  });
  const values = estimates
    .map((row) => row.estimate)
    .filter((value): value is number => value !== null)
    .sort((a, b) => a - b);
  requireInput(values.length > 0, where, 'no clustering could be estimated');
  if (values.length < clusterings.length)
    warnings.push(
      `${clusterings.length - values.length} of ${clusterings.length} clusterings could not be estimated`,
    );
  pooled.sort((a, b) => a - b);
  return {
    method,
    estimates,
    median: quantileType8(values, 0.5),
    min: values[0],
    max: values[values.length - 1],
    pooled:
      pooled.length > 0
        ? {
            lower: quantileType8(pooled, (1 - level) / 2),
            upper: quantileType8(pooled, (1 + level) / 2),
            level,
            replicates: pooled.length,
          }
        : null,
    warnings,
  };
}
