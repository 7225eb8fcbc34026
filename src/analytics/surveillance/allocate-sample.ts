/**
 * Stratification of a sentinel round by site and week, and allocation of the round's sample size to
 * the strata, proportionally to the expected arrivals (from the site's official counts of earlier
 * periods) or equally.
 *
 * Proportional: n_h = n N_h / Σ N (Cochran 1977, §5.5), rounded by largest remainders (Hamilton) so
 * that the n_h sum to n exactly; equal: n / H each, remainders to the largest strata. Every stratum
 * gets at least `minimumPerStratum` (default 1, so that no stratum is left unrepresented) and at
 * most its expected arrivals.
 *
 * Reference: Cochran, W. G. (1977), Sampling Techniques, 3rd ed., Wiley, ch. 5.
 * Complexity: O(H log H) for H strata.
 */
import { requireInput } from '../common/errors.ts';

export interface SamplingStratum {
  /** Stratum id; {@link stratumId} builds "site|week". */
  id: string;
  site: string;
  /** ISO week, e.g. "2024-W05" (see {@link isoWeekOf}). */
  week: string;
  /** Arrivals expected in the stratum (from the site's official counts of earlier periods). */
  expectedCount: number;
}

export interface AllocatedStratum extends SamplingStratum {
  sampleSize: number;
}

export interface AllocationOptions {
  totalSampleSize: number;
  allocation?: 'proportional' | 'equal';
  minimumPerStratum?: number;
}

const WHERE = 'surveillance/allocate-sample';

/** The id of the stratum of a site and an ISO week. */
export function stratumId(site: string, week: string): string {
  return `${site}|${week}`;
}

/** ISO 8601 week ("2024-W05") of a yyyy-mm-dd date. */
export function isoWeekOf(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  requireInput(match !== null, 'surveillance/iso-week', `"${date}" is not a yyyy-mm-dd date`);
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Allocates the round's sample to strata (see the file header). */
export function allocateSample(
  strata: readonly SamplingStratum[],
  options: AllocationOptions,
): AllocatedStratum[] {
  const { totalSampleSize } = options;
  const allocation = options.allocation ?? 'proportional';
  const minimum = options.minimumPerStratum ?? 1;
  requireInput(strata.length > 0, WHERE, 'no strata to allocate to');
  const ids = new Set<string>();
  for (const stratum of strata) {
    requireInput(!ids.has(stratum.id), WHERE, `stratum "${stratum.id}" appears twice`);
    ids.add(stratum.id);
    requireInput(
      Number.isFinite(stratum.expectedCount) && stratum.expectedCount > 0,
      WHERE,
      `stratum "${stratum.id}" needs an expected count > 0`,
    );
  }
  requireInput(
    Number.isInteger(totalSampleSize) && totalSampleSize >= strata.length * minimum,
    WHERE,
    `totalSampleSize ${totalSampleSize} is below ${minimum} per stratum × ${strata.length} strata`,
  );
  const capacity = strata.reduce((sum, stratum) => sum + Math.floor(stratum.expectedCount), 0);
  requireInput(
    totalSampleSize <= capacity,
    WHERE,
    `totalSampleSize ${totalSampleSize} exceeds the ${capacity} expected arrivals`,
  );
  const total = strata.reduce((sum, stratum) => sum + stratum.expectedCount, 0);
  const shares = strata.map((stratum) =>
    allocation === 'equal'
      ? totalSampleSize / strata.length
      : (totalSampleSize * stratum.expectedCount) / total,
  );
  const sizes = shares.map((share, index) =>
    Math.min(Math.max(Math.floor(share), minimum), Math.floor(strata[index].expectedCount)),
  );
  let left = totalSampleSize - sizes.reduce((a, b) => a + b, 0);
  const order = strata
    .map((stratum, index) => ({
      index,
      remainder: shares[index] - Math.floor(shares[index]),
      size: stratum.expectedCount,
    }))
    .sort((a, b) => b.remainder - a.remainder || b.size - a.size || a.index - b.index);
  while (left !== 0) {
    let changed = false;
    for (const { index } of left > 0 ? order : [...order].reverse()) {
      if (left === 0) break;
      if (left > 0 && sizes[index] < Math.floor(strata[index].expectedCount)) {
        sizes[index]++;
        left--;
        changed = true;
      } else if (left < 0 && sizes[index] > minimum) {
        sizes[index]--;
        left++;
        changed = true;
      }
    }
    requireInput(changed, WHERE, 'the sample cannot be allocated within the strata limits');
  }
  return strata.map((stratum, index) => ({ ...stratum, sampleSize: sizes[index] }));
}
