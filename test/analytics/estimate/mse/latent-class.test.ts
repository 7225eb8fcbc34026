import gammaln from '@stdlib/math-base-special-gammaln';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../src/analytics/common/random.ts';
import {
  effectiveSampleSize,
  estimateLatentClass,
  gewekeZ,
  splitRHat,
} from '../../../../src/analytics/estimate/mse/latent-class.ts';
import { listTotal } from '../../../../src/analytics/estimate/mse/pattern-table.ts';
import { describeWithReferenceData } from '../../../support/reference-data.ts';
import { loadReference, loadTable } from './reference.ts';

const reference = loadReference();

// Peer: LCMCR 0.4.14 (K = 10, a = b = 0.25; 10,000 burn-in, 1,000 samples, thinning 100), posterior
// summaries over 5 seeds (reference.json lcmcr). Here a shorter chain (2,000 burn-in, 1,000 samples,
// thinning 10) to keep the tests fast, so the tolerance is 4 × the combined Monte-Carlo error: the
// peer's s.d. over seeds and ours (posterior s.d. / √ESS × 1.25 for the median, × 2.5 for the 2.5%
// and 97.5% quantiles, the usual inflation for quantiles of a unimodal posterior).
describeWithReferenceData('mse', 'estimateLatentClass against LCMCR', () => {
  it('Artificial_3: posterior median and 95% interval', () => {
    const table = loadTable('Artificial_3');
    const expected = reference.Artificial_3.lcmcr;
    const result = estimateLatentClass(table, {
      random: createRandom(3),
      burnIn: 2000,
      samples: 1000,
      thinning: 10,
    });
    const error = result.standardDeviation / Math.sqrt(result.diagnostics.effectiveSampleSize);
    expect(Math.abs(result.median - expected.median.mean)).toBeLessThan(
      4 * Math.hypot(expected.median.sd, 1.25 * error),
    );
    expect(Math.abs(result.lower - expected.lower.mean)).toBeLessThan(
      4 * Math.hypot(expected.lower.sd, 2.5 * error),
    );
    expect(Math.abs(result.upper - expected.upper.mean)).toBeLessThan(
      4 * Math.hypot(expected.upper.sd, 2.5 * error),
    );
    expect(result.diagnostics.splitRHat).toBeLessThan(1.1);
    expect(result.samples).toBe(1000);
  });

  it('with one class it samples the exact posterior of model Mt (uniform λ, prior 1/N)', () => {
    // p(N | data) ∝ (1/N) N!/(N − n)! Π_j B(1 + n_j, 1 + N − n_j): computed on a grid of N.
    const table = loadTable('Artificial_3');
    const totals = table.lists.map((_, list) => listTotal(table.counts, list));
    const n = table.observed;
    const logPosterior: number[] = [];
    for (let N = n; N < 40 * n; N++) {
      let value = -Math.log(N) + gammaln(N + 1) - gammaln(N - n + 1);
      for (const x of totals) value += gammaln(1 + x) + gammaln(1 + N - x) - gammaln(2 + N);
      logPosterior.push(value);
    }
    const top = Math.max(...logPosterior);
    const weights = logPosterior.map((value) => Math.exp(value - top));
    const total = weights.reduce((sum, value) => sum + value, 0);
    let cumulative = 0;
    let exactMedian = 0;
    for (let index = 0; index < weights.length && cumulative < 0.5; index++) {
      cumulative += weights[index] / total;
      exactMedian = n + index;
    }
    const result = estimateLatentClass(table, {
      random: createRandom(4),
      classes: 1,
      burnIn: 500,
      samples: 4000,
      thinning: 1,
    });
    const error = result.standardDeviation / Math.sqrt(result.diagnostics.effectiveSampleSize);
    expect(Math.abs(result.median - exactMedian)).toBeLessThan(4 * 1.25 * error);
  });

  it('is reproducible for a seed', () => {
    const table = loadTable('Artificial_3');
    const run = () =>
      estimateLatentClass(table, { random: createRandom(8), burnIn: 100, samples: 50, thinning: 2 });
    expect(run()).toEqual(run());
  });
});

describe('chain diagnostics', () => {
  it('an independent chain has ESS near its length, R-hat near 1 and a small Geweke z', () => {
    const random = createRandom(42);
    const chain = Array.from({ length: 4000 }, () => random.normal());
    expect(effectiveSampleSize(chain)).toBeGreaterThan(3000);
    expect(splitRHat(chain)).toBeLessThan(1.01);
    expect(Math.abs(gewekeZ(chain))).toBeLessThan(3);
  });

  it('a sticky AR(1) chain has ESS near n (1 − ρ)/(1 + ρ)', () => {
    const random = createRandom(7);
    const rho = 0.9;
    const chain: number[] = [0];
    for (let t = 1; t < 20000; t++) chain.push(rho * chain[t - 1] + random.normal());
    const expected = (20000 * (1 - rho)) / (1 + rho);
    expect(effectiveSampleSize(chain)).toBeGreaterThan(0.6 * expected);
    expect(effectiveSampleSize(chain)).toBeLessThan(1.5 * expected);
  });

  it('a drifting chain fails split R-hat', () => {
    const chain = Array.from({ length: 1000 }, (_, t) => t / 100);
    expect(splitRHat(chain)).toBeGreaterThan(1.05);
  });

  it('ESS is positive and at most the chain length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 10, maxLength: 200 }),
        (chain) => {
          const ess = effectiveSampleSize(chain);
          expect(ess).toBeGreaterThan(0);
          expect(ess).toBeLessThanOrEqual(chain.length + 1e-9);
        },
      ),
    );
  });
});
