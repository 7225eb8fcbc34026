import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSurveyDesign,
  estimateSurveyMean,
  estimateSurveyProportion,
  estimateSurveyRatio,
  estimateSurveyTotal,
  type SurveyDesignInput,
} from '../../../../src/analytics/estimate/survey/index.ts';

interface Sample {
  input: SurveyDesignInput;
  values: number[];
  positive: number[];
  indicator: boolean[];
  domains: string[];
}

/** Random stratified two-stage samples: 1–3 strata, 2–4 clusters each, 1–4 rows per cluster. */
const samples = fc
  .array(
    fc.array(
      fc.array(
        fc.record({
          weight: fc.double({ min: 1, max: 50, noNaN: true }),
          value: fc.integer({ min: -50, max: 500 }),
          positive: fc.integer({ min: 1, max: 100 }),
          flag: fc.boolean(),
          domain: fc.constantFrom('a', 'b'),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      { minLength: 2, maxLength: 4 },
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((strata): Sample => {
    const strataLabels: string[] = [];
    const clusters: string[] = [];
    const weights: number[] = [];
    const values: number[] = [];
    const positive: number[] = [];
    const indicator: boolean[] = [];
    const domains: string[] = [];
    strata.forEach((units, h) => {
      units.forEach((rows, u) => {
        for (const row of rows) {
          strataLabels.push(`s${h}`);
          clusters.push(`c${u}`);
          weights.push(row.weight);
          values.push(row.value);
          positive.push(row.positive);
          indicator.push(row.flag);
          domains.push(row.domain);
        }
      });
    });
    return {
      input: { strata: strataLabels, clusters: [clusters], weights },
      values,
      positive,
      indicator,
      domains,
    };
  });

function near(a: number, b: number, tolerance = 1e-9): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('survey estimators: properties', () => {
  it('scaling every weight by a constant leaves means, ratios and proportions unchanged and scales totals', () => {
    fc.assert(
      fc.property(samples, fc.double({ min: 0.01, max: 1000, noNaN: true }), (sample, factor) => {
        const design = createSurveyDesign(sample.input);
        const scaled = createSurveyDesign({
          ...sample.input,
          weights: sample.input.weights?.map((weight) => weight * factor),
        });
        const mean = [estimateSurveyMean(design, sample.values), estimateSurveyMean(scaled, sample.values)];
        const ratio = [
          estimateSurveyRatio(design, sample.values, sample.positive),
          estimateSurveyRatio(scaled, sample.values, sample.positive),
        ];
        const share = [
          estimateSurveyProportion(design, sample.indicator),
          estimateSurveyProportion(scaled, sample.indicator),
        ];
        const total = [
          estimateSurveyTotal(design, sample.values),
          estimateSurveyTotal(scaled, sample.values),
        ];
        return (
          [mean, ratio, share].every(
            ([a, b]) => near(a.estimate, b.estimate) && near(a.standardError, b.standardError, 1e-7),
          ) &&
          near(total[1].estimate, factor * total[0].estimate) &&
          near(total[1].standardError, factor * total[0].standardError, 1e-7)
        );
      }),
      { numRuns: 150 },
    );
  });

  it('every interval contains its estimate, and proportion intervals stay in [0, 1]', () => {
    fc.assert(
      fc.property(
        samples,
        fc.constantFrom('wald', 'logit', 'beta', 'asin', 'likelihood' as const),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (sample, intervalMethod, level) => {
          const design = createSurveyDesign(sample.input);
          if (design.degreesOfFreedom < 1) return true;
          const share = estimateSurveyProportion(design, sample.indicator, {
            intervalMethod,
            level,
            domains: sample.domains,
          });
          const mean = estimateSurveyMean(design, sample.values, { level, domains: sample.domains });
          const all = [share, ...(share.domains ?? []), mean, ...(mean.domains ?? [])];
          const contains = all.every(
            (estimate) =>
              estimate.ci.lower <= estimate.estimate + 1e-12 &&
              estimate.estimate <= estimate.ci.upper + 1e-12,
          );
          const bounded = [share, ...(share.domains ?? [])].every(
            (estimate) =>
              estimate.ci.lower >= 0 && estimate.ci.upper <= 1 && Number.isFinite(estimate.ci.lower),
          );
          return contains && bounded;
        },
      ),
      { numRuns: 150 },
    );
  });

  it('shifting a variable by a constant shifts its mean and leaves the se unchanged; row order does not matter', () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: -1000, max: 1000 }), (sample, shift) => {
        const design = createSurveyDesign(sample.input);
        const base = estimateSurveyMean(design, sample.values);
        const shifted = estimateSurveyMean(
          design,
          sample.values.map((value) => value + shift),
        );
        const order = sample.values.map((_, i) => i).reverse();
        const reversed = createSurveyDesign({
          strata: order.map((i) => sample.input.strata?.[i] ?? ''),
          clusters: [order.map((i) => sample.input.clusters?.[0][i] ?? '')],
          weights: order.map((i) => sample.input.weights?.[i] ?? 0),
        });
        const again = estimateSurveyMean(
          reversed,
          order.map((i) => sample.values[i]),
        );
        return (
          near(shifted.estimate, base.estimate + shift, 1e-9) &&
          near(shifted.standardError, base.standardError, 1e-6) &&
          near(again.estimate, base.estimate) &&
          near(again.standardError, base.standardError, 1e-7)
        );
      }),
      { numRuns: 150 },
    );
  });

  it('domain totals add up to the overall total', () => {
    fc.assert(
      fc.property(samples, (sample) => {
        const design = createSurveyDesign(sample.input);
        const total = estimateSurveyTotal(design, sample.values, { domains: sample.domains });
        const sum = (total.domains ?? []).reduce((acc, domain) => acc + domain.estimate, 0);
        return near(sum, total.estimate, 1e-9) && total.variance >= 0;
      }),
      { numRuns: 150 },
    );
  });
});

describe('survey estimators: bad input is refused with a clear message', () => {
  it('names the problem', () => {
    expect(() => createSurveyDesign({})).toThrow(/estimate\/survey\/design: give weights/);
    expect(() => createSurveyDesign({ weights: [1, Number.NaN] })).toThrow(/weight is missing.*row 2/);
    expect(() => createSurveyDesign({ strata: ['a', ''], weights: [1, 2] })).toThrow(
      /strata is missing.*row 2/,
    );
    expect(() => createSurveyDesign({ finitePopulation: [[10, 0.5]] })).toThrow(/all population sizes/);
    expect(() =>
      createSurveyDesign({ finitePopulation: [[1, 1, 1]], clusters: [['a', 'b', 'c']] }),
    ).not.toThrow();
    expect(() => createSurveyDesign({ strata: ['a', 'a', 'b'], finitePopulation: [[10, 10, 10]] })).toThrow(
      /stratum b has only one sampled unit/,
    );
    expect(() => createSurveyDesign({ strata: ['a', 'a'], finitePopulation: [[10, 11]] })).toThrow(
      /varies within stratum a/,
    );
    expect(() => createSurveyDesign({ finitePopulation: [[1.5, 1.5, 1.5]] })).toThrow(
      /more than 100% sampling/,
    );
    const design = createSurveyDesign({ weights: [1, 2, 3] });
    expect(() => estimateSurveyMean(design, [null, null, null])).toThrow(/mean: the sample has no rows/);
    expect(() => estimateSurveyMean(design, [1, 2])).toThrow(/values has 2 values, the design 3 rows/);
    expect(() => estimateSurveyRatio(design, [1, 2, 3], [0, 0, 0])).toThrow(/denominator total is zero/);
    expect(() => createSurveyDesign({ clusters: [['a', 'a']], weights: [1, 1] })).toThrow(
      /stratum \(all\) has only one sampled unit at stage 1/,
    );
    const single = createSurveyDesign({ clusters: [['a', 'a']], weights: [1, 1] }, { lonelyUnit: 'remove' });
    expect(() => estimateSurveyMean(single, [1, 2])).toThrow(/0 degrees of freedom/);
    expect(
      estimateSurveyMean(single, [1, 2], { degreesOfFreedom: Number.POSITIVE_INFINITY }).standardError,
    ).toBe(0);
  });
});
