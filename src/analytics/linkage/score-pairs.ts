import type { CandidatePairs } from './block.ts';
import type { Comparator } from './compare.ts';
import type { LinkageModel } from './types.ts';

/**
 * Match weights and probabilities of candidate pairs under a trained Fellegi–Sunter model.
 *
 * Weight (log₂ Bayes factor form, as in Splink): w = log₂(λ / (1 − λ)) + Σ_c log₂(m_c(γ_c) / u_c(γ_c))
 * + Σ_c TF_c, where a missing value contributes 0 and, for comparisons with term-frequency
 * adjustment at the exact level, TF_c = log₂(u_c(exact) / max(f(v), 1/N)) with f(v) the share of
 * records holding the agreed value v (a rare name agreeing is stronger evidence than a common one).
 * Probability = 2^w / (1 + 2^w). The explanation of a pair (`explainPair`) adds up the same terms in
 * the same order, so the waterfall total equals the weight here exactly.
 * Sources: Fellegi & Sunter (1969), doi:10.1080/01621459.1969.10501049; term frequencies:
 * Winkler (1989), "Frequency-based matching in Fellegi–Sunter model of record linkage", Proc. ASA
 * Survey Research Methods, 778–783. Complexity: O(pairs × comparisons).
 */
export function comparePairs(comparators: readonly Comparator[], pairs: CandidatePairs): Uint8Array {
  const C = comparators.length;
  const levels = new Uint8Array(pairs.count * C);
  for (let p = 0; p < pairs.count; p++) {
    const i = pairs.left[p];
    const j = pairs.right[p];
    for (let c = 0; c < C; c++) {
      const level = comparators[c].level(i, j);
      levels[p * C + c] = level < 0 ? 255 : level;
    }
  }
  return levels;
}

/** log₂(m/u) per comparison and level. */
export function levelWeights(model: LinkageModel): number[][] {
  return model.comparisons.map((comparison) =>
    comparison.m.map((m, level) => Math.log2(m / comparison.u[level])),
  );
}

/** log₂ prior odds. */
export function priorWeight(model: LinkageModel): number {
  return Math.log2(model.priorMatchProbability / (1 - model.priorMatchProbability));
}

/** Term-frequency adjustment of comparison c for an exact agreement on value id `value`. */
export function termFrequencyWeight(
  model: LinkageModel,
  comparators: readonly Comparator[],
  c: number,
  value: number,
): number {
  const column = comparators[c].column;
  const floor = 1 / Math.max(1, column.present);
  return Math.log2(model.comparisons[c].u[0] / Math.max(column.frequency[value], floor));
}

/** Weight to probability: 2^w / (1 + 2^w), computed stably. */
export function weightToProbability(weight: number): number {
  return weight >= 0 ? 1 / (1 + 2 ** -weight) : 2 ** weight / (1 + 2 ** weight);
}

export interface ScoredPairs {
  weight: Float64Array;
  probability: Float64Array;
}

/** Scores every pair from its levels (see the header). */
export function scorePairs(
  model: LinkageModel,
  comparators: readonly Comparator[],
  pairs: CandidatePairs,
  levels: Uint8Array,
): ScoredPairs {
  const C = comparators.length;
  const table = levelWeights(model);
  const prior = priorWeight(model);
  const weight = new Float64Array(pairs.count);
  const probability = new Float64Array(pairs.count);
  const tfComparisons = model.comparisons
    .map((comparison, c) => (comparison.termFrequency ? c : -1))
    .filter((c) => c >= 0);
  for (let p = 0; p < pairs.count; p++) {
    let total = prior;
    for (let c = 0; c < C; c++) {
      const level = levels[p * C + c];
      if (level !== 255) total += table[c][level];
    }
    for (const c of tfComparisons) {
      if (levels[p * C + c] === 0)
        total += termFrequencyWeight(model, comparators, c, comparators[c].column.ids[pairs.left[p]]);
    }
    weight[p] = total;
    probability[p] = weightToProbability(total);
  }
  return { weight, probability };
}
