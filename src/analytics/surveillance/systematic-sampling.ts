/**
 * Systematic random selection of arrivals (e.g. deportees handed over at a checkpoint): in each
 * stratum the team counts arrivals 1, 2, 3, … and interviews arrival r, r + k, r + 2k, … with the
 * interval k = ⌊N̂_h / n_h⌋ from the stratum's expected arrivals and target sample, and a random
 * start r uniform on 1..k. Every arrival has selection probability 1/k, whatever the actual number
 * of arrivals turns out to be (the design weights later use the site's official count).
 *
 * When a selected person refuses or is not eligible, the protocol takes the next arrival as a
 * replacement (recorded as such; see `design-weights.ts`). The list printed for field teams runs to
 * `listFactor` × the expected arrivals so that a busy week does not run out of numbers.
 *
 * Reference: Cochran, W. G. (1977), Sampling Techniques, 3rd ed., Wiley, ch. 8 (systematic
 * sampling); Madow, W. G. & Madow, L. H. (1944), Ann. Math. Stat. 15(1), 1–24,
 * doi:10.1214/aoms/1177731312.
 * Complexity: O(Σ listed arrivals).
 */
import { requireInput } from '../common/errors.ts';
import type { Random } from '../common/random.ts';
import type { AllocatedStratum } from './allocate-sample.ts';

export interface SystematicStratumPlan {
  stratum: string;
  site: string;
  week: string;
  expectedCount: number;
  sampleSize: number;
  interval: number;
  randomStart: number;
  selectionProbability: number;
  /** Arrival numbers to interview, in order. */
  selectedArrivals: number[];
}

export interface SystematicPlan {
  kind: 'systematic';
  seed: number | null;
  strata: SystematicStratumPlan[];
}

export interface SystematicPlanOptions {
  random: Random;
  /** Recorded with the plan so it can be regenerated; not used to draw. */
  seed?: number;
  listFactor?: number;
}

/** Draws the random starts of a systematic selection plan for allocated strata. */
export function planSystematicSampling(
  strata: readonly AllocatedStratum[],
  options: SystematicPlanOptions,
): SystematicPlan {
  const where = 'surveillance/systematic-sampling';
  requireInput(
    options?.random !== undefined,
    where,
    'a seeded random generator (options.random) is required',
  );
  const listFactor = options.listFactor ?? 1.5;
  requireInput(listFactor >= 1, where, `listFactor must be >= 1, got ${listFactor}`);
  return {
    kind: 'systematic',
    seed: options.seed ?? null,
    strata: strata.map((stratum) => {
      requireInput(
        Number.isInteger(stratum.sampleSize) &&
          stratum.sampleSize >= 1 &&
          stratum.sampleSize <= stratum.expectedCount,
        where,
        `stratum "${stratum.id}": sample size ${stratum.sampleSize} must be in 1..expected arrivals`,
      );
      const interval = Math.max(1, Math.floor(stratum.expectedCount / stratum.sampleSize));
      const randomStart = 1 + options.random.integer(interval);
      const last = Math.ceil(stratum.expectedCount * listFactor);
      const selectedArrivals: number[] = [];
      for (let arrival = randomStart; arrival <= last; arrival += interval) selectedArrivals.push(arrival);
      return {
        stratum: stratum.id,
        site: stratum.site,
        week: stratum.week,
        expectedCount: stratum.expectedCount,
        sampleSize: stratum.sampleSize,
        interval,
        randomStart,
        selectionProbability: 1 / interval,
        selectedArrivals,
      };
    }),
  };
}
