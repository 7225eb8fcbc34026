import { expect, it } from 'vitest';
import { createRandom } from '../../../../src/analytics/common/random.ts';
import { estimatePopulation } from '../../../../src/analytics/estimate/mse/estimate-population.ts';
import { createPatternTable } from '../../../../src/analytics/estimate/mse/pattern-table.ts';
import { describeWithReferenceData } from '../../../support/reference-data.ts';
import { loadReference, loadTable, pairSet, relativeDifference } from './reference.ts';

const reference = loadReference();

describeWithReferenceData('mse', 'estimatePopulation', () => {
  it('BIC with the profile interval and the sensitivity views on UKdat_5', () => {
    const table = loadTable('UKdat_5');
    const result = estimatePopulation(table, {
      method: 'bic',
      random: createRandom(1),
      sensitivity: true,
      sensitivityReplicates: 30,
    });
    const expected = reference.UKdat_5.search.BIC;
    expect(relativeDifference(result.estimate, expected.estimate)).toBeLessThan(1e-6);
    expect(pairSet(result.model.interactions)).toEqual(pairSet(expected.interactions));
    expect(result.ci.method).toBe('profile-likelihood');
    expect(result.ci.lower).toBeLessThan(result.estimate);
    expect(result.ci.upper ?? 0).toBeGreaterThan(result.estimate);
    // The BIC margin is below 2 on UKdat_5 (0.96): the result must say so.
    expect(result.warnings.some((warning) => warning.includes('runner-up'))).toBe(true);
    const sensitivity = result.sensitivity!;
    // Identity: the best model of the BIC panel is the chosen model, with delta 0.
    expect(sensitivity.panel.bic.models[0].delta).toBe(0);
    expect(relativeDifference(sensitivity.panel.bic.models[0].estimate, result.estimate)).toBeLessThan(1e-9);
    expect(sensitivity.panel.bic.estimateRange.min).toBeLessThanOrEqual(result.estimate);
    expect(sensitivity.panel.bic.estimateRange.max).toBeGreaterThanOrEqual(result.estimate);
    for (const model of sensitivity.panel.aic.models) expect(model.delta).toBeLessThanOrEqual(2);
    expect(sensitivity.leaveOneListOut.map((row) => row.omitted)).toEqual(table.lists);
    for (const row of sensitivity.leaveOneListOut) expect(row.observed).toBeLessThanOrEqual(table.observed);
    expect(sensitivity.modelChoiceBootstrap?.replicates).toBe(30);
    expect(sensitivity.modelChoiceBootstrap?.lower).toBeLessThan(
      sensitivity.modelChoiceBootstrap?.upper ?? 0,
    );
  });

  it('stepwise on Ned reports the −∞ pairs of the model', () => {
    const table = loadTable('Ned');
    const result = estimatePopulation(table, { interval: 'profile' });
    expect(relativeDifference(result.estimate, reference.Ned.stepwise.estimate)).toBeLessThan(1e-6);
    expect(pairSet(result.model.minusInfinityInteractions)).toEqual(
      pairSet([
        ['I', 'K'],
        ['K', 'R'],
      ]),
    );
    expect(result.warnings.some((warning) => warning.includes('−∞'))).toBe(true);
  });

  it('leave-one-list-out equals estimating the table without the list', () => {
    const table = loadTable('Artificial_3');
    const result = estimatePopulation(table, {
      method: 'main',
      interval: 'profile',
      sensitivity: true,
      sensitivityReplicates: 0,
      random: createRandom(2),
    });
    // Without C, lists A and B remain: Lincoln–Petersen on A (46) and B (36) with overlap m.
    const ab = table.counts[3] + table.counts[7];
    const withoutC = result.sensitivity!.leaveOneListOut.find((row) => row.omitted === 'C')!;
    const stepwiseOnAB = (46 * 36) / ab;
    expect(withoutC.estimate).toBeCloseTo(stepwiseOnAB, 6);
  });

  it('refuses the bootstrap without a seeded generator', () => {
    expect(() => estimatePopulation(loadTable('Artificial_3'))).toThrow(/seeded random generator/);
  });
});

it('names why a table cannot be estimated and never returns NaN', () => {
  // List A holds every case: the main-effects MLE does not exist.
  const nested = createPatternTable(
    ['A', 'B'],
    [
      { pattern: [1, 0], count: 5 },
      { pattern: [1, 1], count: 3 },
    ],
  );
  expect(() => estimatePopulation(nested, { random: createRandom(1) })).toThrow(
    /main-effects model fails: the maximum likelihood estimate does not exist/,
  );
  expect(() => estimatePopulation(nested, { method: 'aic' })).toThrow(
    /no model could be fitted \(2 considered/,
  );
  const latent = estimatePopulation(nested, {
    method: 'lcmcr',
    random: createRandom(1),
    latentClass: { burnIn: 100, samples: 50, thinning: 1 },
  });
  expect(Number.isFinite(latent.estimate)).toBe(true);
});

it('falls back to percentiles, with a warning, when every replicate lies on one side', () => {
  const tiny = createPatternTable(
    ['A', 'B'],
    [
      { pattern: [1, 0], count: 1 },
      { pattern: [0, 1], count: 1 },
      { pattern: [1, 1], count: 1 },
    ],
  );
  const result = estimatePopulation(tiny, { method: 'main', random: createRandom(1), replicates: 50 });
  expect(result.ci.method).toBe('bootstrap-percentile');
  expect(result.warnings.some((warning) => warning.includes('BCa is undefined'))).toBe(true);
  expect(Number.isFinite(result.ci.lower)).toBe(true);
});
