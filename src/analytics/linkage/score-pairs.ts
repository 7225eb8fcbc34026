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

/**
 * How often a random record agrees with this pair (value ids `left`, `right`) the way level `level`
 * of the comparator asks, or null when the level takes no term-frequency adjustment (Winkler 1989):
 * - exact: the value's share; for names, the rarity of its words or the share of records bearing it
 *   beyond one per source (a person is on a list once: the rest are namesakes), whichever is higher:
 *   a name seen only in the pair being judged, or once in each list, says nothing of namesakes by
 *   its own count, while a name a list holds twice has a namesake;
 * - same words any order, same phonetic key: the same, over the sorted words or the phonetic key;
 * - joined key, one edit, Jaro–Winkler on the written order (a name's variants and typos): the level's u scaled
 *   by how rare the pair's names are against a typical name (phonetic rarity of the commoner of the
 *   two over the mean), since a variant of a rare name is as rare as the name; Jaro–Winkler on
 *   sorted words is not adjusted (merely similar names).
 * Floored at one record in all pairs of records.
 */
export function termFrequencyShare(
  model: LinkageModel,
  comparators: readonly Comparator[],
  c: number,
  level: number,
  left: number,
  right: number,
): number | null {
  const comparator = comparators[c];
  const column = comparator.column;
  const type = comparator.levels[level]?.type;
  const floor = 1 / Math.max(1, column.present) ** 2;
  if (type === undefined || type === 'swapped') return null;
  if (column.kind !== 'name') return type === 'exact' ? Math.max(column.frequency[left], floor) : null;
  const others = (namesakes: number) => namesakes / Math.max(1, column.present);
  if (type === 'exact') return Math.max(column.wordRarity[left], others(column.namesakes[left]), floor);
  if (type === 'tokenSet')
    return Math.max(column.wordRarity[left], others(column.sortedNamesakes[left]), floor);
  if (type === 'phonetic')
    return Math.max(column.phoneticRarity[left], others(column.phoneticNamesakes[left]), floor);
  if (type !== 'joinedPhonetic' && type !== 'damerauLevenshtein' && type !== 'jaroWinkler') return null;
  if ((type === 'jaroWinkler' && comparator.levels[level].sorted) || column.meanPhoneticRarity <= 0)
    return null;
  const rarity = Math.max(column.phoneticRarity[left], column.phoneticRarity[right]);
  return Math.max((model.comparisons[c].u[level] * rarity) / column.meanPhoneticRarity, floor);
}

/**
 * Term-frequency adjustment of comparison c at level `level` for the pair's value ids:
 * log₂(u_level / share) with the share above, so that the level's evidence becomes m_level / share;
 * 0 at levels without adjustment.
 */
export function termFrequencyWeight(
  model: LinkageModel,
  comparators: readonly Comparator[],
  c: number,
  level: number,
  left: number,
  right: number,
): number {
  if (!model.comparisons[c].termFrequency) return 0;
  const share = termFrequencyShare(model, comparators, c, level, left, right);
  return share === null ? 0 : Math.log2(model.comparisons[c].u[level] / share);
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
      const level = levels[p * C + c];
      if (level === 255) continue;
      const ids = comparators[c].column.ids;
      total += termFrequencyWeight(model, comparators, c, level, ids[pairs.left[p]], ids[pairs.right[p]]);
    }
    weight[p] = total;
    probability[p] = weightToProbability(total);
  }
  return { weight, probability };
}
