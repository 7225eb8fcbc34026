import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsInputError } from '../../../src/analytics/common/errors.ts';
import {
  detectAberrationsEarsC,
  detectAberrationsFarringtonFlexible,
  fitQuasiPoissonGlm,
  isoDateToDay,
} from '../../../src/analytics/surveillance/index.ts';
import { describeWithReferenceData, referencePath } from '../../support/reference-data.ts';

describe('quasi-Poisson GLM identities', () => {
  it('an intercept-only fit returns the mean and the Pearson dispersion', () => {
    const y = [3, 0, 4, 7, 2, 5, 1];
    const fit = fitQuasiPoissonGlm(
      y.map(() => [1]),
      y,
    );
    const mean = y.reduce((sum, value) => sum + value, 0) / y.length;
    expect(Math.exp(fit.coefficients[0])).toBeCloseTo(mean, 10);
    const pearson = y.reduce((sum, value) => sum + (value - mean) ** 2 / mean, 0) / (y.length - 1);
    // glm.fit returns the working weights of its last step (computed before that step), so the
    // dispersion equals the Pearson statistic at the converged mean only to about 1e-6.
    expect(Math.abs(fit.dispersion - pearson)).toBeLessThan(1e-5);
    expect(fit.hatValues.reduce((sum, h) => sum + h, 0)).toBeCloseTo(1, 10);
  });

  it('integer prior weights give the same coefficients as repeated rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 3 })), {
          minLength: 4,
          maxLength: 12,
        }),
        (rows) => {
          if (rows.every(([y]) => y === 0)) return true;
          const design = rows.map((_, index) => [1, index + 1]);
          const weighted = fitQuasiPoissonGlm(
            design,
            rows.map(([y]) => y),
            rows.map(([, weight]) => weight),
          );
          const repeatedDesign: number[][] = [];
          const repeatedResponse: number[] = [];
          rows.forEach(([y, weight], index) => {
            for (let copy = 0; copy < weight; copy++) {
              repeatedDesign.push([1, index + 1]);
              repeatedResponse.push(y);
            }
          });
          const repeated = fitQuasiPoissonGlm(repeatedDesign, repeatedResponse);
          return weighted.coefficients.every(
            (value, index) => Math.abs(value - repeated.coefficients[index]) < 1e-5 * (1 + Math.abs(value)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('EARS with missing weeks and minimum counts', () => {
  it('leaves a missing week out of the baseline instead of counting it as zero', () => {
    const counts = [4, 5, null, 6, 5, 4, 5, 12];
    const result = detectAberrationsEarsC({ counts }, { method: 'C1' });
    const period = result.periods[0];
    const reported = [4, 5, 6, 5, 4, 5];
    const mean = reported.reduce((sum, value) => sum + value, 0) / reported.length;
    expect(period.baselineMean).toBeCloseTo(mean, 12);
    const asZero = detectAberrationsEarsC({ counts: counts.map((count) => count ?? 0) }, { method: 'C1' });
    expect(asZero.periods[0].baselineMean).not.toBeCloseTo(mean, 3);
  });

  it('shows a missing week as missing, with no alarm', () => {
    const counts = [4, 5, 3, 6, 5, 4, 5, null, 6];
    const result = detectAberrationsEarsC({ counts }, { method: 'C1' });
    expect(result.periods[0]).toMatchObject({ t: 8, observed: null, alarm: null });
    expect(result.periods[0].upperbound).not.toBeNull();
    expect(result.diagnostics.missingPeriods).toBe(1);
  });

  it('gives no threshold when fewer than the required weeks were reported', () => {
    const counts = [null, null, null, null, null, 4, 5, 9];
    const result = detectAberrationsEarsC({ counts }, { method: 'C1' });
    expect(result.periods[0]).toMatchObject({ upperbound: null, alarm: null });
    expect(result.periods[0].note).toMatch(/too few reported periods/);
  });

  it('holds back alarms below the minimum count', () => {
    const counts = [0, 0, 1, 0, 0, 0, 1, 2];
    const plain = detectAberrationsEarsC({ counts }, { method: 'C1' });
    expect(plain.periods[0].alarm).toBe(true);
    const guarded = detectAberrationsEarsC({ counts }, { method: 'C1', minimumCount: 3 });
    expect(guarded.periods[0]).toMatchObject({ alarm: false, belowMinimumCount: true });
  });

  it('alarms exactly when the count exceeds the upperbound (C1, C2, package C3)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 40 }), { nil: null, freq: 8 }), {
          minLength: 14,
          maxLength: 40,
        }),
        fc.constantFrom('C1' as const, 'C2' as const, 'C3' as const),
        (counts, method) => {
          const result = detectAberrationsEarsC({ counts }, { method });
          return result.periods.every((period) => {
            if (period.alarm === null) return period.observed === null || period.upperbound === null;
            return period.alarm === (period.observed as number) > (period.upperbound as number);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses bad series with a message naming the function', () => {
    expect(() => detectAberrationsEarsC({ counts: [1, -2, 3] })).toThrow(AnalyticsInputError);
    expect(() => detectAberrationsEarsC({ counts: [1, 2, 3], t: [1, 3, 4] })).toThrow(
      /surveillance\/ears-c: t must be consecutive/,
    );
    expect(() => detectAberrationsEarsC({ counts: [1, 2], dates: ['2024-01-01', '2024-01-09'] })).toThrow(
      /7 days apart/,
    );
    expect(() => detectAberrationsEarsC({ counts: [1, 2, 3, 4, 5, 6, 7, 8] }, { baseline: 2 })).toThrow(
      /baseline must be an integer >= 3/,
    );
  });
});

function synthetic(weeks: number, seed: number): number[] {
  let state = seed;
  const uniform = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: weeks }, (_, week) => {
    const mean = 6 + 3 * Math.sin((2 * Math.PI * week) / 52);
    let k = 0;
    let product = uniform();
    const limit = Math.exp(-mean);
    while (product > limit) {
      k++;
      product *= uniform();
    }
    return k;
  });
}

describe('Farrington flexible invariants', () => {
  const counts = synthetic(52 * 5 + 30, 7);

  it('leaves missing weeks out of the baseline and reports them as missing', () => {
    const withGap = counts.map((count, index) => (index === 100 || index === 280 ? null : count));
    const result = detectAberrationsFarringtonFlexible({ counts: withGap }, { b: 3, w: 2 });
    const gapWeek = result.periods.find((period) => period.t === 281);
    expect(gapWeek).toMatchObject({ observed: null, alarm: null });
    expect(gapWeek?.upperbound).not.toBeNull();
    const zeroed = detectAberrationsFarringtonFlexible(
      { counts: withGap.map((count) => count ?? 0) },
      { b: 3, w: 2 },
    );
    const week = (run: typeof result) => run.periods.find((period) => period.t === 257);
    expect(week(result)?.baselineWeeks).toBe((week(zeroed)?.baselineWeeks ?? 0) - 1);
  });

  it('has alarm ⇒ count above the threshold, and threshold above the expected count', () => {
    for (const thresholdMethod of ['delta', 'nbPlugin', 'muan'] as const) {
      const result = detectAberrationsFarringtonFlexible({ counts }, { b: 3, thresholdMethod });
      for (const period of result.periods) {
        if (period.alarm) expect(period.observed).toBeGreaterThan(period.upperbound as number);
        if (period.upperbound !== null && period.expected !== null)
          expect(period.upperbound + 1).toBeGreaterThan(period.expected);
      }
    }
  });

  it('gives no threshold (and a note) when reference weeks precede the series', () => {
    const result = detectAberrationsFarringtonFlexible({ counts }, { b: 3, range: { from: 100, to: 101 } });
    expect(result.periods[0]).toMatchObject({ upperbound: null, alarm: null });
    expect(result.periods[0].note).toMatch(/before the start of the series/);
  });

  it('cuts a reference window that reaches before the series start, as R does one week before it', () => {
    const result = detectAberrationsFarringtonFlexible({ counts }, { b: 4, range: { from: 211, to: 212 } });
    // t = 211: the oldest reference week is t = 3, its window 0..6 loses week 0; t = 212 has all 28.
    expect(result.periods.map((period) => period.baselineWeeks)).toEqual([27, 28]);
    expect(result.periods[0].note).not.toMatch(/before/);
  });

  it('holds back Farrington alarms below the minimum count', () => {
    const spiked = [...counts];
    spiked[spiked.length - 1] = 40;
    const plain = detectAberrationsFarringtonFlexible({ counts: spiked }, { b: 3 });
    expect(plain.periods.at(-1)?.alarm).toBe(true);
    const guarded = detectAberrationsFarringtonFlexible({ counts: spiked }, { b: 3, minimumCount: 50 });
    expect(guarded.periods.at(-1)).toMatchObject({ alarm: false, belowMinimumCount: true });
  });

  it('refuses a noPeriods larger than the weeks between windows', () => {
    expect(() => detectAberrationsFarringtonFlexible({ counts }, { b: 3, w: 20, noPeriods: 20 })).toThrow(
      /noPeriods 20 is too large/,
    );
  });
});

describeWithReferenceData('surveillance', 'Farrington on a dated series (salmNewport, Germany)', () => {
  const lines = readFileSync(referencePath('surveillance', 'salmNewport_national.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));
  const dates = lines.map((cells) => cells[1].replaceAll('"', ''));
  const counts = lines.map((cells) => Number(cells[4]));

  it('picks as reference week the same weekday within 3 days of the date 1..b years back', () => {
    const result = detectAberrationsFarringtonFlexible({ counts, dates }, { b: 5, reweight: false });
    for (const period of result.periods) {
      const day = isoDateToDay(period.date as string);
      period.referenceT.forEach((t, years) => {
        const date = new Date(day * 86_400_000);
        date.setUTCFullYear(date.getUTCFullYear() - years);
        const target = date.getTime() / 86_400_000;
        expect(Math.abs(isoDateToDay(dates[t - 1]) - target)).toBeLessThanOrEqual(3);
      });
    }
    // Calendar years are 52 weeks and 1–2 days: several years back the index shifts by one week.
    expect(
      result.periods.some((period) => period.referenceT.some((t, years) => period.t - t === 52 * years + 1)),
    ).toBe(true);
  });

  it('agrees with the index-only series wherever the reference weeks are t − 52j', () => {
    const dated = detectAberrationsFarringtonFlexible({ counts, dates }, { b: 3 });
    const indexOnly = detectAberrationsFarringtonFlexible({ counts }, { b: 3 });
    let compared = 0;
    dated.periods.forEach((period) => {
      const twin = indexOnly.periods.find((other) => other.t === period.t);
      if (!twin || twin.referenceT.join() !== period.referenceT.join()) return;
      compared++;
      expect(period.alarm).toBe(twin.alarm);
      if (period.upperbound !== null)
        expect(Math.abs(period.upperbound - (twin.upperbound as number))).toBeLessThan(1e-7);
    });
    expect(compared).toBeGreaterThan(50);
  });
});
