import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../src/analytics/common/random.ts';
import {
  bootstrapInterval,
  quantileType8,
  withoutEmptyLists,
} from '../../../../src/analytics/estimate/mse/bootstrap-interval.ts';
import { profileLikelihoodInterval } from '../../../../src/analytics/estimate/mse/profile-likelihood-interval.ts';
import { stepwiseEstimator } from '../../../../src/analytics/estimate/mse/select-stepwise.ts';
import { describeWithReferenceData } from '../../../support/reference-data.ts';
import { DATA_SETS, loadReference, loadTable, relativeDifference } from './reference.ts';

const reference = loadReference();

// Peer: Rcapture 1.4-4 closedpCI.t(m = "Mt"), multinomial profile likelihood with Cormack's
// correction (reference.json main.rcapture_profile_ci_95). Rcapture stops optimize/uniroot at an
// absolute tolerance of 1e-4; our search goes to 1e-7 relative: compared at 1e-6 relative.
describeWithReferenceData('mse', 'profileLikelihoodInterval against Rcapture closedpCI.t', () => {
  for (const name of DATA_SETS) {
    it(`${name}: main-effects profile interval and multinomial estimate`, () => {
      const expected = reference[name].main.rcapture_profile_ci_95;
      const interval = profileLikelihoodInterval(loadTable(name), []);
      expect(relativeDifference(interval.estimate, expected.abundance_multinomial)).toBeLessThan(1e-6);
      expect(relativeDifference(interval.lower, expected.lower)).toBeLessThan(1e-6);
      expect(relativeDifference(interval.upper ?? Number.NaN, expected.upper)).toBeLessThan(1e-6);
      expect(interval.poissonEstimate).toBeGreaterThan(interval.estimate);
    });
  }
});

// Peer: SparseMSE 2.0.1 estimatepopulation(nboot = 1000): BCa over multinomial resamples with the
// stepwise choice repeated in each. The acceleration is deterministic (jackknife) and compared at
// 1e-6 relative. The interval ends are Monte-Carlo quantities and R's random stream cannot be
// reproduced, so each end must lie within 4 standard deviations of the mean over the peer's seeded
// runs (reference `montecarlo`, 5 or 20 seeds), the s.d. combined with our own estimated
// Monte-Carlo error of that end.
describeWithReferenceData('mse', 'bootstrapInterval against SparseMSE estimatepopulation', () => {
  for (const name of ['UKdat', 'Artificial_3']) {
    it(`${name}: BCa interval within Monte-Carlo error, acceleration exact`, () => {
      const table = loadTable(name);
      const expected = reference[name].stepwise.bootstrap;
      const interval = bootstrapInterval(table, stepwiseEstimator(table), { random: createRandom(20240601) });
      expect(relativeDifference(interval.acceleration, expected.ahat)).toBeLessThan(1e-6);
      expect(relativeDifference(interval.estimate, expected.estimate)).toBeLessThan(1e-6);
      for (const end of ['lower', 'upper'] as const) {
        const peer = expected.montecarlo[end];
        const spread = Math.hypot(peer.sd, interval.monteCarloStandardError[end]);
        expect(Math.abs(interval[end] - peer.mean)).toBeLessThan(4 * spread);
      }
      expect(interval.failedReplicates).toBe(0);
      expect(interval.infiniteReplicates).toBe(
        expected.bootreps.max > 1e12 ? interval.infiniteReplicates : 0,
      );
    });
  }

  it('is reproducible for a seed and changes with it', () => {
    const table = loadTable('Artificial_3');
    const run = (seed: number) =>
      bootstrapInterval(table, stepwiseEstimator(table), { random: createRandom(seed), replicates: 200 });
    expect(run(7)).toEqual(run(7));
    expect(run(7).lower).not.toBe(run(8).lower);
  });
});

describe('bootstrap helpers', () => {
  it('quantileType8 follows Hyndman & Fan type 8: position 1/3 + p (n + 1/3), ends clamped', () => {
    const sorted = [1, 2, 4, 8, 16];
    expect(quantileType8(sorted, 0.1)).toBeCloseTo(1, 12); // position 0.867: below the first
    expect(quantileType8(sorted, 0.5)).toBeCloseTo(4, 12); // position 3
    expect(quantileType8(sorted, 0.75)).toBeCloseTo((2 / 3) * 8 + (1 / 3) * 16, 12); // position 4.333
    expect(quantileType8(sorted, 0.9)).toBeCloseTo(16, 12); // position 5.133: beyond the last
  });

  it('quantileType8 is monotone in the probability', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          const [low, high] = p < q ? [p, q] : [q, p];
          expect(quantileType8(sorted, low)).toBeLessThanOrEqual(quantileType8(sorted, high) + 1e-9);
        },
      ),
    );
  });

  it('withoutEmptyLists merges the patterns of the remaining lists', () => {
    // Lists A, B, C; B empty: patterns A (1), C (4), AC (5) → A (1), C (2), AC (3).
    const counts = new Float64Array(8);
    counts[1] = 3;
    counts[4] = 2;
    counts[5] = 1;
    const reduced = withoutEmptyLists(['A', 'B', 'C'], counts);
    expect(reduced.lists).toEqual(['A', 'C']);
    expect([...reduced.counts]).toEqual([0, 3, 2, 1]);
  });
});
