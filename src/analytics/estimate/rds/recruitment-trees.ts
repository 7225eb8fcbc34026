/**
 * Recruitment-tree diagnostics of an RDS sample: one tree per seed, with its size, depth (largest
 * wave), number of recruiters and outcome composition; respondents per wave; the mean number of
 * recruits per recruiter; the share of the sample in the largest tree. Few deep trees mean the
 * sample has had a chance to move away from the seeds; a single dominant tree makes the estimate
 * rest on one seed's neighbourhood (Gile & Handcock 2010).
 *
 * Reference: Gile, K. J. & Handcock, M. S. (2010), "Respondent-driven sampling: an assessment of
 * current methodology", Sociological Methodology 40, 285–327, doi:10.1111/j.1467-9531.2010.01223.x.
 *
 * Complexity: O(n · g).
 */
import type { PreparedRdsSample } from './sample.ts';

export interface RecruitmentTree {
  seedId: string;
  size: number;
  depth: number;
  /** Respondents in the tree with at least one recruit. */
  recruiters: number;
  /** Respondents of each outcome level (level order). */
  levelCounts: number[];
}

export interface RecruitmentTrees {
  seeds: number;
  trees: RecruitmentTree[];
  /** Respondents per wave, wave 0 first. */
  respondentsByWave: number[];
  maxWave: number;
  meanRecruitsPerRecruiter: number;
  /** Share of respondents who recruited no one. */
  shareWithoutRecruits: number;
  largestTreeShare: number;
}

export function rdsRecruitmentTrees(sample: PreparedRdsSample): RecruitmentTrees {
  const recruits = new Int32Array(sample.size);
  for (let i = 0; i < sample.size; i++) if (sample.recruiter[i] >= 0) recruits[sample.recruiter[i]]++;
  const treeOf = new Map<number, RecruitmentTree>();
  let maxWave = 0;
  for (let i = 0; i < sample.size; i++) {
    const seed = sample.seed[i];
    let tree = treeOf.get(seed);
    if (!tree) {
      tree = {
        seedId: sample.ids[seed],
        size: 0,
        depth: 0,
        recruiters: 0,
        levelCounts: new Array<number>(sample.levels.length).fill(0),
      };
      treeOf.set(seed, tree);
    }
    tree.size++;
    tree.depth = Math.max(tree.depth, sample.wave[i]);
    if (recruits[i] > 0) tree.recruiters++;
    if (sample.outcome[i] >= 0) tree.levelCounts[sample.outcome[i]]++;
    maxWave = Math.max(maxWave, sample.wave[i]);
  }
  const respondentsByWave = new Array<number>(maxWave + 1).fill(0);
  for (let i = 0; i < sample.size; i++) respondentsByWave[sample.wave[i]]++;
  const trees = [...treeOf.values()].sort((a, b) => b.size - a.size);
  const recruiterCount = trees.reduce((sum, tree) => sum + tree.recruiters, 0);
  const recruitCount = sample.size - trees.length;
  return {
    seeds: trees.length,
    trees,
    respondentsByWave,
    maxWave,
    meanRecruitsPerRecruiter: recruiterCount === 0 ? 0 : recruitCount / recruiterCount,
    shareWithoutRecruits: (sample.size - recruiterCount) / sample.size,
    largestTreeShare: trees[0].size / sample.size,
  };
}
