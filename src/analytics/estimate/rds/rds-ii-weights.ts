/**
 * RDS-II weights (Volz & Heckathorn 2008): inclusion probability proportional to degree, so each
 * respondent's weight is proportional to the inverse of their degree,
 *
 *   w_i = (1 / d_i) / Σ_j (1 / d_j),   p̂_g = Σ_{i in g} w_i  (a Hájek ratio of inverse degrees).
 *
 * Convention: the RDS R package 0.9-10 (`vh.weights`); missing or zero degrees have already been
 * replaced by the largest reported degree (see `prepareRdsSample`). Respondents with a missing
 * outcome keep their weight here and are dropped when proportions are formed.
 *
 * Reference: Volz, E. & Heckathorn, D. D. (2008), "Probability based estimation theory for
 * respondent driven sampling", Journal of Official Statistics 24(1), 79–97,
 * https://www.scb.se/contentassets/ca21efb41fee47d293bbee5bf7be7fb3/probability-based-estimation-theory-for-respondent-driven-sampling.pdf
 *
 * Complexity: O(n).
 */
export function rdsIIWeights(degree: Float64Array): Float64Array {
  const weights = new Float64Array(degree.length);
  let total = 0;
  for (let i = 0; i < degree.length; i++) {
    weights[i] = 1 / degree[i];
    total += weights[i];
  }
  for (let i = 0; i < degree.length; i++) weights[i] /= total;
  return weights;
}
