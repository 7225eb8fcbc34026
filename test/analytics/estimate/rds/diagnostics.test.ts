import { describe, expect, it } from 'vitest';
import { diagnoseRds, estimateRds, prepareRdsSample } from '../../../../src/analytics/estimate/rds/index.ts';
import { describeWithReferenceData } from '../../../support/reference-data.ts';
import { readRdsReference, readRdsSample } from './read-sample.ts';

describeWithReferenceData('rds', 'RDS diagnostics', () => {
  const respondents = readRdsSample('fauxmadrona.csv', 'disease');
  const sample = prepareRdsSample(respondents);
  const diagnostics = diagnoseRds(sample, { estimator: 'rds2' });

  it('recruitment trees partition the sample into the 10 seeds’ trees', () => {
    const trees = diagnostics.recruitmentTrees;
    expect(trees.seeds).toBe(10);
    expect(trees.trees.reduce((sum, tree) => sum + tree.size, 0)).toBe(500);
    expect(trees.respondentsByWave.reduce((sum, count) => sum + count, 0)).toBe(500);
    expect(trees.respondentsByWave[0]).toBe(10);
  });

  it('recruitment homophily is computed from the transition counts of the RDS package', () => {
    // Transition counts from ../shared/data/rds/reference.json (RDS 0.9.10 count.transitions).
    const reference = readRdsReference() as {
      estimates: { fauxmadrona: { rds_I_internals: { transition_counts: Record<string, number>[] } } };
    };
    const counts = reference.estimates.fauxmadrona.rds_I_internals.transition_counts.map((row) => [
      row['0'],
      row['1'],
    ]);
    expect(diagnostics.homophily.recruitmentCounts).toEqual(counts);
    const total = 490;
    const rows = [counts[0][0] + counts[0][1], counts[1][0] + counts[1][1]];
    const columns = [counts[0][0] + counts[1][0], counts[0][1] + counts[1][1]];
    const expected = (counts[0][0] + counts[1][1]) / ((rows[0] * columns[0] + rows[1] * columns[1]) / total);
    expect(diagnostics.homophily.recruitmentHomophily).toBeCloseTo(expected, 12);
    // fauxmadrona was simulated with homophily on disease: the recruitment homophily exceeds 1.
    expect(diagnostics.homophily.populationHomophilyByLevel['1']).toBeGreaterThan(1);
  });

  it('the estimate on all waves equals the full estimate (convergence identity)', () => {
    const last = diagnostics.convergence.cumulativeByWave.at(-1);
    const full = estimateRds(respondents, { estimator: 'rds2' });
    expect(last?.respondents).toBe(500);
    expect(last?.estimates[1]).toBeCloseTo(full.levels['1'].estimate, 12);
    expect(diagnostics.convergence.cumulativeBySampleOrder.at(-1)?.estimates[1]).toBeCloseTo(
      full.levels['1'].estimate,
      12,
    );
  });

  it('bottlenecks: one estimate per seed tree and a homogeneity test', () => {
    expect(diagnostics.bottlenecks.trees).toHaveLength(10);
    const homogeneity = diagnostics.bottlenecks.homogeneity;
    expect(homogeneity?.degreesOfFreedom).toBeGreaterThan(0);
    expect(homogeneity?.pValue).toBeGreaterThanOrEqual(0);
    expect(homogeneity?.pValue).toBeLessThanOrEqual(1);
  });
});

describe('RDS diagnostics on a single tree', () => {
  it('the only tree’s estimate is the pooled estimate', () => {
    const respondents = Array.from({ length: 15 }, (_, i) => ({
      id: `r${i}`,
      recruiterId: i === 0 ? null : `r${Math.floor((i - 1) / 2)}`,
      degree: 2 + (i % 5),
      outcome: i % 3 === 0 ? 'yes' : 'no',
    }));
    const diagnostics = diagnoseRds(prepareRdsSample(respondents), { estimator: 'rds1' });
    expect(diagnostics.bottlenecks.trees).toHaveLength(1);
    diagnostics.bottlenecks.pooled.forEach((value, g) => {
      expect(diagnostics.bottlenecks.trees[0].estimates[g]).toBeCloseTo(value, 12);
    });
    expect(diagnostics.bottlenecks.homogeneity).toBeNull();
  });
});
