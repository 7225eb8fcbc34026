/**
 * Farrington flexible aberration detection on weekly counts (Farrington et al. 1996, with the
 * improvements of Noufaily et al. 2013 selectable as one preset), following R `surveillance`
 * `farringtonFlexible` (1.20.3) step by step so that thresholds and alarms agree with it.
 *
 * For each evaluated week t:
 * 1. reference weeks: t − j·52 for j = 1..b on an index-only series; on a dated series the same
 *    weekday closest to the date j calendar years back (53-week years shift the index by one);
 * 2. baseline: the windows of 2w+1 weeks around each reference week, plus, when noPeriods > 1, the
 *    weeks between the windows split into noPeriods − 1 blocks (a seasonal factor with noPeriods
 *    levels, the windows being level noPeriods); the last pastWeeksNotIncluded weeks and t itself
 *    are left out, and so are missing weeks;
 * 3. quasi-Poisson GLM log μ = α (+ β·time) (+ block), fitted by IRLS; φ = max(1, Pearson
 *    dispersion); if `reweight`, Anscombe residuals s_i = 3/2 (y^{2/3} μ^{-1/6} − μ^{1/2}) /
 *    √(φ(1 − h_i)) give weights γ s_i^{-2} above `weightsThreshold` and γ otherwise (γ makes them
 *    average 1), and the model is refitted; the trend stays only if b ≥ 3, its t-test p-value is
 *    below pThresholdTrend and the prediction does not exceed the largest baseline count;
 * 4. threshold at level 1 − α (one-sided): `delta` = Farrington's 2/3-power transformation with
 *    the delta-method variance, U = (μ0^{2/3} + z_{1−α} · √(4/9 μ0^{1/3} (φ + se²/μ0)))^{3/2};
 *    `nbPlugin` = the (1 − α) quantile of a negative binomial with mean μ0 = exp(η0) and variance
 *    φ μ0 (Poisson when φ = 1); `muan` = the same with μ0 = exp(η0 + z_{1−α} se(η0));
 * 5. alarm when the score (y − μ0)/(U − μ0) > 1 and y > 0, only when at least limit54.cases cases
 *    were reported in the last limit54.periods weeks including t (else no threshold, no alarm).
 *
 * Conventions copied from the package where a choice exists: the prediction's standard error and the
 * trend's t-test use the dispersion `summary.glm` reports on the returned model, not bounded by 1;
 * after reweighting the package overwrites the model's working weights with the Anscombe weights ω,
 * so that dispersion is Σ ω_i (y_i − μ_i)²/μ_i² / (n − p) (reproduced); for nbPlugin/muan the score uses the
 * link-scale prediction η0 in place of μ0 (package behaviour, reproduced: alarm ⇔ y > U);
 * `expected` is μ0 on the response scale (exp(η0) for nbPlugin/muan). The population offset is not
 * used (R default). Deliberate differences for SIREN data: missing weeks are left out of the
 * baseline (as R does with NA) and the limit54 rule counts the reported weeks in its window (R
 * gives no threshold when one of them is NA); a missing current week gets a threshold but no alarm.
 * A window reaching before the series start is cut at the start (as R does when it reaches one
 * week before; R stops when it reaches further). A week whose reference weeks themselves fall
 * before the series start, or whose model cannot be fitted, gets no threshold and a note (R stops
 * the whole run there).
 *
 * References: Farrington, C. P., Andrews, N. J., Beale, A. D. & Catchpole, M. A. (1996), "A
 * statistical algorithm for the early detection of outbreaks of infectious disease", JRSS A
 * 159(3), 547–563, doi:10.2307/2983331; Noufaily, A., Enki, D. G., Farrington, P., Garthwaite, P.,
 * Andrews, N. & Charlett, A. (2013), "An improved algorithm for outbreak detection in multiple
 * surveillance systems", Statistics in Medicine 32(7), 1206–1222, doi:10.1002/sim.5595; Salmon, M.,
 * Schumacher, D. & Höhle, M. (2016), "Monitoring count time series in R: aberration detection in
 * public health surveillance", J. Stat. Softw. 70(10), doi:10.18637/jss.v070.i10.
 *
 * Complexity: O(weeks × fits × n p²) with n ≈ b·52 baseline weeks and p ≤ noPeriods + 1.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import studentTCdf from '@stdlib/stats-base-dists-t-cdf';
import { AnalyticsInputError, requireInput } from '../common/errors.ts';
import {
  negativeBinomialQuantile,
  negativeBinomialUpperTail,
  poissonQuantile,
  poissonUpperTail,
} from './count-distributions.ts';
import {
  type AberrationPeriod,
  applyMinimumCount,
  type CheckedCountSeries,
  type CountSeries,
  checkCountSeries,
  type PeriodRange,
  rangePositions,
} from './count-series.ts';
import { fitQuasiPoissonGlm, predictLink, type QuasiPoissonFit } from './quasi-poisson-glm.ts';

const WHERE = 'surveillance/farrington-flexible';
const MACHINE_EPSILON = 2.220446049250313e-16;

export type FarringtonThresholdMethod = 'delta' | 'nbPlugin' | 'muan';
export type FarringtonPowerTransformation = '2/3' | '1/2' | 'none';

export interface FarringtonFlexibleOptions {
  /** Weeks to evaluate (labels t, inclusive); default from position 52·b + w + 1 to the end (R). */
  range?: PeriodRange;
  /** Years back (R `b`). */
  b?: number;
  /** Half-window around each reference week (R `w`). */
  w?: number;
  /** Down-weight past outbreaks by Anscombe residuals (R `reweight`). */
  reweight?: boolean;
  /** Residuals above this get weight ∝ s^-2 (R `weightsThreshold`). */
  weightsThreshold?: number;
  /** One-sided level: threshold = (1 − alpha) quantile (R `alpha`). */
  alpha?: number;
  /** Try a linear time trend (R `trend`). */
  trend?: boolean;
  /** Keep the trend only when its p-value is below this (R `pThresholdTrend`). */
  pThresholdTrend?: number;
  /** No threshold unless at least `cases` were reported in the last `periods` weeks (R `limit54`). */
  limit54?: { cases: number; periods: number };
  /** Power transformation of the delta method (R `powertrans`). */
  powerTransformation?: FarringtonPowerTransformation;
  /** Number of seasonal blocks; 1 = reference windows only (R `noPeriods`). */
  noPeriods?: number;
  /** Most recent weeks left out of the baseline; default w (R `pastWeeksNotIncluded`). */
  pastWeeksNotIncluded?: number;
  /** How the threshold is computed (R `thresholdMethod`). */
  thresholdMethod?: FarringtonThresholdMethod;
  /** Periods per year of an index-only series (R `freq`); dated series use calendar years. */
  periodsPerYear?: number;
  /** An alarm also needs at least this many cases in the week itself (SIREN; 0 = no rule). */
  minimumCount?: number;
  /** `noufaily2013` sets noPeriods 10, weightsThreshold 2.58, pastWeeksNotIncluded 26,
   * pThresholdTrend 1 and thresholdMethod nbPlugin; explicit options override it. */
  preset?: 'noufaily2013';
}

/** The defaults of R `surveillance::farringtonFlexible`. */
export const FARRINGTON_FLEXIBLE_DEFAULTS = {
  b: 5,
  w: 3,
  reweight: true,
  weightsThreshold: 2.58,
  alpha: 0.05,
  trend: true,
  pThresholdTrend: 0.05,
  limit54: { cases: 5, periods: 4 },
  powerTransformation: '2/3' as FarringtonPowerTransformation,
  noPeriods: 1,
  thresholdMethod: 'delta' as FarringtonThresholdMethod,
  periodsPerYear: 52,
  minimumCount: 0,
};

/** The improved settings of Noufaily et al. (2013), as in the `surveillance` documentation. */
export const NOUFAILY_2013_PRESET = {
  noPeriods: 10,
  weightsThreshold: 2.58,
  pastWeeksNotIncluded: 26,
  pThresholdTrend: 1,
  thresholdMethod: 'nbPlugin' as FarringtonThresholdMethod,
};

export interface FarringtonFlexibleSettings {
  b: number;
  w: number;
  reweight: boolean;
  weightsThreshold: number;
  alpha: number;
  trend: boolean;
  pThresholdTrend: number;
  limit54: { cases: number; periods: number };
  powerTransformation: FarringtonPowerTransformation;
  noPeriods: number;
  pastWeeksNotIncluded: number;
  thresholdMethod: FarringtonThresholdMethod;
  periodsPerYear: number;
  minimumCount: number;
  preset: 'noufaily2013' | null;
}

export interface FarringtonPeriod extends AberrationPeriod {
  /** Predicted mean μ0 (null when limit54 blocks or no model). */
  expected: number | null;
  /** (y − μ0)/(U − μ0) (η0 in place of μ0 for nbPlugin/muan, as the package). */
  score: number | null;
  /** P(Y ≥ y) under the predictive distribution (upper tail of the normal on the power scale for delta). */
  pValue: number | null;
  /** Mean plugged into the negative binomial (nbPlugin: exp η0, muan: exp(η0 + z se)); null for delta. */
  thresholdMean: number | null;
  /** Overdispersion φ = max(1, dispersion) of the final model. */
  dispersion: number | null;
  trendFitted: boolean | null;
  trendCoefficient: number | null;
  /** Labels t of the current week and its reference weeks 1..b years back. */
  referenceT: number[];
  /** Weeks in the final model's baseline. */
  baselineWeeks: number;
}

export interface FarringtonFlexibleResult {
  method: 'farrington-flexible';
  settings: FarringtonFlexibleSettings;
  periods: FarringtonPeriod[];
  /** Labels t of the weeks with an alarm. */
  alarmT: number[];
  diagnostics: {
    evaluated: number;
    missingWeeks: number;
    withoutThreshold: number;
    fitsWithoutConvergence: number;
  };
}

function resolveSettings(options: FarringtonFlexibleOptions): FarringtonFlexibleSettings {
  const preset = options.preset === 'noufaily2013' ? NOUFAILY_2013_PRESET : {};
  requireInput(
    options.preset === undefined || options.preset === 'noufaily2013',
    WHERE,
    `unknown preset "${String(options.preset)}" (expected noufaily2013)`,
  );
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as FarringtonFlexibleOptions;
  const merged = { ...FARRINGTON_FLEXIBLE_DEFAULTS, ...preset, ...defined };
  const settings: FarringtonFlexibleSettings = {
    b: merged.b,
    w: merged.w,
    reweight: merged.reweight,
    weightsThreshold: merged.weightsThreshold,
    alpha: merged.alpha,
    trend: merged.trend,
    pThresholdTrend: merged.pThresholdTrend,
    limit54: { ...merged.limit54 },
    powerTransformation: merged.powerTransformation,
    noPeriods: merged.noPeriods,
    pastWeeksNotIncluded: merged.pastWeeksNotIncluded ?? merged.w,
    thresholdMethod: merged.thresholdMethod,
    periodsPerYear: merged.periodsPerYear,
    minimumCount: merged.minimumCount,
    preset: options.preset ?? null,
  };
  const isCount = (value: number, minimum: number) => Number.isInteger(value) && value >= minimum;
  requireInput(isCount(settings.b, 1), WHERE, `b must be an integer >= 1, got ${settings.b}`);
  requireInput(isCount(settings.w, 0), WHERE, `w must be an integer >= 0, got ${settings.w}`);
  requireInput(
    settings.alpha > 0 && settings.alpha < 1,
    WHERE,
    `alpha must be in (0, 1), got ${settings.alpha}`,
  );
  requireInput(
    settings.weightsThreshold > 0,
    WHERE,
    `weightsThreshold must be > 0, got ${settings.weightsThreshold}`,
  );
  requireInput(
    settings.pThresholdTrend >= 0 && settings.pThresholdTrend <= 1,
    WHERE,
    `pThresholdTrend must be in [0, 1], got ${settings.pThresholdTrend}`,
  );
  requireInput(
    isCount(settings.limit54.cases, 0) && isCount(settings.limit54.periods, 1),
    WHERE,
    'limit54 needs cases >= 0 and periods >= 1 (integers)',
  );
  requireInput(
    ['2/3', '1/2', 'none'].includes(settings.powerTransformation),
    WHERE,
    `powerTransformation must be 2/3, 1/2 or none, got ${settings.powerTransformation}`,
  );
  requireInput(
    isCount(settings.noPeriods, 1),
    WHERE,
    `noPeriods must be an integer >= 1, got ${settings.noPeriods}`,
  );
  requireInput(
    isCount(settings.pastWeeksNotIncluded, 0),
    WHERE,
    `pastWeeksNotIncluded must be an integer >= 0, got ${settings.pastWeeksNotIncluded}`,
  );
  requireInput(
    ['delta', 'nbPlugin', 'muan'].includes(settings.thresholdMethod),
    WHERE,
    `thresholdMethod must be delta, nbPlugin or muan, got ${settings.thresholdMethod}`,
  );
  requireInput(
    isCount(settings.periodsPerYear, 1),
    WHERE,
    `periodsPerYear must be an integer >= 1, got ${settings.periodsPerYear}`,
  );
  requireInput(
    Number.isFinite(settings.minimumCount) && settings.minimumCount >= 0,
    WHERE,
    `minimumCount must be >= 0, got ${settings.minimumCount}`,
  );
  return settings;
}

/** Weekday 0 = Sunday … 6 = Saturday of a day number (1970-01-01 was a Thursday). */
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

/** Day number of the same month and day `years` back, rolled over like R's `seq(by = "-1 year")`. */
function sameDateYearsBack(day: number, years: number): number {
  const date = new Date(day * 86_400_000);
  return Date.UTC(date.getUTCFullYear() - years, date.getUTCMonth(), date.getUTCDate()) / 86_400_000;
}

/** Positions (0-based) of the current week and its b reference weeks, or a note why not. */
function referencePositions(
  series: CheckedCountSeries,
  position: number,
  settings: FarringtonFlexibleSettings,
): number[] | string {
  const positions = [position];
  const days = series.days;
  for (let year = 1; year <= settings.b; year++) {
    let reference: number;
    if (days === null) reference = position - year * settings.periodsPerYear;
    else {
      const target = sameDateYearsBack(days[position], year);
      const sameWeekday = target - (weekday(target) - weekday(days[position]));
      const other = sameWeekday + (sameWeekday > target ? -7 : 7);
      const chosen = Math.abs(sameWeekday - target) > Math.abs(other - target) ? other : sameWeekday;
      reference = (chosen - days[0]) / 7;
    }
    if (!(reference >= 0 && reference < series.counts.length && Number.isInteger(reference)))
      return `the reference week ${year} year(s) back is before the start of the series`;
    positions.push(reference);
  }
  return positions;
}

/** Block label (1..noPeriods) of each position used by the model, before exclusions. */
function blockLabels(
  references: readonly number[],
  settings: FarringtonFlexibleSettings,
): Map<number, number> {
  const { w, noPeriods } = settings;
  const labels = new Map<number, number>();
  const now = references[0];
  for (let position = Math.max(0, now - w); position <= now; position++) labels.set(position, noPeriods);
  for (let year = 1; year < references.length; year++) {
    const reference = references[year];
    for (let position = Math.max(0, reference - w); position <= reference + w; position++)
      labels.set(position, noPeriods);
    if (noPeriods === 1) continue;
    const between = references[year - 1] - 2 * w - 1 - reference;
    if (between < noPeriods - 1)
      throw new AnalyticsInputError(
        `${WHERE}: noPeriods ${noPeriods} is too large: only ${between} weeks lie between the windows`,
      );
    const base = Math.floor(between / (noPeriods - 1));
    const rest = between % (noPeriods - 1);
    let start = reference + w + 1;
    for (let block = 1; block < noPeriods; block++) {
      const length = base + (block <= rest ? 1 : 0);
      for (let position = start; position < start + length; position++) labels.set(position, block);
      start += length;
    }
  }
  return labels;
}

interface Baseline {
  positions: number[];
  response: number[];
  time: number[];
  blocks: number[];
  levels: number[];
}

function designRow(baseline: Baseline, time: number, block: number, withTrend: boolean): number[] {
  const row = [1];
  if (withTrend) row.push(time);
  for (let level = 1; level < baseline.levels.length; level++)
    row.push(block === baseline.levels[level] ? 1 : 0);
  return row;
}

interface FlexibleFit {
  fit: QuasiPoissonFit;
  phi: number;
  /** Dispersion `summary.glm` reports on the returned model (see the header), used for standard errors. */
  summaryDispersion: number;
  withTrend: boolean;
}

/** R's `algo.farrington.fitGLM.flexible`: fit, fall back to no trend, reweight and refit. */
function fitFlexible(
  baseline: Baseline,
  requestTrend: boolean,
  settings: FarringtonFlexibleSettings,
  counters: { notConverged: number },
): FlexibleFit | null {
  let withTrend = requestTrend;
  const design = (trend: boolean) =>
    baseline.response.map((_, i) => designRow(baseline, baseline.time[i], baseline.blocks[i], trend));
  let fit = fitQuasiPoissonGlm(design(withTrend), baseline.response, undefined, WHERE);
  if (!fit.converged) {
    counters.notConverged++;
    if (withTrend) {
      withTrend = false;
      fit = fitQuasiPoissonGlm(design(false), baseline.response, undefined, WHERE);
    }
    if (!fit.converged) return null;
  }
  let phi = Math.max(fit.dispersion, 1);
  if (settings.reweight) {
    const residuals = baseline.response.map((y, i) => {
      const mu = fit.fitted[i];
      const raw = 1.5 * (y ** (2 / 3) * mu ** (-1 / 6) - Math.sqrt(mu));
      return raw / Math.sqrt(phi * (1 - fit.hatValues[i]));
    });
    const above = (s: number) => s > settings.weightsThreshold;
    const gamma = residuals.length / residuals.reduce((sum, s) => sum + (above(s) ? s ** -2 : 1), 0);
    const weights = residuals.map((s) => (above(s) ? gamma * s ** -2 : gamma));
    fit = fitQuasiPoissonGlm(design(withTrend), baseline.response, weights, WHERE);
    phi = Math.max(fit.dispersion, 1);
    let weightedSquares = 0;
    baseline.response.forEach((y, i) => {
      if (weights[i] > 0) weightedSquares += weights[i] * ((y - fit.fitted[i]) / fit.fitted[i]) ** 2;
    });
    return { fit, phi, summaryDispersion: weightedSquares / fit.residualDegreesOfFreedom, withTrend };
  }
  return { fit, phi, summaryDispersion: fit.dispersion, withTrend };
}

interface Threshold {
  upper: number;
  pValue: number | null;
  score: number | null;
  thresholdMean: number | null;
  expected: number;
}

function deltaThreshold(
  mean: number,
  standardError: number,
  phi: number,
  observed: number | null,
  settings: FarringtonFlexibleSettings,
): Threshold {
  const tau = phi + (standardError * standardError) / mean;
  let exponent: number;
  let scale: number;
  if (settings.powerTransformation === '2/3') {
    exponent = 2 / 3;
    scale = Math.sqrt((4 / 9) * mean ** (1 / 3) * tau);
  } else if (settings.powerTransformation === '1/2') {
    exponent = 1 / 2;
    scale = Math.sqrt(tau / 4);
  } else {
    exponent = 1;
    scale = Math.sqrt(mean * tau);
  }
  const z = normalQuantile(1 - settings.alpha, 0, 1);
  const ends = [-1, 1].map((sign) => (mean ** exponent + sign * z * scale) ** (1 / exponent));
  const upper = Number.isNaN(ends[0]) ? ends[1] : Math.max(ends[0], ends[1]);
  const pValue = observed === null ? null : normalCdf(mean ** exponent, observed ** exponent, scale);
  return {
    upper,
    pValue,
    score: observed === null ? null : (observed - mean) / (upper - mean),
    thresholdMean: null,
    expected: mean,
  };
}

function negativeBinomialThreshold(
  eta: number,
  standardError: number,
  phi: number,
  observed: number | null,
  settings: FarringtonFlexibleSettings,
): Threshold | null {
  const plugged =
    settings.thresholdMethod === 'nbPlugin'
      ? Math.exp(eta)
      : Math.exp(eta + normalQuantile(1 - settings.alpha, 0, 1) * standardError);
  if (!Number.isFinite(plugged)) return null;
  let upper: number;
  let pValue: number | null = null;
  if (phi > 1) {
    const size = plugged / (phi - 1);
    upper = negativeBinomialQuantile(1 - settings.alpha, size, 1 / phi);
    if (observed !== null) pValue = negativeBinomialUpperTail(observed, size, 1 / phi);
  } else {
    upper = poissonQuantile(1 - settings.alpha, plugged);
    if (observed !== null) pValue = poissonUpperTail(observed, plugged);
  }
  return {
    upper,
    pValue,
    score: observed === null ? null : (observed - eta) / (upper - eta),
    thresholdMean: plugged,
    expected: Math.exp(eta),
  };
}

const finiteOrNull = (value: number | null): number | null =>
  value !== null && Number.isFinite(value) ? value : null;

/**
 * Runs the Farrington flexible detector over a weekly count series (see the file header).
 *
 * @example detectAberrationsFarringtonFlexible({ counts }, { b: 4, alpha: 0.1, preset: 'noufaily2013' })
 */
export function detectAberrationsFarringtonFlexible(
  series: CountSeries,
  options: FarringtonFlexibleOptions = {},
): FarringtonFlexibleResult {
  const settings = resolveSettings(options);
  const checked = checkCountSeries(series, WHERE);
  const defaultFrom = settings.periodsPerYear * settings.b + settings.w;
  const positions = rangePositions(checked, options.range, defaultFrom, WHERE);
  requireInput(positions.length > 0, WHERE, 'the range holds no week to evaluate');
  const counters = { notConverged: 0 };
  const periods = positions.map((position) => evaluateWeek(checked, position, settings, counters));
  return {
    method: 'farrington-flexible',
    settings,
    periods,
    alarmT: periods.filter((period) => period.alarm === true).map((period) => period.t),
    diagnostics: {
      evaluated: periods.length,
      missingWeeks: periods.filter((period) => period.observed === null).length,
      withoutThreshold: periods.filter((period) => period.upperbound === null).length,
      fitsWithoutConvergence: counters.notConverged,
    },
  };
}

function evaluateWeek(
  series: CheckedCountSeries,
  position: number,
  settings: FarringtonFlexibleSettings,
  counters: { notConverged: number },
): FarringtonPeriod {
  const observed = series.counts[position];
  const period: FarringtonPeriod = {
    t: series.t[position],
    date: series.dates?.[position] ?? null,
    observed,
    upperbound: null,
    alarm: null,
    belowMinimumCount: false,
    note: '',
    expected: null,
    score: null,
    pValue: null,
    thresholdMean: null,
    dispersion: null,
    trendFitted: null,
    trendCoefficient: null,
    referenceT: [],
    baselineWeeks: 0,
  };
  const references = referencePositions(series, position, settings);
  if (typeof references === 'string') return { ...period, note: references };
  period.referenceT = references.map((reference) => series.t[reference]);
  const labels = blockLabels(references, settings);

  const excludedFrom = position - settings.pastWeeksNotIncluded;
  const used = [...labels.keys()]
    .filter((index) => index < excludedFrom && series.counts[index] !== null)
    .sort((a, b) => a - b);
  if (used.length === 0) return { ...period, note: 'no reported week in the baseline' };
  const days = series.days;
  const timeOf = (index: number) => (days === null ? index + 1 : (days[index] - days[used[0]]) / 7);
  const blocks = used.map((index) => (settings.noPeriods === 1 ? 1 : (labels.get(index) as number)));
  const baseline: Baseline = {
    positions: used,
    response: used.map((index) => series.counts[index] as number),
    time: used.map(timeOf),
    blocks,
    levels: settings.noPeriods === 1 ? [1] : [...new Set(blocks)].sort((a, b) => a - b),
  };
  if (!baseline.levels.includes(settings.noPeriods))
    return { ...period, note: 'no reported week in the reference windows' };

  let model: FlexibleFit | null;
  let trendFitted = false;
  try {
    model = fitFlexible(baseline, settings.trend, settings, counters);
    const currentTime = timeOf(position);
    if (model?.withTrend) {
      const covariates = designRow(baseline, currentTime, settings.noPeriods, true);
      const { eta } = predictLink(model.fit, covariates, model.summaryDispersion);
      const slopeError = Math.sqrt(model.summaryDispersion * model.fit.unscaledCovariance[1][1]);
      const tStatistic = model.fit.coefficients[1] / slopeError;
      const pTrend = 2 * studentTCdf(-Math.abs(tStatistic), model.fit.residualDegreesOfFreedom);
      const noExtrapolation = Math.max(Math.exp(eta), MACHINE_EPSILON) <= Math.max(...baseline.response);
      trendFitted = settings.b >= 3 && pTrend < settings.pThresholdTrend && noExtrapolation;
      if (!trendFitted) model = fitFlexible(baseline, false, settings, counters);
    }
    if (model === null) return { ...period, note: 'the model did not converge with or without trend' };
    period.baselineWeeks = baseline.response.length;
    const covariates = designRow(baseline, currentTime, settings.noPeriods, trendFitted);
    const { eta, standardError } = predictLink(model.fit, covariates, model.summaryDispersion);
    if (!Number.isFinite(standardError))
      return { ...period, note: 'no residual degrees of freedom in the baseline' };
    const threshold =
      settings.thresholdMethod === 'delta'
        ? deltaThreshold(
            Math.max(Math.exp(eta), MACHINE_EPSILON),
            standardError * Math.max(Math.exp(eta), MACHINE_EPSILON),
            model.phi,
            observed,
            settings,
          )
        : negativeBinomialThreshold(eta, standardError, model.phi, observed, settings);
    period.dispersion = model.phi;
    period.trendFitted = trendFitted;
    period.trendCoefficient = trendFitted ? model.fit.coefficients[1] : null;
    if (threshold === null) return { ...period, note: 'the predicted mean is infinite' };
    period.score = finiteOrNull(threshold.score);
    period.pValue = finiteOrNull(threshold.pValue);
    period.thresholdMean = threshold.thresholdMean;
    let recent = 0;
    for (let index = Math.max(0, position - settings.limit54.periods + 1); index <= position; index++)
      recent += series.counts[index] ?? 0;
    if (recent < settings.limit54.cases)
      return {
        ...period,
        alarm: observed === null ? null : false,
        note: `fewer than ${settings.limit54.cases} cases reported in the last ${settings.limit54.periods} weeks`,
      };
    period.upperbound = threshold.upper;
    period.expected = threshold.expected;
    if (observed === null) return { ...period, note: 'no report for this week' };
    const rawAlarm = threshold.score !== null && threshold.score > 1 && observed !== 0;
    return { ...period, ...applyMinimumCount(rawAlarm, observed, settings.minimumCount) };
  } catch (error) {
    if (error instanceof AnalyticsInputError) return { ...period, note: error.message };
    throw error;
  }
}
