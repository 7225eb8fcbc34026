/**
 * Bottleneck diagnostics of an RDS sample (the RDS package's `bottleneck.plot`): the estimate in
 * each seed's recruitment tree alone. Trees that disagree far more than sampling error allows mean
 * recruitment did not cross between parts of the network (a bottleneck), so the pooled estimate
 * depends on which seeds were chosen. A tree is flagged when its estimate of a level differs from
 * the pooled one by more than `threshold` binomial standard errors of a tree of its size, and the
 * trees' level counts get a chi-square test of homogeneity (trees of at least `minimumTreeSize`).
 *
 * Reference: Gile, K. J., Johnston, L. G. & Salganik, M. J. (2015), "Diagnostics for
 * respondent-driven sampling", JRSS A 178(1), 241–269, doi:10.1111/rssa.12059.
 *
 * Complexity: O(seeds · cost of the estimator + n).
 */
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { subsample } from './convergence.ts';
import type { PreparedRdsSample } from './sample.ts';

export interface RdsTreeEstimate {
  seedId: string;
  size: number;
  estimates: number[];
  /** Levels whose tree estimate is more than `threshold` standard errors from the pooled one. */
  flaggedLevels: string[];
}

export interface RdsBottlenecks {
  trees: RdsTreeEstimate[];
  pooled: number[];
  /** Chi-square test that the trees share one outcome composition (null with fewer than 2 trees). */
  homogeneity: { statistic: number; degreesOfFreedom: number; pValue: number } | null;
}

export function rdsBottlenecks(
  sample: PreparedRdsSample,
  estimate: (subset: PreparedRdsSample) => number[],
  pooled: readonly number[],
  options: { threshold?: number; minimumTreeSize?: number } = {},
): RdsBottlenecks {
  const threshold = options.threshold ?? 3;
  const minimumTreeSize = options.minimumTreeSize ?? 10;
  const groups = sample.levels.length;
  const membersOf = new Map<number, number[]>();
  for (let i = 0; i < sample.size; i++) {
    const list = membersOf.get(sample.seed[i]) ?? [];
    list.push(i);
    membersOf.set(sample.seed[i], list);
  }
  const trees: RdsTreeEstimate[] = [];
  const tables: number[][] = [];
  for (const [seed, members] of membersOf) {
    const { sample: subset, levelMap } = subsample(sample, members);
    const estimates = new Array<number>(groups).fill(0);
    if (subset.levels.length > 0) {
      const proportions = estimate(subset);
      levelMap.forEach((level, k) => {
        estimates[level] = proportions[k];
      });
    }
    const flaggedLevels = sample.levels.filter((_, g) => {
      const se = Math.sqrt((pooled[g] * (1 - pooled[g])) / Math.max(1, subset.outcomeCount));
      return subset.outcomeCount >= minimumTreeSize && Math.abs(estimates[g] - pooled[g]) > threshold * se;
    });
    trees.push({ seedId: sample.ids[seed], size: members.length, estimates, flaggedLevels });
    if (subset.outcomeCount >= minimumTreeSize) {
      const counts = new Array<number>(groups).fill(0);
      for (const index of members) if (sample.outcome[index] >= 0) counts[sample.outcome[index]]++;
      tables.push(counts);
    }
  }
  trees.sort((a, b) => b.size - a.size);
  let homogeneity: RdsBottlenecks['homogeneity'] = null;
  if (tables.length >= 2 && groups >= 2) {
    const rowTotals = tables.map((row) => row.reduce((sum, value) => sum + value, 0));
    const columnTotals = sample.levels.map((_, g) => tables.reduce((sum, row) => sum + row[g], 0));
    const grand = rowTotals.reduce((sum, value) => sum + value, 0);
    let statistic = 0;
    tables.forEach((row, r) => {
      row.forEach((observed, g) => {
        const expected = (rowTotals[r] * columnTotals[g]) / grand;
        if (expected > 0) statistic += (observed - expected) ** 2 / expected;
      });
    });
    const usedColumns = columnTotals.filter((total) => total > 0).length;
    const degreesOfFreedom = (tables.length - 1) * (usedColumns - 1);
    homogeneity = {
      statistic,
      degreesOfFreedom,
      pValue: degreesOfFreedom > 0 ? 1 - chisquareCdf(statistic, degreesOfFreedom) : 1,
    };
  }
  return { trees, pooled: [...pooled], homogeneity };
}
