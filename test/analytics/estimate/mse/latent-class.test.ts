import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../src/analytics/common/random.ts';
import {
  effectiveSampleSize,
  estimateLatentClass,
  gewekeZ,
  splitRHat,
} from '../../../../src/analytics/estimate/mse/latent-class.ts';
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
