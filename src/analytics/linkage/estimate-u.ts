import { createRandom, type Random, requireInput } from '../common/index.ts';
import type { CandidatePairs } from './block.ts';
import type { Comparator } from './compare.ts';
import type { PreparedRecords } from './prepare-records.ts';
import { comparePairs } from './score-pairs.ts';
import type { LinkType } from './types.ts';

/**
 * u-probabilities, P(level | non-match), from record pairs drawn at random: almost every random pair
 * is a non-match (a share of about 1 / records are matches), so the level frequencies among random
 * pairs estimate u directly (Splink's `estimate_u_using_random_sampling`). For `link` only pairs of
 * different sources are drawn. Each level gets a pseudo-count of 1/2 (Jeffreys-like smoothing) so no
 * u is zero and no weight infinite; levels are counted among pairs where both values are present.
 *
 * Source: R. Linacre et al. (2022), "Splink: Free software for probabilistic record linkage at
 * scale", International Journal of Population Data Science 7(3), doi:10.23889/ijpds.v7i3.1794.
 * Complexity: O(pairs × comparisons).
 */
export interface EstimateUOptions {
  linkType?: LinkType;
  /** Random pairs drawn. */
  pairs?: number;
  random?: Random;
}

const DEFAULTS = { linkType: 'dedupe' as LinkType, pairs: 500_000, seed: 6 };

export interface UEstimate {
  /** u per comparison, one value per level label. */
  u: number[][];
  /** Pairs drawn and, per comparison, pairs with both values present. */
  pairsDrawn: number;
  presentPairs: number[];
}

export function estimateUProbabilities(
  prepared: PreparedRecords,
  comparators: readonly Comparator[],
  options: EstimateUOptions = {},
): UEstimate {
  const pairs = drawRandomPairs(prepared, options);
  return uFromLevels(
    comparePairs(comparators, pairs),
    comparators.map((comparator) => comparator.labels.length),
    pairs.count,
  );
}

/** The random pairs u is estimated from (drawn with the seeded stream; `link`: different sources only). */
export function drawRandomPairs(prepared: PreparedRecords, options: EstimateUOptions = {}): CandidatePairs {
  const linkType = options.linkType ?? DEFAULTS.linkType;
  const random = options.random ?? createRandom(DEFAULTS.seed);
  const n = prepared.count;
  requireInput(n >= 2, 'linkage/estimate-u', 'at least two records are needed');
  const sources = prepared.sources;
  const sizes = new Array<number>(prepared.sourceCount).fill(0);
  for (let i = 0; i < n; i++) sizes[sources[i]]++;
  if (linkType === 'link')
    requireInput(
      sizes.filter((size) => size > 0).length >= 2,
      'linkage/estimate-u',
      'linking needs records from at least two sources',
    );
  const possible =
    linkType === 'link' ? crossPairs(sizes.map((size) => ({ length: size }))) : (n * (n - 1)) / 2;
  const target = Math.min(options.pairs ?? DEFAULTS.pairs, possible);
  const left = new Int32Array(target);
  const right = new Int32Array(target);
  for (let drawn = 0; drawn < target; drawn++) {
    const i = random.integer(n);
    let j = random.integer(n - 1);
    if (j >= i) j++;
    if (linkType === 'link' && sources[i] === sources[j]) {
      drawn--;
      continue;
    }
    left[drawn] = i;
    right[drawn] = j;
  }
  return { left, right, rule: new Uint8Array(target), count: target };
}

/** u from the levels of random pairs (rows of `comparisons` levels, 255 = missing), smoothed (see the header). */
export function uFromLevels(levels: Uint8Array, labelCounts: readonly number[], pairs: number): UEstimate {
  const C = labelCounts.length;
  const counts = labelCounts.map((labels) => new Float64Array(labels));
  const present = new Array<number>(C).fill(0);
  for (let p = 0; p < pairs; p++)
    for (let c = 0; c < C; c++) {
      const level = levels[p * C + c];
      if (level === 255) continue;
      counts[c][level]++;
      present[c]++;
    }
  const u = counts.map((levelCounts, c) => {
    const total = present[c] + 0.5 * levelCounts.length;
    return Array.from(levelCounts, (count) => (count + 0.5) / total);
  });
  return { u, pairsDrawn: pairs, presentPairs: present };
}

function crossPairs(bySource: readonly { length: number }[]): number {
  let total = 0;
  let seen = 0;
  for (const members of bySource) {
    total += seen * members.length;
    seen += members.length;
  }
  return total;
}

/** Number of pairs in the compared space (the denominator of the prior match probability). */
export function comparablePairs(prepared: PreparedRecords, linkType: LinkType): number {
  if (linkType !== 'link') return (prepared.count * (prepared.count - 1)) / 2;
  const sizes = new Array<number>(prepared.sourceCount).fill(0);
  for (const source of prepared.sources) sizes[source]++;
  return crossPairs(sizes.map((size) => ({ length: size })));
}
