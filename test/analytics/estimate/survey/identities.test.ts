import { expect, it } from 'vitest';
import {
  createSurveyDesign,
  estimateSurveyMean,
  estimateSurveyProportion,
  estimateSurveyRatio,
  estimateSurveyTotal,
} from '../../../../src/analytics/estimate/survey/index.ts';
import { describeWithReferenceData } from '../../../support/reference-data.ts';
import { apiDesign, numbers, readApi, texts } from './api-data.ts';

function close(actual: number, expected: number, tolerance = 1e-10): void {
  expect(
    Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300),
    `${actual} vs ${expected}`,
  ).toBeLessThan(tolerance);
}

describeWithReferenceData('survey', 'survey estimators: identities (two routes to one number)', () => {
  for (const name of ['stratified', 'cluster1', 'cluster2'] as const)
    it(`${name}: a domain mean by the domain estimator equals the ratio Σw·y·1[D] / Σw·1[D]`, () => {
      const { rows, design } = apiDesign(name);
      const api00 = numbers(rows, 'api00');
      const byDomain = estimateSurveyMean(design, api00, { domains: texts(rows, 'stype') }).domains ?? [];
      expect(byDomain.map((domain) => domain.domain)).toEqual(['E', 'H', 'M']);
      for (const domain of byDomain) {
        const inside = rows.map((row) => (row.stype === domain.domain ? 1 : 0));
        const ratio = estimateSurveyRatio(
          design,
          api00.map((value, i) => (value ?? 0) * inside[i]),
          inside,
        );
        close(domain.estimate, ratio.estimate);
        close(domain.standardError, ratio.standardError);
      }
    });

  it('simple random sample with fpc: total = N × mean and se(total) = N × se(mean)', () => {
    const population = readApi('apipop.csv');
    const sample = population.filter((_, index) => index % 31 === 7);
    const size = population.length;
    const design = createSurveyDesign({ finitePopulation: [sample.map(() => size)] });
    const mean = estimateSurveyMean(design, numbers(sample, 'api00'));
    const total = estimateSurveyTotal(design, numbers(sample, 'api00'));
    close(total.estimate, size * mean.estimate);
    close(total.standardError, size * mean.standardError);
    // and the textbook SRSWOR formula: se² = (1 − n/N) s² / n
    const values = numbers(sample, 'api00') as number[];
    const average = values.reduce((a, b) => a + b, 0) / values.length;
    const s2 = values.reduce((a, b) => a + (b - average) ** 2, 0) / (values.length - 1);
    close(mean.standardError, Math.sqrt(((1 - values.length / size) * s2) / values.length));
    // the design is simple random sampling, so both design effects are 1
    close(mean.designEffect ?? 0, 1);
    close(total.designEffect ?? 0, 1);
  });

  it('apistrat: weights derived from fpc equal the file weights pw = N_h/n_h (pw is stored as float32)', () => {
    const rows = readApi('apistrat.csv');
    const derived = createSurveyDesign({
      strata: texts(rows, 'stype'),
      finitePopulation: [rows.map((row) => Number(row.fpc))],
    });
    expect(derived.weightsDerivedFromPopulation).toBe(true);
    rows.forEach((row, i) => {
      close(derived.weights[i], Number(row.pw), 1e-6);
    });
  });

  it('fpc given as sampling fractions equals fpc given as population sizes', () => {
    const { rows, design } = apiDesign('stratified');
    const sampled: Record<string, number> = { E: 100, H: 50, M: 50 };
    const fractions = createSurveyDesign({
      strata: texts(rows, 'stype'),
      weights: rows.map((row) => Number(row.pw)),
      finitePopulation: [rows.map((row) => sampled[row.stype] / Number(row.fpc))],
    });
    const a = estimateSurveyMean(design, numbers(rows, 'api00'));
    const b = estimateSurveyMean(fractions, numbers(rows, 'api00'));
    close(b.standardError, a.standardError);
  });

  it('stratified: a domain that is a stratum gives what a design of that stratum alone gives', () => {
    const { rows, design } = apiDesign('stratified');
    const high = rows.filter((row) => row.stype === 'H');
    const alone = createSurveyDesign({
      weights: high.map((row) => Number(row.pw)),
      finitePopulation: [high.map((row) => Number(row.fpc))],
    });
    const domain = estimateSurveyTotal(design, numbers(rows, 'enroll'), { domains: texts(rows, 'stype') })
      .domains?.[1];
    const direct = estimateSurveyTotal(alone, numbers(high, 'enroll'));
    expect(domain?.domain).toBe('H');
    close(domain?.estimate ?? 0, direct.estimate);
    close(domain?.standardError ?? 0, direct.standardError);
  });

  it('two stages with the ultimate-cluster option equal a one-stage design on the districts', () => {
    const { rows, design } = apiDesign('cluster2');
    const ultimate = createSurveyDesign(
      {
        clusters: [texts(rows, 'dnum'), texts(rows, 'snum')],
        finitePopulation: [rows.map((row) => Number(row.fpc1)), rows.map((row) => Number(row.fpc2))],
      },
      { ultimateCluster: true },
    );
    const oneStage = createSurveyDesign({
      clusters: [texts(rows, 'dnum')],
      weights: Array.from(design.weights),
      finitePopulation: [rows.map((row) => Number(row.fpc1))],
    });
    const a = estimateSurveyMean(ultimate, numbers(rows, 'api00'));
    const b = estimateSurveyMean(oneStage, numbers(rows, 'api00'));
    close(a.standardError, b.standardError);
    // the second stage adds variance: the full two-stage se is larger
    expect(estimateSurveyMean(design, numbers(rows, 'api00')).standardError).toBeGreaterThan(a.standardError);
  });

  it('a proportion is the mean of its 0/1 indicator (estimate, se, design effect)', () => {
    const { rows, design } = apiDesign('cluster1');
    const indicator = rows.map((row) => row.awards === 'Yes');
    const share = estimateSurveyProportion(design, indicator);
    const mean = estimateSurveyMean(
      design,
      indicator.map((value) => (value ? 1 : 0)),
    );
    close(share.estimate, mean.estimate);
    close(share.standardError, mean.standardError);
    close(share.designEffect ?? 0, mean.designEffect ?? 1);
  });

  // The two-stage design's reference values are withheld from reference.json; R survey's own
  // documentation prints them (example(svydesign) / ?svytotal, dclus2 <- svydesign(id=~dnum+snum,
  // fpc=~fpc1+fpc2, data=apiclus2)): svymean(~api00) 670.81 (SE 30.099), svytotal(~enroll,
  // na.rm=TRUE) 2639273 (SE 799638). Tolerance: half a unit of the last printed digit.
  it('apiclus2 two-stage design: equals the values printed in R survey documentation', () => {
    const { rows, design } = apiDesign('cluster2');
    expect(design.degreesOfFreedom).toBe(39);
    expect(design.stages).toHaveLength(2);
    const mean = estimateSurveyMean(design, numbers(rows, 'api00'));
    expect(Math.abs(mean.estimate - 670.81)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(mean.standardError - 30.099)).toBeLessThanOrEqual(0.0005);
    const total = estimateSurveyTotal(design, numbers(rows, 'enroll'));
    expect(Math.abs(total.estimate - 2639273)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(total.standardError - 799638)).toBeLessThanOrEqual(0.5);
    expect(total.rowsMissing).toBe(6);
  });

  it('the sample mean of apipop-based designs is near the population truth (sanity)', () => {
    const population = readApi('apipop.csv');
    const truth = population.reduce((sum, row) => sum + Number(row.api00), 0) / population.length;
    for (const name of ['stratified', 'cluster1', 'cluster2'] as const) {
      const { rows, design } = apiDesign(name);
      const mean = estimateSurveyMean(design, numbers(rows, 'api00'));
      expect(Math.abs(mean.estimate - truth)).toBeLessThan(3 * mean.standardError);
    }
  });

  it("'domain' degrees of freedom count the first-stage units and strata holding the domain (R degf(subset(...)))", () => {
    const { rows, design } = apiDesign('cluster1');
    const result = estimateSurveyProportion(
      design,
      rows.map((row) => row['sch.wide'] === 'Yes'),
      { domains: texts(rows, 'stype'), degreesOfFreedom: 'domain', intervalMethod: 'beta' },
    );
    for (const domain of result.domains ?? []) {
      const districts = new Set(rows.filter((row) => row.stype === domain.domain).map((row) => row.dnum));
      expect(domain.degreesOfFreedom).toBe(districts.size - 1);
    }
    expect(result.degreesOfFreedom).toBe(14);
  });
});
