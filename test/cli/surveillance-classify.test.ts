import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSiren, runSirenInProcess } from '../support/cli.ts';

describe('siren surveillance classify, plan and plan-slots', () => {
  const folder = mkdtempSync(join(tmpdir(), 'siren-classify-'));

  it('classifies interviews by the ILO rule and compares with the Palermo rule', async () => {
    const file = join(folder, 'answers.csv');
    writeFileSync(
      file,
      [
        'interviewId,ageAtRecruitment,crossedBorder,recruitedBy,deceivedAbout,physicalViolence,wagesWithheld,finesOrPenalties,other',
        'A1,24,yes,broker,nature_of_work wages,no,yes,no,x',
        'A2,16,yes,broker,wages,no,no,yes,',
        'A3,30,yes,self,,no,no,,',
      ].join('\n'),
    );
    const run = await runSiren([
      'surveillance',
      'classify',
      file,
      '--rules',
      'ilo-2012',
      '--compare',
      'palermo',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.ruleSet).toMatchObject({ id: 'ilo-2012-forced-labour', version: '1.0.0' });
    const byId = Object.fromEntries(
      result.determinations.map((item: { interviewId: string; status: string }) => [
        item.interviewId,
        item.status,
      ]),
    );
    expect(byId).toEqual({ A1: 'trafficked', A2: 'trafficked', A3: 'undetermined' });
    expect(result.comparison.second.id).toBe('palermo-act-means-purpose');
  });

  it('exits 3 naming the row and column of an answer the rules cannot read', async () => {
    const file = join(folder, 'bad.csv');
    writeFileSync(file, 'interviewId,hoursPerDay,physicalViolence\nB1,8,no\nB2,9,maybe\n');
    const run = await runSirenInProcess(['surveillance', 'classify', file]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('bad.csv, row 3, column physicalViolence: "maybe"');
  });

  it('prints a systematic plan with intervals and random starts as JSON', async () => {
    const file = join(folder, 'strata.csv');
    writeFileSync(file, 'site,week,expected_count\npoipet,2024-W05,1200\npoipet,2024-W06,600\n');
    const run = await runSirenInProcess([
      'surveillance',
      'plan',
      file,
      '--sample-size',
      '100',
      '--seed',
      '4',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.seed).toBe(4);
    expect(plan.strata.map((stratum: { sampleSize: number }) => stratum.sampleSize)).toEqual([67, 33]);
    expect(plan.strata[0].interval).toBe(17);
    expect(plan.strata[0].selectedArrivals[1] - plan.strata[0].selectedArrivals[0]).toBe(17);
  });

  it('prints a time-location schedule drawn per site and ISO week', async () => {
    const run = await runSirenInProcess([
      'surveillance',
      'plan-slots',
      '--site',
      'poipet',
      '--locations',
      'gate,transit',
      '--from',
      '2024-01-29',
      '--to',
      '2024-02-11',
      '--slots',
      '08:00-12:00,13:00-17:00',
      '--slots-per-stratum',
      '4',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.strata).toEqual([
      { stratum: 'poipet|2024-W05', slotsInFrame: 28, slotsSelected: 4 },
      { stratum: 'poipet|2024-W06', slotsInFrame: 28, slotsSelected: 4 },
    ]);
    expect(plan.schedule).toHaveLength(8);
    expect(plan.schedule[0].slotSelectionProbability).toBeCloseTo(4 / 28, 12);
  });
});
