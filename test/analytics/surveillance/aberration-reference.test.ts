import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  detectAberrationsEarsC,
  detectAberrationsFarringtonFlexible,
  type FarringtonThresholdMethod,
} from '../../../src/analytics/surveillance/index.ts';
import { describeWithReferenceData, referencePath } from '../../support/reference-data.ts';

// Source: ../shared/data/surveillance/reference.json, R 4.2.2 with surveillance 1.20.3 (`earsC`,
// `farringtonFlexible`) on data(salmonella.agona). The peer prints full double precision and our
// IRLS follows glm.fit's iterations, so continuous outputs are checked to 1e-9 relative and alarms,
// integer thresholds and missing values exactly.
const RELATIVE_TOLERANCE = 1e-9;

interface ReferenceColumns {
  t: number[];
  observed: number[];
  upperbound: (number | null)[];
  alarm: boolean[];
  [column: string]: unknown[];
}

function readAgona(): number[] {
  const lines = readFileSync(referencePath('surveillance', 'salmonella_agona.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  const header = lines[0].split(',').map((name) => name.replaceAll('"', ''));
  const countColumn = header.indexOf('count');
  return lines.slice(1).map((line) => Number(line.split(',')[countColumn]));
}

function expectClose(actual: number | null, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs((actual as number) - expected) / scale, label).toBeLessThan(RELATIVE_TOLERANCE);
}

describeWithReferenceData('surveillance', 'aberration detection against R surveillance 1.20.3', () => {
  const reference = JSON.parse(readFileSync(referencePath('surveillance', 'reference.json'), 'utf8'));
  const counts = readAgona();

  for (const method of ['C1', 'C2', 'C3'] as const) {
    it(`EARS ${method} reproduces earsC upperbounds, alarms and the C statistics`, () => {
      const run = reference.ears.salmonella_agona[method];
      const columns = run.periods as ReferenceColumns;
      const result = detectAberrationsEarsC(
        { counts },
        { method, alpha: run.alpha, baseline: run.baseline, range: { from: 12, to: 312 } },
      );
      expect(result.periods.map((period) => period.t)).toEqual(columns.t);
      result.periods.forEach((period, index) => {
        const label = `${method} t=${period.t}`;
        expect(period.observed, label).toBe(columns.observed[index]);
        expectClose(period.upperbound, columns.upperbound[index], label);
        expect(period.alarm, label).toBe(columns.alarm[index]);
        const derived = { C1: 'derived_C1', C2: 'derived_C2', C3: 'derived_C3_sum' }[method];
        expectClose(period.statistic, columns[derived][index] as number, `${label} statistic`);
      });
      expect(result.alarmT).toEqual(run.alarm_t);
    });
  }

  it('EARS C3 textbook variant alarms exactly when the C3 sum reaches z (derived_C3_sum)', () => {
    const run = reference.ears.salmonella_agona.C3;
    const columns = run.periods as ReferenceColumns;
    const result = detectAberrationsEarsC(
      { counts },
      { method: 'C3', alpha: run.alpha, variant: 'textbook', range: { from: 12, to: 312 } },
    );
    result.periods.forEach((period, index) => {
      expect(period.alarm).toBe((columns.derived_C3_sum[index] as number) >= run.z_alpha);
      expect(period.alarm).toBe((period.observed as number) >= (period.upperbound as number));
    });
  });

  for (const name of ['farrington1996', 'noufaily_delta', 'noufaily_nbPlugin', 'noufaily_muan']) {
    it(`farringtonFlexible ${name} reproduces every column`, () => {
      const run = reference.farringtonFlexible.salmonella_agona[name];
      const control = run.control;
      const [from, to] = String(control.range).split(':').map(Number);
      const result = detectAberrationsFarringtonFlexible(
        { counts },
        {
          range: { from, to },
          b: control.b,
          w: control.w,
          reweight: control.reweight,
          weightsThreshold: control.weightsThreshold,
          alpha: control.alpha,
          trend: control.trend,
          pThresholdTrend: control.pThresholdTrend,
          limit54: { cases: control.limit54[0], periods: control.limit54[1] },
          noPeriods: control.noPeriods,
          pastWeeksNotIncluded: control.pastWeeksNotIncluded,
          thresholdMethod: control.thresholdMethod as FarringtonThresholdMethod,
        },
      );
      const columns = run.periods as ReferenceColumns;
      expect(result.periods.map((period) => period.t)).toEqual(columns.t);
      result.periods.forEach((period, index) => {
        const label = `${name} t=${period.t}`;
        expectClose(period.upperbound, columns.upperbound[index], `${label} upperbound`);
        expect(period.alarm, label).toBe(columns.alarm[index]);
        expectClose(period.expected, columns.expected[index] as number | null, `${label} expected`);
        expectClose(period.score, columns.score[index] as number | null, `${label} score`);
        expectClose(period.pValue, columns.pvalue[index] as number | null, `${label} pvalue`);
        expectClose(period.thresholdMean, columns.mu0[index] as number | null, `${label} mu0`);
        expectClose(period.dispersion, columns.phi[index] as number | null, `${label} phi`);
        expect(period.trendFitted, label).toBe(columns.trend_fitted[index]);
        expectClose(period.trendCoefficient, columns.trend_coef[index] as number | null, `${label} trend`);
        expect(period.referenceT, label).toEqual(columns.reference_t[index]);
      });
      expect(result.alarmT).toEqual(run.alarm_t);
    });
  }

  it('the noufaily2013 preset equals the explicit Noufaily settings of the reference', () => {
    const explicit = reference.farringtonFlexible.salmonella_agona.noufaily_nbPlugin;
    const result = detectAberrationsFarringtonFlexible(
      { counts },
      { range: { from: 212, to: 312 }, b: 4, alpha: 0.1, preset: 'noufaily2013' },
    );
    expect(result.alarmT).toEqual(explicit.alarm_t);
    expect(result.periods.map((period) => period.upperbound)).toEqual(explicit.periods.upperbound);
  });
});
