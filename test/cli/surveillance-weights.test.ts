import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSirenInProcess } from '../support/cli.ts';

describe('siren surveillance weights', () => {
  const folder = mkdtempSync(join(tmpdir(), 'siren-weights-'));
  const plan = {
    kind: 'systematic',
    seed: 1,
    strata: [
      {
        stratum: 'poipet|2024-W05',
        site: 'poipet',
        week: '2024-W05',
        expectedCount: 40,
        sampleSize: 4,
        interval: 10,
        randomStart: 3,
        selectionProbability: 0.1,
        selectedArrivals: [3, 13, 23, 33, 43, 53],
      },
    ],
  };
  writeFileSync(join(folder, 'plan.json'), JSON.stringify(plan));
  writeFileSync(join(folder, 'counts.csv'), 'site,week,count\npoipet,2024-W05,45\n');

  it('spreads the official count over the respondents after refusals and replacements', async () => {
    const selections = join(folder, 'selections.csv');
    writeFileSync(
      selections,
      [
        'site,week,outcome,replacement,interviewId',
        'poipet,2024-W05,completed,no,a',
        'poipet,2024-W05,refused,no,',
        'poipet,2024-W05,completed,yes,b',
        'poipet,2024-W05,not_eligible,no,',
        'poipet,2024-W05,completed,no,c',
      ].join('\n'),
    );
    const run = await runSirenInProcess([
      'surveillance',
      'weights',
      join(folder, 'plan.json'),
      '--selections',
      selections,
      '--official-counts',
      join(folder, 'counts.csv'),
      '--json',
    ]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    // 4 originals, 1 not eligible: eligibility 3/4; 3 respondents: w = 45 × 0.75 / 3.
    expect(result.interviews.map((item: { interviewId: string }) => item.interviewId)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(result.interviews[0].weight).toBeCloseTo(11.25, 12);
    expect(result.strata[0]).toMatchObject({ selected: 4, replacements: 1, refused: 1, notEligible: 1 });
  });

  it('exits 3 naming the row of an unknown outcome', async () => {
    const selections = join(folder, 'bad.csv');
    writeFileSync(
      selections,
      'site,week,outcome,interviewId\npoipet,2024-W05,completed,a\npoipet,2024-W05,absent,\n',
    );
    const run = await runSirenInProcess([
      'surveillance',
      'weights',
      join(folder, 'plan.json'),
      '--selections',
      selections,
    ]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('bad.csv, row 3, column outcome: "absent"');
  });
});
