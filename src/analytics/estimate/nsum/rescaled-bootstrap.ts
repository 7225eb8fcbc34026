/**
 * Rescaled bootstrap weights for a stratified cluster sample (Rao & Wu 1988; Rust & Rao 1996), as
 * the surveybootstrap R package draws them for networkreporting (`rescaled.bootstrap.sample`): in
 * each stratum with n_h primary sampling units, draw m_h = n_h − 1 units with replacement; a unit
 * drawn r times has its respondents' weights multiplied by r · n_h / (n_h − 1) (0 when not drawn).
 * Without clusters every respondent is its own unit; without strata the survey is one stratum.
 *
 * References: Rao, J. N. K. & Wu, C. F. J. (1988), "Resampling inference with complex survey data",
 * JASA 83(401), 231–241, doi:10.1080/01621459.1988.10478591. Rust, K. F. & Rao, J. N. K. (1996),
 * "Variance estimation for complex surveys using replication techniques", Statistical Methods in
 * Medical Research 5(3), 283–310, doi:10.1177/096228029600500305.
 *
 * Complexity: O(n) per replicate.
 */
import { AnalyticsInputError, type Random } from '../../common/index.ts';

export interface ResamplingDesign {
  /** Unit index of each respondent. */
  unitOf: Int32Array;
  /** Units of each stratum. */
  strata: number[][];
  unitCount: number;
}

export function resamplingDesign(
  clusters: readonly string[],
  strata: readonly string[],
  where: string,
): ResamplingDesign {
  const unitIndex = new Map<string, number>();
  const unitStratum: string[] = [];
  const unitOf = new Int32Array(clusters.length);
  clusters.forEach((cluster, i) => {
    const key = `${strata[i]}\u0000${cluster}`;
    let unit = unitIndex.get(key);
    if (unit === undefined) {
      unit = unitStratum.length;
      unitIndex.set(key, unit);
      unitStratum.push(strata[i]);
    }
    unitOf[i] = unit;
  });
  const byStratum = new Map<string, number[]>();
  unitStratum.forEach((stratum, unit) => {
    const list = byStratum.get(stratum) ?? [];
    list.push(unit);
    byStratum.set(stratum, list);
  });
  for (const [stratum, units] of byStratum)
    if (units.length < 2)
      throw new AnalyticsInputError(
        `${where}: stratum "${stratum}" has a single sampling unit; the rescaled bootstrap needs 2 or more per stratum`,
      );
  return { unitOf, strata: [...byStratum.values()], unitCount: unitStratum.length };
}

/** One replicate's multiplier for each respondent's weight. */
export function rescaledBootstrapScale(design: ResamplingDesign, random: Random): Float64Array {
  const unitScale = new Float64Array(design.unitCount);
  for (const units of design.strata) {
    const count = units.length;
    for (let draw = 0; draw < count - 1; draw++)
      unitScale[units[random.integer(count)]] += count / (count - 1);
  }
  return Float64Array.from(design.unitOf, (unit) => unitScale[unit]);
}
