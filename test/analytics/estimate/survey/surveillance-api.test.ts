import { describe, expect, it } from 'vitest';
import {
  createSurveyDesign,
  estimateIndicatorShares,
  estimateSurveyProportion,
  extrapolateShareToPopulation,
  type SurveyEstimate,
  testChangeBetweenRounds,
  testTrendAcrossRounds,
} from '../../../../src/analytics/estimate/survey/index.ts';

/** A simple random sample of `size` from `population` with `positives` positives, as a design. */
function simpleRound(size: number, positives: number, population: number) {
  const design = createSurveyDesign({ finitePopulation: [Array.from({ length: size }, () => population)] });
  const indicator = Array.from({ length: size }, (_, i) => i < positives);
  return { design, indicator };
}

describe('survey API for sentinel surveillance', () => {
  it('reproduces the Poipet 2009 extrapolation of issue 8: 23% of 400 of 89,096 ≈ 20,000 (16,800–24,200)', () => {
    // Issue 8: 400 randomly sampled deportees, 23% trafficked, 89,096 deportees that year,
    // "about 20,000 trafficked persons (95% CI about 16,800–24,200 under simple random sampling)".
    const { design, indicator } = simpleRound(400, 92, 89_096);
    const share = estimateSurveyProportion(design, indicator, {
      intervalMethod: 'wald',
      degreesOfFreedom: Number.POSITIVE_INFINITY,
    });
    const count = extrapolateShareToPopulation(share, 89_096);
    expect(count.estimate).toBeCloseTo(0.23 * 89_096, 6);
    expect(Math.round(count.ci.lower / 100) * 100).toBe(16_800);
    expect(Math.round(count.ci.upper / 100) * 100).toBe(24_200);
    expect(count.standardError).toBeCloseTo(89_096 * share.standardError, 6);
  });

  it('extrapolation keeps the asymmetry of a Korn–Graubard interval and refuses a bad count', () => {
    const { design, indicator } = simpleRound(60, 3, 5_000);
    const share = estimateSurveyProportion(design, indicator, { intervalMethod: 'beta' });
    const count = extrapolateShareToPopulation(share, 5_000);
    expect(count.ci.upper - count.estimate).toBeGreaterThan(count.estimate - count.ci.lower);
    expect(() => extrapolateShareToPopulation(share, -1)).toThrow(/extrapolate-share: the population count/);
  });

  it('tests the change between two independent rounds (Welch–Satterthwaite df)', () => {
    const first = simpleRound(400, 92, 89_096);
    const second = simpleRound(300, 45, 60_000);
    const a = estimateSurveyProportion(first.design, first.indicator, { intervalMethod: 'wald' });
    const b = estimateSurveyProportion(second.design, second.indicator, { intervalMethod: 'wald' });
    const change = testChangeBetweenRounds(a, b);
    expect(change.difference).toBeCloseTo(0.15 - 0.23, 12);
    expect(change.standardError).toBeCloseTo(Math.sqrt(a.variance + b.variance), 12);
    // df between the smaller and the sum of the two rounds' degrees of freedom
    expect(change.degreesOfFreedom).toBeGreaterThan(299);
    expect(change.degreesOfFreedom).toBeLessThan(399 + 299);
    expect(change.pValue).toBeGreaterThan(0.005);
    expect(change.pValue).toBeLessThan(0.02);
    expect(change.ci.lower).toBeLessThan(change.difference);
    expect(change.relativeChange).toBeCloseTo(0.15 / 0.23 - 1, 12);
    const none = testChangeBetweenRounds(a, a);
    expect(none.difference).toBe(0);
    expect(none.pValue).toBe(1);
  });

  it('gives indicator shares overall and by several domain variables', () => {
    const size = 120;
    const design = createSurveyDesign({
      strata: Array.from({ length: size }, (_, i) => (i < 60 ? 'site A' : 'site B')),
      finitePopulation: [Array.from({ length: size }, (_, i) => (i < 60 ? 3_000 : 1_500))],
    });
    const sex = Array.from({ length: size }, (_, i) => (i % 2 === 0 ? 'female' : 'male'));
    const trafficked = Array.from({ length: size }, (_, i) => i % 5 === 0);
    const deceived = Array.from({ length: size }, (_, i) => (i % 7 === 0 ? null : i % 3 === 0));
    const shares = estimateIndicatorShares(design, {
      indicators: { trafficked, deceived },
      domainsBy: { sex, site: Array.from({ length: size }, (_, i) => (i < 60 ? 'A' : 'B')) },
    });
    expect(shares.map((share) => share.indicator)).toEqual(['trafficked', 'deceived']);
    expect(shares[0].overall.ci.method).toBe('beta');
    expect(shares[0].by.sex.domains?.map((domain) => domain.domain)).toEqual(['female', 'male']);
    expect(shares[1].overall.rowsMissing).toBe(18);
    for (const share of shares)
      for (const table of Object.values(share.by))
        for (const domain of table.domains ?? []) {
          expect(domain.ci.lower).toBeLessThanOrEqual(domain.estimate);
          expect(domain.ci.upper).toBeGreaterThanOrEqual(domain.estimate);
        }
  });

  it('a share of 0 or 1 gets the exact Clopper–Pearson interval and a warning, never NaN', () => {
    const { design, indicator } = simpleRound(50, 0, 10_000);
    for (const intervalMethod of ['wald', 'logit', 'beta', 'asin', 'likelihood'] as const) {
      const share = estimateSurveyProportion(design, indicator, { intervalMethod });
      expect(share.estimate).toBe(0);
      expect(share.ci.lower).toBe(0);
      // Clopper–Pearson upper bound for 0/50 at 95%: 1 − 0.025^(1/50)
      expect(share.ci.upper).toBeCloseTo(1 - 0.025 ** (1 / 50), 10);
      expect(share.warnings.some((warning) => /Clopper–Pearson/.test(warning))).toBe(true);
    }
  });

  it('a trend over two rounds is their change per unit of time, with the same normal test', () => {
    const first = simpleRound(400, 92, 89_096);
    const second = simpleRound(300, 45, 60_000);
    const options = { intervalMethod: 'wald' as const, degreesOfFreedom: Number.POSITIVE_INFINITY };
    const a = estimateSurveyProportion(first.design, first.indicator, options);
    const b = estimateSurveyProportion(second.design, second.indicator, options);
    const trend = testTrendAcrossRounds([
      { time: 2009, estimate: a },
      { time: 2011, estimate: b },
    ]);
    const change = testChangeBetweenRounds(a, b);
    expect(trend.slope).toBeCloseTo(change.difference / 2, 12);
    expect(trend.statistic).toBeCloseTo(change.statistic, 10);
    expect(trend.pValue).toBeCloseTo(change.pValue, 10);
    expect(trend.lackOfFit.pValue).toBeNull();
  });

  it('recovers a straight line exactly and weighs rounds by their precision', () => {
    const round = (estimate: number, variance: number): SurveyEstimate => ({
      estimate,
      variance,
      standardError: Math.sqrt(variance),
      ci: { lower: estimate, upper: estimate, level: 0.95, method: 'wald' },
      degreesOfFreedom: Number.POSITIVE_INFINITY,
      designEffect: null,
      rowsUsed: 100,
      weightSum: 100,
    });
    const line = testTrendAcrossRounds(
      [1, 2, 3, 4].map((time, r) => ({ time, estimate: round(0.1 + 0.05 * time, 1e-4 * (r + 1)) })),
    );
    expect(line.slope).toBeCloseTo(0.05, 12);
    expect(line.lackOfFit.statistic).toBeCloseTo(0, 20);
    expect(line.lackOfFit.pValue).toBeCloseTo(1, 12);
    // Hand computation (weights 1/v = 10000, 10000, 5000): t̄ = 1.8, θ̄ = 0.24,
    // Σw(t−t̄)² = 10000·0.64 + 10000·0.04 + 5000·1.44 = 14000,
    // Σw(t−t̄)(θ−θ̄) = 10000(−0.8)(−0.04) + 10000(0.2)(0.01) + 5000(1.2)(0.06) = 700.
    const bent = testTrendAcrossRounds([
      { time: 1, estimate: round(0.2, 1e-4) },
      { time: 2, estimate: round(0.25, 1e-4) },
      { time: 3, estimate: round(0.3, 2e-4) },
    ]);
    expect(bent.slope).toBeCloseTo(700 / 14000, 12);
    expect(bent.standardError).toBeCloseTo(1 / Math.sqrt(14000), 12);
    expect(bent.lackOfFit.degreesOfFreedom).toBe(1);
    expect(() => testTrendAcrossRounds([{ time: 1, estimate: round(0.2, 1e-4) }])).toThrow(
      /at least 2 rounds/,
    );
    expect(() =>
      testTrendAcrossRounds([
        { time: 1, estimate: round(0.2, 1e-4) },
        { time: 1, estimate: round(0.3, 1e-4) },
      ]),
    ).toThrow(/same time/);
  });
});
