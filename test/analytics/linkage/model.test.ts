import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/analytics/common/index.ts';
import {
  clusterCoherent,
  clusterConnectedComponents,
  emptyEntityState,
  evaluateClusters,
  evaluatePairs,
  expectationMaximisation,
  precisionRecallCurve,
  reconcileEntities,
  undoEntityEvents,
} from '../../../src/analytics/linkage/index.ts';

describe('expectation-maximisation', () => {
  it('recovers m and λ of a simulated Fellegi–Sunter mixture (u fixed at the truth)', () => {
    const random = createRandom(11);
    const m = [
      [0.85, 0.1, 0.05],
      [0.9, 0.1],
      [0.7, 0.2, 0.1],
    ];
    const u = [
      [0.02, 0.08, 0.9],
      [0.1, 0.9],
      [0.05, 0.15, 0.8],
    ];
    const lambda = 0.15;
    const pairs = 40_000;
    const levels = new Uint8Array(pairs * 3);
    for (let p = 0; p < pairs; p++) {
      const match = random.bernoulli(lambda);
      for (let c = 0; c < 3; c++) levels[p * 3 + c] = random.categorical(match ? m[c] : u[c]);
    }
    const result = expectationMaximisation({
      levels,
      comparisons: 3,
      m: m
        .map((row) => row.map(() => 1 / row.length))
        .map((row) => row.map((value, l) => (l === 0 ? value + 0.3 : value))),
      u,
      active: [true, true, true],
    });
    expect(result.converged).toBe(true);
    // Monte-Carlo error of a share from ~6,000 matches is about 0.005; 0.02 allows four of them.
    expect(Math.abs(result.matchProbability - lambda)).toBeLessThan(0.02);
    for (let c = 0; c < 3; c++)
      for (let l = 0; l < m[c].length; l++) expect(Math.abs(result.m[c][l] - m[c][l])).toBeLessThan(0.03);
  });

  it('with estimateU, finds the matches of a block whose non-matches agree more than random pairs do', () => {
    const random = createRandom(12);
    const C = 5;
    const m = Array.from({ length: C }, () => [0.9, 0.1]);
    // Inside the block non-matches agree a third of the time on every comparison; random pairs rarely do.
    const blockU = Array.from({ length: C }, () => [0.3, 0.7]);
    const randomU = Array.from({ length: C }, () => [0.02, 0.98]);
    const lambda = 0.2;
    const pairs = 40_000;
    const levels = new Uint8Array(pairs * C);
    for (let p = 0; p < pairs; p++) {
      const match = random.bernoulli(lambda);
      for (let c = 0; c < C; c++) levels[p * C + c] = random.categorical(match ? m[c] : blockU[c]);
    }
    const input = {
      levels,
      comparisons: C,
      m: m.map(() => [0.7, 0.3]),
      u: randomU,
      active: m.map(() => true),
    };
    const fixed = expectationMaximisation(input);
    const estimated = expectationMaximisation(input, { estimateU: true });
    expect(fixed.matchProbability).toBeGreaterThan(0.3);
    expect(Math.abs(estimated.matchProbability - lambda)).toBeLessThan(0.02);
    for (let c = 0; c < C; c++) {
      expect(Math.abs(estimated.m[c][0] - m[c][0])).toBeLessThan(0.03);
      expect(Math.abs(estimated.u[c][0] - blockU[c][0])).toBeLessThan(0.03);
    }
    expect(input.u[0][0]).toBe(0.02);
  });

  it('leaves inactive comparisons and missing levels out of the likelihood', () => {
    const levels = Uint8Array.from([0, 255, 0, 1, 1, 255, 1, 0]);
    const start = [
      [0.8, 0.2],
      [0.7, 0.3],
    ];
    const result = expectationMaximisation({
      levels,
      comparisons: 2,
      m: start,
      u: [
        [0.1, 0.9],
        [0.2, 0.8],
      ],
      active: [true, false],
    });
    expect(result.m[1]).toEqual(start[1]);
    expect(result.patterns).toBe(2);
  });
});

describe('clustering', () => {
  // Records 0–1 and 1–2 strongly linked, 0–2 strongly unlike: a weak bridge through record 1.
  const links = { left: [0, 1, 0, 3], right: [1, 2, 2, 4], probability: [0.99, 0.98, 0.01, 0.9], count: 4 };

  it('connected components chain through the bridge', () => {
    const { cluster, clusterCount } = clusterConnectedComponents(5, links, 0.5);
    expect(Array.from(cluster)).toEqual([0, 0, 0, 3, 3]);
    expect(clusterCount).toBe(2);
  });

  it('the coherent method refuses the weak bridge and says why', () => {
    const result = clusterCoherent(5, links, { threshold: 0.5, coherence: 0.6 });
    expect(Array.from(result.cluster)).toEqual([0, 0, 2, 3, 3]);
    expect(result.refused).toHaveLength(1);
    expect(result.refused[0]).toMatchObject({ left: 1, right: 2, reason: 'weak bridge' });
    expect(result.refused[0].coherence).toBeCloseTo((0.98 + 0.01) / 2, 12);
    const scoreOf = new Map(result.scores.map((score) => [score.cluster, score]));
    expect(scoreOf.get(0)).toMatchObject({ size: 2, coherence: 0.99, weakestLink: 0.99 });
    expect(scoreOf.get(2)).toMatchObject({ size: 1, coherence: 1 });
  });

  it('keeps one record per source when asked (one-to-one linkage)', () => {
    const pairLinks = { left: [0, 0], right: [2, 3], probability: [0.9, 0.8], count: 2 };
    const result = clusterCoherent(4, pairLinks, { sources: [0, 0, 1, 1], oneRecordPerSource: true });
    expect(Array.from(result.cluster)).toEqual([0, 1, 0, 3]);
    expect(result.refused[0].reason).toBe('same source');
  });
});

describe('evaluation', () => {
  // Truth {0,1,2},{3,4}; clusters {0,1},{2,3,4}. Hand count: true pairs 3 + 1 = 4; predicted pairs
  // 1 + 3 = 4; true positives (0,1),(3,4) = 2, so pairwise precision = recall = 0.5.
  // B-cubed precision = (1 + 1 + 1/3 + 2/3 + 2/3)/5 = 11/15; recall = (2/3 + 2/3 + 1/3 + 1 + 1)/5 = 11/15.
  const truth = ['a', 'a', 'a', 'b', 'b'];
  const cluster = [0, 0, 2, 2, 2];

  it('scores clusters pairwise and by B-cubed (hand computed)', () => {
    const scores = evaluateClusters(cluster, truth);
    expect(scores.pairwise).toMatchObject({
      truePositives: 2,
      falsePositives: 2,
      falseNegatives: 2,
      precision: 0.5,
      recall: 0.5,
    });
    expect(scores.bCubed.precision).toBeCloseTo(11 / 15, 12);
    expect(scores.bCubed.recall).toBeCloseTo(11 / 15, 12);
    expect(scores.clusters).toBe(2);
    expect(scores.entities).toBe(2);
  });

  it('perfect clusters score 1 (identity)', () => {
    const scores = evaluateClusters([0, 0, 0, 3, 3], truth);
    expect(scores.pairwise.f1).toBe(1);
    expect(scores.bCubed.f1).toBe(1);
  });

  it('counts only cross-source pairs when linking', () => {
    const sources = [0, 0, 1, 1, 1];
    const predicted = { left: [0, 0, 3], right: [2, 1, 4], count: 3 };
    const score = evaluatePairs(predicted, truth, { linkType: 'link', sources });
    // cross-source true pairs: (0,2),(1,2) = 2; pairs (0,1) and (3,4) are same-source and ignored.
    expect(score).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 1 });
  });

  it('the precision–recall curve ends at the scores of all pairs', () => {
    const scored = {
      left: [0, 1, 0, 3, 2],
      right: [1, 2, 2, 4, 3],
      probability: [0.9, 0.8, 0.3, 0.7, 0.6],
      count: 5,
    };
    const curve = precisionRecallCurve(scored, truth);
    expect(curve.map((point) => point.threshold)).toEqual([0.9, 0.8, 0.7, 0.6, 0.3]);
    const last = curve[curve.length - 1];
    const all = evaluatePairs(scored, truth);
    expect(last.precision).toBe(all.precision);
    expect(last.recall).toBe(all.recall);
    expect(curve[0]).toMatchObject({ truePositives: 1, falsePositives: 0, precision: 1, recall: 0.25 });
  });
});

describe('incremental entity ids', () => {
  it('keeps ids on a re-run, adds, merges, splits, logs reasons and undoes', () => {
    const first = reconcileEntities(emptyEntityState(), ['r1', 'r2', 'r3'], [0, 0, 2]);
    expect(first.state.entityOf).toEqual({ r1: 'E1', r2: 'E1', r3: 'E2' });
    expect(first.events.map((event) => event.type)).toEqual(['create', 'create']);

    const again = reconcileEntities(first.state, ['r1', 'r2', 'r3'], [5, 5, 9]);
    expect(again.events).toEqual([]);
    expect(again.state).toEqual(first.state);

    const links = [{ left: 'r4', right: 'r3', probability: 0.97 }];
    const added = reconcileEntities(first.state, ['r1', 'r2', 'r3', 'r4'], [0, 0, 2, 2], { links });
    expect(added.state.entityOf.r4).toBe('E2');
    expect(added.events).toHaveLength(1);
    expect(added.events[0]).toMatchObject({ type: 'add', entity: 'E2', records: ['r4'] });
    expect(added.events[0].reason).toContain('0.9700');

    const merged = reconcileEntities(added.state, ['r1', 'r2', 'r3', 'r4'], [0, 0, 0, 0], {
      links: [{ left: 'r2', right: 'r3', probability: 0.91 }],
    });
    expect(Object.values(merged.state.entityOf)).toEqual(['E1', 'E1', 'E1', 'E1']);
    expect(merged.events[0]).toMatchObject({ type: 'merge', entity: 'E1', from: ['E2'] });

    const split = reconcileEntities(merged.state, ['r1', 'r2', 'r3', 'r4'], [0, 0, 2, 2], {
      reason: 'analyst rejected r2–r3',
    });
    expect(split.state.entityOf).toEqual({ r1: 'E1', r2: 'E1', r3: 'E3', r4: 'E3' });
    expect(split.events[0]).toMatchObject({
      type: 'split',
      entity: 'E3',
      from: ['E1'],
      reason: 'analyst rejected r2–r3',
    });

    expect(undoEntityEvents(split.state, split.events).entityOf).toEqual(merged.state.entityOf);
    expect(undoEntityEvents(merged.state, merged.events).entityOf).toEqual(added.state.entityOf);
  });
});
