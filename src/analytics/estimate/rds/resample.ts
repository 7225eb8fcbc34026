/**
 * Building blocks of the RDS bootstraps: a prepared sample assembled from index arrays (the
 * replicate of a bootstrap), replicate summaries (standard deviation, R type-7 quantiles).
 *
 * Complexity: O(n) per replicate sample; O(B log B) per quantile of B replicates.
 */
import type { PreparedRdsSample } from './sample.ts';

/**
 * A prepared sample from a recruiter array (−1 for seeds, recruiters before recruits not required),
 * degrees and level indices into `levels`. Levels absent from the replicate are dropped, as the RDS
 * package does when it re-factors a bootstrap sample; `levelMap[k]` gives the original level of
 * replicate level k.
 */
export function assembleSample(
  levels: readonly string[],
  recruiter: Int32Array,
  degree: Float64Array,
  outcome: Int32Array,
): { sample: PreparedRdsSample; levelMap: number[] } {
  const size = recruiter.length;
  const present = new Array<boolean>(levels.length).fill(false);
  for (let i = 0; i < size; i++) if (outcome[i] >= 0) present[outcome[i]] = true;
  const levelMap: number[] = [];
  const newIndex = new Int32Array(levels.length).fill(-1);
  present.forEach((isPresent, level) => {
    if (isPresent) {
      newIndex[level] = levelMap.length;
      levelMap.push(level);
    }
  });
  const remapped = new Int32Array(size);
  let outcomeCount = 0;
  for (let i = 0; i < size; i++) {
    remapped[i] = outcome[i] < 0 ? -1 : newIndex[outcome[i]];
    if (remapped[i] >= 0) outcomeCount++;
  }
  const wave = new Int32Array(size).fill(-1);
  const seed = new Int32Array(size).fill(-1);
  for (let i = 0; i < size; i++) {
    const chain: number[] = [];
    let current = i;
    while (wave[current] === -1 && recruiter[current] !== -1) {
      chain.push(current);
      current = recruiter[current];
    }
    if (wave[current] === -1) {
      wave[current] = 0;
      seed[current] = current;
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      wave[chain[k]] = wave[recruiter[chain[k]]] + 1;
      seed[chain[k]] = seed[recruiter[chain[k]]];
    }
  }
  return {
    sample: {
      size,
      ids: Array.from({ length: size }, (_, i) => String(i + 1)),
      recruiter,
      wave,
      seed,
      reportedDegree: degree,
      degree,
      levels: levelMap.map((level) => levels[level]),
      outcome: remapped,
      outcomeCount,
      warnings: [],
    },
    levelMap,
  };
}

/** Sample standard deviation (denominator B − 1). */
export function standardDeviation(values: readonly number[]): number {
  const count = values.length;
  if (count < 2) return Number.NaN;
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return Math.sqrt(squares / (count - 1));
}

/** R's default (type 7) sample quantile. */
export function quantile(values: readonly number[], probability: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * probability;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}
