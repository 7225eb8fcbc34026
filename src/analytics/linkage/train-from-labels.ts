import { requireInput } from '../common/index.ts';
import type { Comparator } from './compare.ts';
import type { LinkageModel } from './types.ts';

/**
 * Training from pairs an analyst has confirmed (match) or rejected (non-match). m-probabilities are
 * re-estimated from the confirmed pairs' levels; u-probabilities from the rejected pairs' levels.
 * Each is shrunk toward the unsupervised estimate with `priorStrength` pseudo-pairs (a Dirichlet
 * prior centred on it), so a handful of labels nudges the model and many labels decide it:
 * m_c(l) = (n_c(l) + k·m̂_c(l)) / (n_c + k), with n_c the labelled pairs where both values are present.
 * Rejected pairs are often chosen near the threshold, not at random, so `updateU` is off by default
 * (random pairs estimate u without that selection bias). Source: the supervised Fellegi–Sunter
 * estimates of Christen (2012), "Data Matching", §6.5, doi:10.1007/978-3-642-31164-2.
 * Complexity: O(labelled pairs × comparisons).
 */
export interface LabelledPair {
  left: number;
  right: number;
  match: boolean;
}

export interface LabelTrainingOptions {
  priorStrength?: number;
  updateU?: boolean;
}

const DEFAULTS: Required<LabelTrainingOptions> = { priorStrength: 10, updateU: false };

export interface LabelTrainingResult {
  model: LinkageModel;
  matches: number;
  nonMatches: number;
}

export function trainFromLabels(
  model: LinkageModel,
  comparators: readonly Comparator[],
  labels: readonly LabelledPair[],
  options: LabelTrainingOptions = {},
): LabelTrainingResult {
  const settings = { ...DEFAULTS, ...options };
  requireInput(labels.length > 0, 'linkage/train-from-labels', 'no labelled pairs');
  requireInput(
    comparators.length === model.comparisons.length,
    'linkage/train-from-labels',
    'comparators do not match the model',
  );
  requireInput(settings.priorStrength >= 0, 'linkage/train-from-labels', 'priorStrength must be >= 0');
  const matchCounts = model.comparisons.map((comparison) =>
    new Array<number>(comparison.labels.length).fill(0),
  );
  const nonMatchCounts = model.comparisons.map((comparison) =>
    new Array<number>(comparison.labels.length).fill(0),
  );
  let matches = 0;
  for (const pair of labels) {
    if (pair.match) matches++;
    comparators.forEach((comparator, c) => {
      const level = comparator.level(pair.left, pair.right);
      if (level >= 0) (pair.match ? matchCounts : nonMatchCounts)[c][level]++;
    });
  }
  const blend = (counts: number[], estimate: number[]) => {
    const total = counts.reduce((sum, count) => sum + count, 0);
    if (total + settings.priorStrength === 0) return estimate;
    return estimate.map((value, level) =>
      Math.min(
        1 - 1e-9,
        Math.max(1e-9, (counts[level] + settings.priorStrength * value) / (total + settings.priorStrength)),
      ),
    );
  };
  return {
    model: {
      ...model,
      comparisons: model.comparisons.map((comparison, c) => ({
        ...comparison,
        m: blend(matchCounts[c], comparison.m),
        u: settings.updateU ? blend(nonMatchCounts[c], comparison.u) : comparison.u,
      })),
    },
    matches,
    nonMatches: labels.length - matches,
  };
}
