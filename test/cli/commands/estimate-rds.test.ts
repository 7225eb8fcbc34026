import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSirenInProcess } from '../../support/cli.ts';
import { describeWithReferenceData, referencePath } from '../../support/reference-data.ts';

/** The command in this process (bin/siren.js itself is run by the spawned CLI tests). */
const siren = (...args: string[]) => runSirenInProcess(args);

describeWithReferenceData('rds', 'siren estimate rds', () => {
  it('prints RDS-I estimates equal to the RDS package as JSON', async () => {
    const run = await siren(
      'estimate',
      'rds',
      referencePath('rds', 'fauxmadrona.csv'),
      '--outcome',
      'disease',
      '--estimator',
      'rds1',
      '--population',
      '1000',
      '--json',
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.estimator).toBe('rds1');
    expect(result.outcome).toBe('disease');
    // Reference: ../shared/data/rds/reference.json, RDS 0.9.10 RDS.I.estimates(fauxmadrona, "disease", N=1000)
    expect(result.levels['1'].estimate).toBeCloseTo(0.15919809380965, 10);
    expect(result.levels['1'].se).toBeCloseTo(0.0100101159588794, 10);
    expect(result.levels['1'].designEffect).toBeCloseTo(0.747845964011264, 8);
  });
});

describeWithReferenceData('rds', 'siren estimate rds --diagnostics --size-prior-median', () => {
  it('adds the diagnostics and the SS-PSE population size with its prior to the JSON', async () => {
    const run = await siren(
      'estimate',
      'rds',
      referencePath('rds', 'fauxmadrona.csv'),
      '--outcome',
      'disease',
      '--diagnostics',
      '--size-prior-median',
      '1000',
      '--json',
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.diagnostics.recruitmentTrees.seeds).toBe(10);
    expect(result.diagnostics.convergence.cumulativeByWave.at(-1).respondents).toBe(500);
    // Prior median of N: sspse_reference.json summary.Prior.median = 1000 (ours at N + 1/2).
    expect(result.populationSizeEstimate.prior.median).toBe(999.5);
    expect(result.populationSizeEstimate.interval.lower).toBeLessThan(1000);
  });
});

describe('siren estimate rds with bad input', () => {
  it('exits 3 naming the row and column of a recruiter id that points nowhere', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'siren-rds-'));
    const file = join(folder, 'bad.csv');
    writeFileSync(file, 'id,recruiter.id,network.size,hiv\n1,seed,5,0\n2,1,4,1\n3,99,6,0\n4,2,3,1\n');
    const run = await siren('estimate', 'rds', file, '--outcome', 'hiv', '--json');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      'bad.csv, row 4, column recruiter.id: "99" recruiter id "99" is not the id of any respondent',
    );
  });

  it('exits 3 naming a degree that is not a number', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'siren-rds-'));
    const file = join(folder, 'degree.csv');
    writeFileSync(file, 'id,recruiter.id,network.size,hiv\n1,seed,5,0\n2,1,many,1\n');
    const run = await siren('estimate', 'rds', file, '--outcome', 'hiv');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('row 3, column network.size');
  });
});
