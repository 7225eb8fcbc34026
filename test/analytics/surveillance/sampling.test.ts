import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/analytics/common/random.ts';
import {
  allocateSample,
  buildTimeSlotFrame,
  computeDesignWeights,
  isoWeekOf,
  planSystematicSampling,
  planTimeLocationSampling,
  type SelectionRecord,
  stratumId,
} from '../../../src/analytics/surveillance/index.ts';

const strata = [
  { id: stratumId('poipet', '2024-W05'), site: 'poipet', week: '2024-W05', expectedCount: 1200 },
  { id: stratumId('poipet', '2024-W06'), site: 'poipet', week: '2024-W06', expectedCount: 600 },
  { id: stratumId('poipet', '2024-W07'), site: 'poipet', week: '2024-W07', expectedCount: 200 },
];

describe('stratification and allocation', () => {
  it('gives ISO weeks as Python datetime.isocalendar does', () => {
    // Source: Python 3 date.isocalendar() for each date.
    expect(isoWeekOf('2024-01-01')).toBe('2024-W01');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
  });

  it('allocates proportionally (Cochran 5.5) and equally, summing to the total', () => {
    expect(allocateSample(strata, { totalSampleSize: 400 }).map((s) => s.sampleSize)).toEqual([240, 120, 40]);
    expect(
      allocateSample(strata, { totalSampleSize: 400, allocation: 'equal' }).map((s) => s.sampleSize),
    ).toEqual([134, 133, 133]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        (sizes, extra) => {
          const input = sizes.map((size, index) => ({
            id: `s${index}`,
            site: 's',
            week: `w${index}`,
            expectedCount: size,
          }));
          const capacity = sizes.reduce((a, b) => a + b, 0);
          const total = Math.min(capacity, sizes.length + extra);
          const allocated = allocateSample(input, { totalSampleSize: total });
          return (
            allocated.reduce((sum, item) => sum + item.sampleSize, 0) === total &&
            allocated.every((item) => item.sampleSize >= 1 && item.sampleSize <= item.expectedCount)
          );
        },
      ),
    );
  });
});

describe('systematic selection', () => {
  const allocated = allocateSample(strata, { totalSampleSize: 400 });

  it('draws every k-th arrival from a random start, reproducibly from the seed', () => {
    const plan = planSystematicSampling(allocated, { random: createRandom(11), seed: 11 });
    const first = plan.strata[0];
    expect(first.interval).toBe(5);
    expect(first.selectionProbability).toBeCloseTo(0.2, 15);
    expect(first.randomStart).toBeGreaterThanOrEqual(1);
    expect(first.randomStart).toBeLessThanOrEqual(5);
    expect(first.selectedArrivals.slice(0, 3)).toEqual([
      first.randomStart,
      first.randomStart + 5,
      first.randomStart + 10,
    ]);
    expect(planSystematicSampling(allocated, { random: createRandom(11) }).strata).toEqual(plan.strata);
  });

  it('selects each arrival with probability 1/k over random starts', () => {
    const hits = new Array<number>(20).fill(0);
    const runs = 5000;
    const random = createRandom(3);
    for (let run = 0; run < runs; run++) {
      const plan = planSystematicSampling([{ ...allocated[2], expectedCount: 20, sampleSize: 4 }], {
        random,
      });
      for (const arrival of plan.strata[0].selectedArrivals) if (arrival <= 20) hits[arrival - 1]++;
    }
    // Binomial(5000, 0.2): sd ≈ 28; 5 sd tolerance.
    for (const count of hits)
      expect(Math.abs(count - runs / 5)).toBeLessThan(5 * Math.sqrt(runs * 0.2 * 0.8));
  });
});

describe('design weights from the plan and official counts', () => {
  it('spreads the official count over respondents after non-eligibility, refusals and replacements', () => {
    const plan = planSystematicSampling([{ ...strata[2], sampleSize: 50 }], { random: createRandom(1) });
    const id = strata[2].id;
    const records: SelectionRecord[] = [];
    for (let i = 0; i < 50; i++) {
      const outcome = i < 5 ? 'not_eligible' : i < 15 ? 'refused' : 'completed';
      records.push({ stratum: id, outcome, interviewId: outcome === 'completed' ? `o${i}` : null });
    }
    for (let i = 0; i < 8; i++)
      records.push({ stratum: id, outcome: 'completed', replacement: true, interviewId: `r${i}` });
    records.push({ stratum: id, outcome: 'refused', replacement: true });
    const result = computeDesignWeights(plan, records, { official: [{ stratum: id, count: 210 }] });
    // 45 of 50 originals eligible; 35 + 8 = 43 respondents: w = 210 × 0.9 / 43.
    expect(result.interviews).toHaveLength(43);
    expect(result.interviews[0].weight).toBeCloseTo((210 * 0.9) / 43, 12);
    expect(result.interviews[0].designWeight).toBe(4);
    expect(result.strata[0]).toMatchObject({
      selected: 50,
      replacements: 9,
      completed: 43,
      refused: 11,
      notEligible: 5,
    });
    expect(result.strata[0].responseRate).toBeCloseTo(35 / 45, 12);
    expect(result.strata[0].weightSum).toBeCloseTo(210 * 0.9, 10);
    expect(result.designColumns.finitePopulation[0][0]).toBe(210);
    expect(result.warnings).toEqual([]);
  });

  it('refuses weights without the official count, and completed interviews without an id', () => {
    const plan = planSystematicSampling([{ ...strata[2], sampleSize: 50 }], { random: createRandom(1) });
    const record: SelectionRecord = { stratum: strata[2].id, outcome: 'completed', interviewId: 'a' };
    expect(() => computeDesignWeights(plan, [record])).toThrow(/has no official count/);
    expect(() => computeDesignWeights(plan, [{ ...record, interviewId: null }], { official: [] })).toThrow(
      /surveillance\/design-weights: selection 1: a completed interview needs an interviewId/,
    );
  });

  it('estimates a stratified prevalence without bias under random refusals (simulation)', () => {
    const random = createRandom(2024);
    const truth = [0.3, 0.1, 0.5];
    const sizes = [1200, 600, 200];
    const population = sizes.map((size, h) => Array.from({ length: size }, () => random.bernoulli(truth[h])));
    const trueShare = population.flat().filter(Boolean).length / 2000;
    const allocated = allocateSample(strata, { totalSampleSize: 200 });
    let sum = 0;
    const runs = 300;
    for (let run = 0; run < runs; run++) {
      const plan = planSystematicSampling(allocated, { random });
      const records: SelectionRecord[] = [];
      const outcomes = new Map<string, boolean>();
      plan.strata.forEach((stratumPlan, h) => {
        for (const arrival of stratumPlan.selectedArrivals) {
          if (arrival > sizes[h]) break;
          const refused = random.bernoulli(0.2);
          const interviewId = `${h}-${arrival}`;
          records.push({
            stratum: stratumPlan.stratum,
            outcome: refused ? 'refused' : 'completed',
            interviewId,
          });
          outcomes.set(interviewId, population[h][arrival - 1]);
        }
      });
      const weights = computeDesignWeights(plan, records, {
        official: strata.map((stratum, h) => ({ stratum: stratum.id, count: sizes[h] })),
      });
      let numerator = 0;
      let denominator = 0;
      for (const item of weights.interviews) {
        numerator += item.weight * (outcomes.get(item.interviewId) ? 1 : 0);
        denominator += item.weight;
      }
      sum += numerator / denominator;
    }
    // Monte-Carlo error of the mean of 300 estimates with sd ≈ 0.03: ≈ 0.002; tolerance 0.01.
    expect(Math.abs(sum / runs - trueShare)).toBeLessThan(0.01);
  });
});

describe('time–location sampling', () => {
  const frame = buildTimeSlotFrame({
    site: 'poipet',
    locations: ['gate', 'transit-centre'],
    days: ['2024-01-29', '2024-01-30', '2024-01-31', '2024-02-05', '2024-02-06'],
    slotTimes: [
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ],
  });

  it('builds the frame by site and ISO week and draws slots without replacement', () => {
    expect(frame).toHaveLength(20);
    expect(new Set(frame.map((slot) => slot.stratum))).toEqual(
      new Set(['poipet|2024-W05', 'poipet|2024-W06']),
    );
    const plan = planTimeLocationSampling(frame, { random: createRandom(5), slotsPerStratum: 3 });
    expect(plan.schedule).toHaveLength(6);
    expect(new Set(plan.schedule.map((slot) => slot.id)).size).toBe(6);
    expect(plan.strata).toEqual([
      { stratum: 'poipet|2024-W05', slotsInFrame: 12, slotsSelected: 3 },
      { stratum: 'poipet|2024-W06', slotsInFrame: 8, slotsSelected: 3 },
    ]);
    const days = plan.schedule.map((slot) => `${slot.day} ${slot.start}`);
    expect(days).toEqual([...days].sort());
  });

  it('gives weight 1 to everyone when every slot is worked and everyone answers', () => {
    const plan = planTimeLocationSampling(frame, {
      random: createRandom(5),
      slotsPerStratum: { 'poipet|2024-W05': 12, 'poipet|2024-W06': 8 },
    });
    const records: SelectionRecord[] = [];
    const slotArrivals = plan.schedule.map((slot, index) => {
      for (let i = 0; i < 3; i++)
        records.push({
          stratum: slot.stratum,
          slot: slot.id,
          outcome: 'completed',
          interviewId: `${index}-${i}`,
        });
      return { slot: slot.id, arrivals: 3 };
    });
    const result = computeDesignWeights(plan, records, { slotArrivals });
    expect(result.interviews.every((item) => Math.abs(item.weight - 1) < 1e-12)).toBe(true);
    expect(result.designColumns.clusters?.[0]).toHaveLength(60);
  });

  it('expands slot weights by S/s and calibrates each stratum to its official count', () => {
    const plan = planTimeLocationSampling(frame, { random: createRandom(8), slotsPerStratum: 4 });
    const records: SelectionRecord[] = [];
    const slotArrivals = plan.schedule.map((slot, index) => {
      records.push({ stratum: slot.stratum, slot: slot.id, outcome: 'completed', interviewId: `${index}-a` });
      records.push({ stratum: slot.stratum, slot: slot.id, outcome: 'completed', interviewId: `${index}-b` });
      records.push({ stratum: slot.stratum, slot: slot.id, outcome: 'not_eligible' });
      records.push({ stratum: slot.stratum, slot: slot.id, outcome: 'refused' });
      return { slot: slot.id, arrivals: 10 };
    });
    const uncalibrated = computeDesignWeights(plan, records, { slotArrivals });
    const week5 = uncalibrated.strata.find((item) => item.stratum === 'poipet|2024-W05');
    // 4 of 12 slots, 10 arrivals each, 3 of 4 selected eligible, 2 respondents: Σw = 3 × 4 × 10 × 0.75.
    expect(week5?.weightSum).toBeCloseTo(3 * 4 * 10 * 0.75, 10);
    const calibrated = computeDesignWeights(plan, records, {
      slotArrivals,
      official: [{ stratum: 'poipet|2024-W05', count: 500 }],
    });
    expect(calibrated.strata.find((item) => item.stratum === 'poipet|2024-W05')?.weightSum).toBeCloseTo(
      375,
      10,
    );
  });
});
