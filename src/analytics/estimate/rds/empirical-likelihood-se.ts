/**
 * Standard error of a weighted RDS proportion as the RDS R package computes it for its default
 * intervals (`EL.se`, used by `RDS.I.estimates`, `RDS.II.estimates`, `RDS.SS.estimates` with
 * `empir.lik = TRUE`): a second-order linearisation over pairs of respondents.
 *
 * With weights w_i and 0/1 outcomes y_i (respondents with a missing outcome left out), the pair
 * weights are w_ij = w_i w_j, capped at 10 × their median over all n² ordered pairs; for pairs
 * i > j, with o_ij = (y_i + y_j)/2,
 *
 *   θ = Σ o_ij w_ij / Σ w_ij,   G_i = Σ_{j<i} w_ij² (o_ij − θ),   V_i = Σ_{j<i} w_ij²,
 *   var = 4 Σ G_i² / (Σ V_i)²,   se = √( var (N − n)/(N − 1) )   (no correction without N),
 *
 * where n counts every respondent (the package uses the full length of the outcome vector).
 * The 95% interval is estimate ± 1.96 se and the design effect se² / (p(1−p)/n′ · (N−n′)/(N−1))
 * with n′ the number of respondents with an outcome.
 *
 * Reference: RDS R package 0.9-10, Handcock, Gile & Fellows, R/estimate-utils.R (`EL.se`),
 * https://cran.r-project.org/package=RDS ; the package documents no published derivation.
 *
 * Complexity: O(n²) time (the median by quickselect), O(n²) memory.
 */

/** Rearranges `values` so that values[k] is the k-th smallest (Hoare's quickselect); returns it. */
function selectKth(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const held = values[i];
        values[i] = values[j];
        values[j] = held;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

/** Largest of values[0..k) after selectKth(values, k). */
function maximumBelow(values: Float64Array, k: number): number {
  let largest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) if (values[i] > largest) largest = values[i];
  return largest;
}
export function empiricalLikelihoodStandardError(
  weights: Float64Array,
  indicator: (index: number) => number | null,
  populationSize: number | null,
): number {
  const usedWeights: number[] = [];
  const usedOutcomes: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const y = indicator(i);
    if (y === null || !Number.isFinite(weights[i])) continue;
    usedWeights.push(weights[i]);
    usedOutcomes.push(y);
  }
  const m = usedWeights.length;
  const pairs = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) pairs[i * m + j] = usedWeights[i] * usedWeights[j];
  const scratch = Float64Array.from(pairs);
  const middle = scratch.length >> 1;
  const upper = selectKth(scratch, middle);
  const median = scratch.length % 2 === 1 ? upper : (maximumBelow(scratch, middle) + upper) / 2;
  const cap = 10 * median;
  let weightedOutcome = 0;
  let weightTotal = 0;
  for (let i = 1; i < m; i++)
    for (let j = 0; j < i; j++) {
      const w = Math.min(pairs[i * m + j], cap);
      weightedOutcome += 0.5 * (usedOutcomes[i] + usedOutcomes[j]) * w;
      weightTotal += w;
    }
  const theta = weightedOutcome / weightTotal;
  let gradientSquares = 0;
  let varianceTotal = 0;
  for (let i = 1; i < m; i++) {
    let gradient = 0;
    for (let j = 0; j < i; j++) {
      const w = Math.min(pairs[i * m + j], cap);
      const square = w * w;
      gradient += square * (0.5 * (usedOutcomes[i] + usedOutcomes[j]) - theta);
      varianceTotal += square;
    }
    gradientSquares += gradient * gradient;
  }
  const variance = (4 * gradientSquares) / (varianceTotal * varianceTotal);
  if (populationSize === null) return Math.sqrt(variance);
  return Math.sqrt(((populationSize - weights.length) * variance) / (populationSize - 1));
}
