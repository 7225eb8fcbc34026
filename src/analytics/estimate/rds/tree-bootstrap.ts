/**
 * Tree bootstrap for RDS (Baraff, McCormick & Raftery 2016): resamples the recruitment trees
 * themselves, keeping their dependence. Seeds are drawn with replacement from the seeds; for every
 * drawn respondent, their recruits are drawn with replacement from their own recruits (as many as
 * they had), recursively down the tree. The estimator is applied to each replicate sample; the
 * standard error is the standard deviation of the replicates and the interval the percentile
 * interval, as in the paper (known to be wider, and closer to nominal coverage, than the
 * Markov-chain bootstrap of Salganik 2006).
 *
 * Reference: Baraff, A. J., McCormick, T. H. & Raftery, A. E. (2016), "Estimating uncertainty in
 * respondent-driven sampling using a tree bootstrap method", PNAS 113(51), 14668–14673,
 * doi:10.1073/pnas.1617258113.
 *
 * Complexity: O(B · (n + cost of the estimator)) for B replicates.
 */
import type { Random } from '../../common/index.ts';
import { assembleSample } from './resample.ts';
import type { PreparedRdsSample } from './sample.ts';

/** Replicate proportions (rows = replicates, columns = levels of the full sample). */
export function treeBootstrapReplicates(
  sample: PreparedRdsSample,
  replicates: number,
  random: Random,
  estimate: (replicate: PreparedRdsSample) => number[],
): number[][] {
  const children: number[][] = Array.from({ length: sample.size }, () => []);
  const seeds: number[] = [];
  for (let i = 0; i < sample.size; i++) {
    if (sample.recruiter[i] < 0) seeds.push(i);
    else children[sample.recruiter[i]].push(i);
  }
  const groups = sample.levels.length;
  const results: number[][] = [];
  for (let b = 0; b < replicates; b++) {
    const original: number[] = [];
    const parent: number[] = [];
    const queue: number[] = [];
    for (let s = 0; s < seeds.length; s++) {
      original.push(random.pick(seeds));
      parent.push(-1);
      queue.push(original.length - 1);
    }
    for (let head = 0; head < queue.length; head++) {
      const copy = queue[head];
      const kids = children[original[copy]];
      for (let k = 0; k < kids.length; k++) {
        original.push(random.pick(kids));
        parent.push(copy);
        queue.push(original.length - 1);
      }
    }
    const recruiter = Int32Array.from(parent);
    const degree = Float64Array.from(original, (index) => sample.degree[index]);
    const outcome = Int32Array.from(original, (index) => sample.outcome[index]);
    const { sample: replicate, levelMap } = assembleSample(sample.levels, recruiter, degree, outcome);
    if (replicate.levels.length === 0) continue;
    const proportions = estimate(replicate);
    const full = new Array<number>(groups).fill(0);
    levelMap.forEach((level, k) => {
      full[level] = proportions[k];
    });
    if (full.every((value) => Number.isFinite(value))) results.push(full);
  }
  return results;
}
