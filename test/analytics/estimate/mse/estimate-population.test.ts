import { expect, it } from 'vitest';
import { createRandom } from '../../../../src/analytics/common/random.ts';
import { estimatePopulation } from '../../../../src/analytics/estimate/mse/estimate-population.ts';
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
