import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  estimateNsum,
  type KnownPopulation,
  type NsumRespondent,
} from '../../../../src/analytics/estimate/nsum/index.ts';
import { describeWithReferenceData, referencePath } from '../../../support/reference-data.ts';

const HIDDEN = ['sex.workers', 'msm', 'idu', 'clients'];
const TOTAL = 10_000_000;

function readSurvey(): { respondents: NsumRespondent[]; knownPopulations: KnownPopulation[] } {
  const rows: Record<string, string>[] = parse(readFileSync(referencePath('nsum', 'example_survey.csv')), {
    columns: true,
  });
  const known: Record<string, string>[] = parse(readFileSync(referencePath('nsum', 'example_knownpop.csv')), {
    columns: true,
  });
  const meta = new Set(['id', 'cluster', 'region', 'indweight', 'sex', 'age.cat']);
  return {
    respondents: rows.map((row) => ({
      answers: Object.fromEntries(
        Object.entries(row)
          .filter(([column]) => !meta.has(column))
          .map(([column, value]) => [column, value === '' ? null : Number(value)]),
      ),
      weight: Number(row.indweight),
      cluster: row.cluster,
      stratum: row.region,
    })),
    knownPopulations: known.map((row) => ({ name: row['known.popn'], size: Number(row.size) })),
  };
}

interface HiddenReference {
  estimate: number;
  'tot.connections': number;
  'sum.d.hat': number;
  'killworth.se': number;
  'killworth.se.wgtdenom'?: number;
}
interface VariantReference {
  d_hat_summary: Record<string, number>;
  d_hat: number[];
  hidden_population_estimates: Record<
    string,
    { unweighted: HiddenReference; weighted_indweight: HiddenReference }
  >;
  internal_consistency: {
    name: string;
    'nsum.holdout.est': number;
    'known.size': number;
    'd.hat.sum': number;
    'killworth.se': number;
    err: number;
    relerr: number;
  }[];
}

const close = (actual: number, expected: number, relative = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));

// Reference: ../shared/data/nsum/reference.json, R 4.2.2 with networkreporting 0.3.1 and
// surveybootstrap 0.0.3 (kp.degree.estimator, nsum.estimator with killworth.se, and
// nsum.internal.consistency on the package's example data, N = 1e7). Deterministic: 1e-9 relative.
describeWithReferenceData('nsum', 'estimateNsum against networkreporting', () => {
  const reference = JSON.parse(readFileSync(referencePath('nsum', 'reference.json'), 'utf8')) as {
    topcoded30: VariantReference;
    raw: VariantReference;
    bootstrap_clients_weighted: { mean: number; sd: number; percentile95: [number, number] };
  };
  const survey = readSurvey();

  for (const [variant, topCode] of [
    ['topcoded30', 30],
    ['raw', null],
  ] as const) {
    const expected = reference[variant];
    const unweighted = estimateNsum({ ...survey, totalPopulation: TOTAL }, { hidden: HIDDEN, topCode });
    const weighted = estimateNsum(
      { ...survey, totalPopulation: TOTAL },
      { hidden: HIDDEN, topCode, weighted: true, internalConsistency: false },
    );

    it(`${variant}: known-population degrees equal kp.degree.estimator`, () => {
      expect(unweighted.degrees).toHaveLength(expected.d_hat.length);
      unweighted.degrees.forEach((degree, i) => {
        close(degree, expected.d_hat[i]);
      });
      for (const key of ['min', 'q1', 'median', 'mean', 'q3', 'max', 'sum'] as const)
        close(unweighted.degreeSummary[key], expected.d_hat_summary[key]);
    });

    it(`${variant}: Killworth estimates and standard errors equal nsum.estimator`, () => {
      for (const name of HIDDEN) {
        const { unweighted: plain, weighted_indweight: withWeights } =
          expected.hidden_population_estimates[name];
        close(unweighted.hidden[name].estimate, plain.estimate);
        close(unweighted.hidden[name].totalConnections, plain['tot.connections']);
        close(unweighted.hidden[name].sumDegree, plain['sum.d.hat']);
        close(unweighted.hidden[name].killworthSe, plain['killworth.se']);
        close(weighted.hidden[name].estimate, withWeights.estimate);
        close(weighted.hidden[name].totalConnections, withWeights['tot.connections']);
        close(weighted.hidden[name].sumDegree, withWeights['sum.d.hat']);
        close(weighted.hidden[name].killworthSe, withWeights['killworth.se']);
        close(weighted.hidden[name].killworthSeUnweighted, withWeights['killworth.se.wgtdenom'] as number);
      }
    });

    it(`${variant}: leave-one-out internal consistency equals nsum.internal.consistency`, () => {
      const populations = unweighted.internalConsistency?.populations ?? [];
      expect(populations.map((population) => population.name)).toEqual(
        expected.internal_consistency.map((row) => row.name),
      );
      expected.internal_consistency.forEach((row, k) => {
        close(populations[k].estimate, row['nsum.holdout.est']);
        // The package's d.hat.sum column sums every respondent's degree, also the one respondent
        // whose held-out answer (muslim) is missing; the estimate itself uses complete cases.
        close(populations[k].degreeTotalAllRespondents, row['d.hat.sum']);
        close(populations[k].killworthSe, row['killworth.se']);
        close(populations[k].error, row.err);
        close(populations[k].relativeError, row.relerr);
        expect(populations[k].knownSize).toBe(row['known.size']);
      });
    });
  }

  it('the vignette output: clients estimate 47798.44 from 1164 connections (top-coded, unweighted)', () => {
    const result = estimateNsum({ ...survey, totalPopulation: TOTAL }, { hidden: ['clients'], topCode: 30 });
    expect(result.hidden.clients.estimate).toBeCloseTo(47798.44, 2);
    expect(result.hidden.clients.totalConnections).toBe(1164);
  });

  it('rescaled bootstrap of clients (weighted) matches the package within Monte-Carlo error', () => {
    // Reference: 1000 replicates, survey.design = ~cluster + strata(region). The sd of a bootstrap
    // sd from 1000 replicates is ~2.2% of it; two independent runs differ by ~3.2% (sd), so 12% is
    // about 4 sd. The mean's Monte-Carlo sd is sd/√1000 ≈ 130; percentiles are compared within 6%.
    const expected = reference.bootstrap_clients_weighted;
    const result = estimateNsum(
      { ...survey, totalPopulation: TOTAL },
      {
        hidden: ['clients'],
        topCode: 30,
        weighted: true,
        bootstrapReplicates: 1000,
        seed: 20240101,
        internalConsistency: false,
      },
    );
    const bootstrap = result.hidden.clients.bootstrap;
    expect(bootstrap?.replicates).toBe(1000);
    expect(Math.abs((bootstrap?.sd ?? 0) - expected.sd) / expected.sd).toBeLessThan(0.12);
    expect(Math.abs((bootstrap?.mean ?? 0) - expected.mean)).toBeLessThan(
      4 * Math.SQRT2 * (expected.sd / Math.sqrt(1000)),
    );
    expect(
      Math.abs((bootstrap?.lower ?? 0) - expected.percentile95[0]) / expected.percentile95[0],
    ).toBeLessThan(0.06);
    expect(
      Math.abs((bootstrap?.upper ?? 0) - expected.percentile95[1]) / expected.percentile95[1],
    ).toBeLessThan(0.06);
  });

  it('warns about the missing muslim answer, which counts as 0 in the degrees', () => {
    const result = estimateNsum({ ...survey, totalPopulation: TOTAL }, { hidden: ['clients'] });
    expect(
      result.warnings.some((warning) =>
        warning.startsWith('1 missing answers for known population "muslim"'),
      ),
    ).toBe(true);
  });
});

describe('NSUM input checks and identities', () => {
  const known = [
    { name: 'a', size: 1000 },
    { name: 'b', size: 3000 },
  ];
  const respondents: NsumRespondent[] = [
    { answers: { a: 2, b: 6, h: 1 } },
    { answers: { a: 1, b: 3, h: 0 } },
    { answers: { a: 0, b: 4, h: 2 } },
  ];

  it('rejects negative answers, unknown columns and known populations of size 0', () => {
    expect(() =>
      estimateNsum(
        { respondents: [{ answers: { a: -1, b: 2, h: 0 } }], knownPopulations: known, totalPopulation: 1e5 },
        { hidden: ['h'] },
      ),
    ).toThrow('estimate/nsum: respondent 1 answers -1 for "a" (expected a count >= 0)');
    expect(() =>
      estimateNsum({ respondents, knownPopulations: known, totalPopulation: 1e5 }, { hidden: ['nothing'] }),
    ).toThrow('estimate/nsum: no respondent has an answer column "nothing"');
    expect(() =>
      estimateNsum(
        { respondents, knownPopulations: [{ name: 'a', size: 0 }], totalPopulation: 1e5 },
        { hidden: ['h'] },
      ),
    ).toThrow(/known population "a" has size 0/);
  });

  it('the estimate equals Σy · ΣN_k / Σ_i Σ_k y_ik (N cancels) and scales with the adjustments', () => {
    const result = estimateNsum(
      { respondents, knownPopulations: known, totalPopulation: 1e5 },
      { hidden: ['h'] },
    );
    expect(result.hidden.h.estimate).toBeCloseTo((3 * 4000) / 16, 9);
    const adjusted = estimateNsum(
      { respondents, knownPopulations: known, totalPopulation: 1e5 },
      { hidden: ['h'], degreeRatio: 0.5, transmissionRate: 0.8 },
    );
    expect(adjusted.hidden.h.estimate).toBeCloseTo(result.hidden.h.estimate / 0.4, 9);
  });

  it('multiplying all weights by a constant changes nothing (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), (factor) => {
        const weighted = respondents.map((respondent, i) => ({ ...respondent, weight: (i + 1) * factor }));
        const base = respondents.map((respondent, i) => ({ ...respondent, weight: i + 1 }));
        const a = estimateNsum(
          { respondents: weighted, knownPopulations: known, totalPopulation: 1e5 },
          {
            hidden: ['h'],
            weighted: true,
          },
        );
        const b = estimateNsum(
          { respondents: base, knownPopulations: known, totalPopulation: 1e5 },
          {
            hidden: ['h'],
            weighted: true,
          },
        );
        expect(a.hidden.h.estimate).toBeCloseTo(b.hidden.h.estimate, 8);
      }),
      { numRuns: 50 },
    );
  });
});
