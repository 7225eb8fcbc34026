import type { Comparator } from './compare.ts';
import {
  levelWeights,
  priorWeight,
  termFrequencyShare,
  termFrequencyWeight,
  weightToProbability,
} from './score-pairs.ts';
import type { LinkageModel } from './types.ts';

/**
 * The waterfall of one pair's match weight: the prior, then each comparison's contribution
 * (level, m, u, log₂ m/u; 0 when a value is missing), then each term-frequency adjustment, in the
 * order `scorePairs` adds them, so the steps add up to the pair's weight and the probability is the
 * same everywhere it is shown. Values shown are the records' raw values, for an analyst to read.
 * Source: the Fellegi–Sunter weight decomposition as Splink's waterfall chart presents it
 * (Linacre et al. 2022, doi:10.23889/ijpds.v7i3.1794). Complexity: O(comparisons).
 */
export interface WaterfallStep {
  /** 'prior', a comparison name, or '<name> (term frequency)'. */
  step: string;
  kind: 'prior' | 'comparison' | 'termFrequency';
  /** Level label ('missing' when either value is absent). */
  level: string | null;
  left: string | null;
  right: string | null;
  m: number | null;
  u: number | null;
  /** log₂ contribution to the match weight. */
  weight: number;
  /** Running total after this step. */
  cumulative: number;
}

export interface PairExplanation {
  left: number;
  right: number;
  steps: WaterfallStep[];
  weight: number;
  probability: number;
}

export function explainPair(
  model: LinkageModel,
  comparators: readonly Comparator[],
  left: number,
  right: number,
): PairExplanation {
  const table = levelWeights(model);
  let total = priorWeight(model);
  const steps: WaterfallStep[] = [
    {
      step: 'prior',
      kind: 'prior',
      level: null,
      left: null,
      right: null,
      m: null,
      u: null,
      weight: total,
      cumulative: total,
    },
  ];
  const value = (c: number, record: number): string | null => {
    const id = comparators[c].column.ids[record];
    return id < 0 ? null : comparators[c].column.text[id];
  };
  const levels = comparators.map((comparator) => comparator.level(left, right));
  comparators.forEach((comparator, c) => {
    const level = levels[c];
    const weight = level < 0 ? 0 : table[c][level];
    total += weight;
    steps.push({
      step: comparator.name,
      kind: 'comparison',
      level: level < 0 ? 'missing' : comparator.labels[level],
      left: value(c, left),
      right: value(c, right),
      m: level < 0 ? null : model.comparisons[c].m[level],
      u: level < 0 ? null : model.comparisons[c].u[level],
      weight,
      cumulative: total,
    });
  });
  comparators.forEach((comparator, c) => {
    const level = levels[c];
    const ids = comparator.column.ids;
    const share = level < 0 ? null : termFrequencyShare(model, comparators, c, level, ids[left], ids[right]);
    if (!model.comparisons[c].termFrequency || share === null) return;
    const weight = termFrequencyWeight(model, comparators, c, level, ids[left], ids[right]);
    total += weight;
    steps.push({
      step: `${comparator.name} (term frequency)`,
      kind: 'termFrequency',
      level: comparator.labels[level],
      left: value(c, left),
      right: value(c, right),
      m: null,
      u: share,
      weight,
      cumulative: total,
    });
  });
  return { left, right, steps, weight: total, probability: weightToProbability(total) };
}
