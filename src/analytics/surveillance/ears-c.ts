/**
 * EARS C1, C2 and C3 aberration detection on daily or weekly counts (CDC Early Aberration Reporting
 * System), following R `surveillance` `earsC` (1.20.3) so that thresholds and alarms agree with it.
 *
 * With a baseline of n periods (default 7), mean ȳ and sample standard deviation s (n − 1
 * denominator, at least `minSigma`):
 * - C1: baseline t−n..t−1; upperbound U = ȳ + z_{1−α} s; alarm when y_t > U;
 * - C2: the same with a two-period guard band, baseline t−n−2..t−3;
 * - C3: with C2(t) = (y_t − ȳ_t)/s_t on the C2 baseline, the package computes
 *   U = max(0, y_t + s_t (z_{1−α} − L_t)), L_t = max(0, C2(t−1) − 1) + max(0, C2(t−2) − 1), so its
 *   alarm (y_t > U) means L_t > z_{1−α} when y_t > 0 and does not depend on C2(t) (`variant:
 *   'surveillance'`, the default). `variant: 'textbook'` uses Hutwagner et al.'s rule instead:
 *   alarm when Σ_{i=t−2..t} max(0, C2(i) − 1) ≥ z_{1−α}; its U is the smallest count that alarms,
 *   ȳ_t + s_t (1 + z_{1−α} − L_t), or 0 when L_t ≥ z_{1−α} (for this variant alarm ⇔ y_t ≥ U).
 * Defaults as the package: α = 0.001 for C1 and C2, 0.025 for C3; evaluation starts at the first
 * period with a full history (n+1, n+3, n+5).
 *
 * Missing periods (null counts) are left out of the baselines: a baseline uses its reported periods
 * and needs at least `minimumBaselineReports` of them (default 3, the package's shortest baseline),
 * else the period gets no threshold. For C3, a missing or undefined C2(t−1) or C2(t−2) adds 0 to
 * L_t. A zero standard deviation follows the package arithmetic (C2 = ±∞, threshold NaN → null).
 *
 * References: Hutwagner, L., Thompson, W., Seeman, G. M. & Treadwell, T. (2003), "The bioterrorism
 * preparedness and response Early Aberration Reporting System (EARS)", J. Urban Health 80(Suppl 1),
 * i89–i96, doi:10.1007/PL00022319; Fricker, R. D., Hegler, B. L. & Dunfee, D. A. (2008), "Comparing
 * syndromic surveillance detection methods: EARS' versus a CUSUM-based methodology", Statistics in
 * Medicine 27(17), 3407–3429, doi:10.1002/sim.3197; Salmon, Schumacher & Höhle (2016), J. Stat.
 * Softw. 70(10), doi:10.18637/jss.v070.i10.
 *
 * Complexity: O(periods × baseline).
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { requireInput } from '../common/errors.ts';
import {
  type AberrationPeriod,
  applyMinimumCount,
  type CheckedCountSeries,
  type CountSeries,
  checkCountSeries,
  type PeriodRange,
  rangePositions,
} from './count-series.ts';

const WHERE = 'surveillance/ears-c';

export type EarsMethod = 'C1' | 'C2' | 'C3';

export interface EarsOptions {
  /** C1, C2 or C3 (default C1). */
  method?: EarsMethod;
  /** One-sided level; default 0.001 for C1/C2 and 0.025 for C3 (R `alpha`). */
  alpha?: number;
  /** Baseline length in periods, at least 3 (R `baseline`). */
  baseline?: number;
  /** Lower bound on the baseline standard deviation (R `minSigma`). */
  minSigma?: number;
  /** Periods to evaluate (labels t, inclusive); default from the first with a full history. */
  range?: PeriodRange;
  /** C3 rule: the package's (default) or the textbook one (see the header). */
  variant?: 'surveillance' | 'textbook';
  /** Reported periods a baseline needs when some are missing. */
  minimumBaselineReports?: number;
  /** An alarm also needs at least this many cases in the period itself (0 = no rule). */
  minimumCount?: number;
}

/** Defaults of R `surveillance::earsC` (alpha depends on the method and is filled in at run time). */
export const EARS_DEFAULTS = {
  method: 'C1' as EarsMethod,
  baseline: 7,
  minSigma: 0,
  variant: 'surveillance' as 'surveillance' | 'textbook',
  minimumBaselineReports: 3,
  minimumCount: 0,
};

export interface EarsPeriod extends AberrationPeriod {
  /** Baseline mean and standard deviation behind the threshold (C1/C2 window; for C3 the C2 window). */
  baselineMean: number | null;
  baselineStandardDeviation: number | null;
  /** The method's statistic: C1 or C2 = (y − ȳ)/s; C3 = Σ_{t−2..t} max(0, C2 − 1). */
  statistic: number | null;
}

export interface EarsResult {
  method: EarsMethod;
  settings: Required<Omit<EarsOptions, 'range'>>;
  periods: EarsPeriod[];
  alarmT: number[];
  diagnostics: { evaluated: number; missingPeriods: number; withoutThreshold: number };
}

interface BaselineStatistics {
  mean: number;
  standardDeviation: number;
}

function baselineStatistics(
  series: CheckedCountSeries,
  position: number,
  lag: number,
  length: number,
  minSigma: number,
  minimumReports: number,
): BaselineStatistics | null {
  const values: number[] = [];
  for (let index = position - lag - length + 1; index <= position - lag; index++) {
    if (index < 0) return null;
    const count = series.counts[index];
    if (count !== null) values.push(count);
  }
  if (values.length < Math.max(2, minimumReports)) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, standardDeviation: Math.max(Math.sqrt(squares / (values.length - 1)), minSigma) };
}

function resolveSettings(options: EarsOptions): Required<Omit<EarsOptions, 'range'>> {
  const method = options.method ?? EARS_DEFAULTS.method;
  requireInput(['C1', 'C2', 'C3'].includes(method), WHERE, `method must be C1, C2 or C3, got ${method}`);
  const settings = {
    method,
    alpha: options.alpha ?? (method === 'C3' ? 0.025 : 0.001),
    baseline: options.baseline ?? EARS_DEFAULTS.baseline,
    minSigma: options.minSigma ?? EARS_DEFAULTS.minSigma,
    variant: options.variant ?? EARS_DEFAULTS.variant,
    minimumBaselineReports: options.minimumBaselineReports ?? EARS_DEFAULTS.minimumBaselineReports,
    minimumCount: options.minimumCount ?? EARS_DEFAULTS.minimumCount,
  };
  requireInput(
    settings.alpha > 0 && settings.alpha < 1,
    WHERE,
    `alpha must be in (0, 1), got ${settings.alpha}`,
  );
  requireInput(
    Number.isInteger(settings.baseline) && settings.baseline >= 3,
    WHERE,
    `baseline must be an integer >= 3 (the package's minimum), got ${settings.baseline}`,
  );
  requireInput(settings.minSigma >= 0, WHERE, `minSigma must be >= 0, got ${settings.minSigma}`);
  requireInput(
    settings.variant === 'surveillance' || settings.variant === 'textbook',
    WHERE,
    `variant must be surveillance or textbook, got ${settings.variant}`,
  );
  requireInput(
    Number.isInteger(settings.minimumBaselineReports) &&
      settings.minimumBaselineReports >= 2 &&
      settings.minimumBaselineReports <= settings.baseline,
    WHERE,
    `minimumBaselineReports must be an integer in 2..baseline, got ${settings.minimumBaselineReports}`,
  );
  requireInput(
    Number.isFinite(settings.minimumCount) && settings.minimumCount >= 0,
    WHERE,
    `minimumCount must be >= 0, got ${settings.minimumCount}`,
  );
  return settings;
}

/** C2(t) = (y_t − ȳ)/s on the guarded baseline, or null when it cannot be computed. */
function c2Statistic(
  series: CheckedCountSeries,
  position: number,
  settings: Required<Omit<EarsOptions, 'range'>>,
): number | null {
  if (position < 0) return null;
  const count = series.counts[position];
  const statistics = baselineStatistics(
    series,
    position,
    3,
    settings.baseline,
    settings.minSigma,
    settings.minimumBaselineReports,
  );
  if (count === null || statistics === null) return null;
  return (count - statistics.mean) / statistics.standardDeviation;
}

/**
 * Runs EARS C1, C2 or C3 over a count series (see the file header).
 *
 * @example detectAberrationsEarsC({ counts: [1, 0, 2, 1, 3, 0, 1, 9] }, { method: 'C1' })
 */
export function detectAberrationsEarsC(series: CountSeries, options: EarsOptions = {}): EarsResult {
  const settings = resolveSettings(options);
  const checked = checkCountSeries(series, WHERE);
  const z = normalQuantile(1 - settings.alpha, 0, 1);
  const guard = { C1: 0, C2: 2, C3: 4 }[settings.method];
  const positions = rangePositions(checked, options.range, settings.baseline + guard, WHERE);
  requireInput(positions.length > 0, WHERE, 'the range holds no period to evaluate');

  const periods = positions.map((position): EarsPeriod => {
    const observed = checked.counts[position];
    const period: EarsPeriod = {
      t: checked.t[position],
      date: checked.dates?.[position] ?? null,
      observed,
      upperbound: null,
      alarm: null,
      belowMinimumCount: false,
      note: '',
      baselineMean: null,
      baselineStandardDeviation: null,
      statistic: null,
    };
    const lag = settings.method === 'C1' ? 1 : 3;
    const statistics = baselineStatistics(
      checked,
      position,
      lag,
      settings.baseline,
      settings.minSigma,
      settings.minimumBaselineReports,
    );
    if (statistics === null)
      return { ...period, note: 'too few reported periods in the baseline (or not enough history)' };
    period.baselineMean = statistics.mean;
    period.baselineStandardDeviation = statistics.standardDeviation;
    const { mean, standardDeviation } = statistics;
    let upperbound: number;
    if (settings.method !== 'C3') {
      upperbound = mean + z * standardDeviation;
      if (observed !== null) period.statistic = (observed - mean) / standardDeviation;
    } else {
      const excess = (value: number | null) => (value === null ? 0 : Math.max(0, value - 1));
      const lagged =
        excess(c2Statistic(checked, position - 1, settings)) +
        excess(c2Statistic(checked, position - 2, settings));
      if (observed !== null) {
        const current = (observed - mean) / standardDeviation;
        period.statistic = lagged + excess(current);
      }
      if (settings.variant === 'surveillance') {
        if (observed === null) return { ...period, note: 'no report for this period' };
        upperbound = Math.max(0, observed + standardDeviation * (z - lagged));
      } else upperbound = lagged >= z ? 0 : mean + standardDeviation * (1 + z - lagged);
    }
    if (!Number.isFinite(upperbound))
      return { ...period, note: 'the threshold is undefined (zero baseline standard deviation)' };
    period.upperbound = upperbound;
    if (observed === null) return { ...period, note: 'no report for this period' };
    const rawAlarm =
      settings.method === 'C3' && settings.variant === 'textbook'
        ? (period.statistic ?? 0) >= z
        : observed > upperbound;
    return { ...period, ...applyMinimumCount(rawAlarm, observed, settings.minimumCount) };
  });
  return {
    method: settings.method,
    settings,
    periods,
    alarmT: periods.filter((period) => period.alarm === true).map((period) => period.t),
    diagnostics: {
      evaluated: periods.length,
      missingPeriods: periods.filter((period) => period.observed === null).length,
      withoutThreshold: periods.filter((period) => period.upperbound === null).length,
    },
  };
}
