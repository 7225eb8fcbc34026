import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSirenInProcess } from '../support/cli.ts';
import { describeWithReferenceData, referencePath } from '../support/reference-data.ts';

describeWithReferenceData('surveillance', 'siren surveillance alerts', () => {
  const reference = JSON.parse(readFileSync(referencePath('surveillance', 'reference.json'), 'utf8'));

  it('passes --no-periods, --threshold and the other Farrington flags through', async () => {
    const run = await runSirenInProcess([
      'surveillance',
      'alerts',
      referencePath('surveillance', 'salmonella_agona.csv'),
      '--method',
      'farrington',
      '--b',
      '4',
      '--w',
      '3',
      '--alpha',
      '0.1',
      '--no-periods',
      '10',
      '--past-weeks-excluded',
      '26',
      '--weights-threshold',
      '2.58',
      '--p-threshold-trend',
      '1',
      '--threshold',
      'muan',
      '--range',
      '212:312',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    // Reference: surveillance 1.20.3 farringtonFlexible(b=4, w=3, alpha=0.1, noPeriods=10,
    // pastWeeksNotIncluded=26, weightsThreshold=2.58, pThresholdTrend=1, thresholdMethod="muan").
    expect(result.periods[0]).toMatchObject({ t: 212, observed: 2, upperbound: 4, alarm: false });
    expect(result.settings).toMatchObject({
      noPeriods: 10,
      thresholdMethod: 'muan',
      pastWeeksNotIncluded: 26,
    });
    expect(result.alarmT).toEqual(reference.farringtonFlexible.salmonella_agona.noufaily_muan.alarm_t);
  });
});

describe('siren surveillance alerts on files with gaps and errors', () => {
  const folder = mkdtempSync(join(tmpdir(), 'siren-surveillance-'));

  it('shows a week with an empty count and a gap in t as missing, not zero', async () => {
    const file = join(folder, 'gaps.csv');
    const rows = ['t,date,count'];
    const counts = [3, 4, 2, 5, 3, 4, 3, 4, '', 5, 30];
    counts.forEach((count, index) => {
      if (index === 6) return;
      const date = new Date(Date.UTC(2024, 0, 1 + 7 * index)).toISOString().slice(0, 10);
      rows.push(`${index + 1},${date},${count}`);
    });
    writeFileSync(file, `${rows.join('\n')}\n`);
    const run = await runSirenInProcess(['surveillance', 'alerts', file, '--method', 'ears-c1', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    const byT = new Map(result.periods.map((period: { t: number }) => [period.t, period]));
    expect(byT.get(9)).toMatchObject({ observed: null, alarm: null, date: '2024-02-26' });
    expect(byT.get(11)).toMatchObject({ observed: 30, alarm: true });
  });

  it('exits 3 naming the row and column of a count that is not a whole number', async () => {
    const file = join(folder, 'bad.csv');
    writeFileSync(file, 't,count\n1,3\n2,4\n3,two\n4,5\n');
    const run = await runSirenInProcess(['surveillance', 'alerts', file, '--method', 'ears-c1']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('bad.csv, row 4, column count: "two"');
  });

  it('exits 3 on dates that are not a week apart', async () => {
    const dated = join(folder, 'dated.csv');
    writeFileSync(dated, 't,date,count\n1,2024-01-01,3\n2,2024-01-09,4\n');
    const second = await runSirenInProcess(['surveillance', 'alerts', dated, '--method', 'ears-c1']);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain('row 3, column date');
  });
});
