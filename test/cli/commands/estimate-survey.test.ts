import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSirenInProcess } from '../../support/cli.ts';
import { describeWithReferenceData, referencePath } from '../../support/reference-data.ts';

/** The command in this process (bin/siren.js itself is run by the spawned CLI tests). */
const siren = (...args: string[]) => runSirenInProcess(args);

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected), `${actual} vs ${expected}`).toBeLessThan(1e-9);
}

describeWithReferenceData('survey', 'siren estimate survey', () => {
  // Reference: ../shared/data/survey/reference.json (R 4.2.2, survey 4.1.1).
  const reference = JSON.parse(readFileSync(referencePath('survey', 'reference.json'), 'utf8'));

  it('prints a stratified mean by domain equal to R svyby(~api00, ~stype, dstrat, svymean)', async () => {
    const run = await siren(
      'estimate',
      'survey',
      referencePath('survey', 'apistrat.csv'),
      '--strata',
      'stype',
      '--weights',
      'pw',
      '--fpc',
      'fpc',
      '--mean',
      'api00',
      '--by',
      'stype',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    const expected = reference.designs.stratified;
    close(result.estimate, expected.svymean.api00.estimate);
    close(result.se, expected.svymean.api00.se);
    close(result.ci.lower, expected.svymean.api00.ci95_wald_t_degf[0]);
    expect(result.ci).toMatchObject({ level: 0.95, method: 'wald' });
    expect(result.degf).toBe(197);
    expect(Object.keys(result.by)).toEqual(['E', 'H', 'M']);
    for (const level of ['E', 'H', 'M']) {
      close(result.by[level].estimate, expected.svyby_mean_by_stype.api00[level].estimate);
      close(result.by[level].se, expected.svyby_mean_by_stype.api00[level].se);
      close(result.by[level].ci.upper, expected.svyby_mean_by_stype.api00[level].ci95_wald_t_degf[1]);
    }
  });

  it('prints a Korn–Graubard proportion on the cluster design equal to R svyciprop(method="beta")', async () => {
    const run = await siren(
      'estimate',
      'survey',
      referencePath('survey', 'apiclus1.csv'),
      '--cluster',
      'dnum',
      '--weights',
      'pw',
      '--fpc',
      'fpc',
      '--proportion',
      'sch.wide == "Yes"',
      '--ci-method',
      'beta',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    const expected = reference.designs.cluster1.svyciprop['sch.wide==Yes'].beta;
    close(result.estimate, expected.estimate);
    close(result.se, expected.se);
    close(result.ci.lower, expected.ci95_df_degf[0]);
    close(result.ci.upper, expected.ci95_df_degf[1]);
    expect(result.ci.method).toBe('beta');
    expect(result.degf).toBe(14);
  });
});

describeWithReferenceData('survey', 'siren estimate survey (in process)', () => {
  const reference = JSON.parse(readFileSync(referencePath('survey', 'reference.json'), 'utf8'));

  it('derives weights from two-stage fpc columns and estimates a ratio and a total with missing cells', async () => {
    const ratio = await siren(
      'estimate',
      'survey',
      referencePath('survey', 'apiclus2.csv'),
      '--cluster',
      'dnum,snum',
      '--fpc',
      'fpc1,fpc2',
      '--total',
      'enroll',
      '--json',
    );
    expect(ratio.code, ratio.stderr).toBe(0);
    const result = JSON.parse(ratio.stdout);
    // R survey documentation: svytotal(~enroll, dclus2, na.rm=TRUE) prints 2639273 (SE 799638).
    expect(Math.round(result.estimate)).toBe(2639273);
    expect(Math.round(result.se)).toBe(799638);
    expect(result.rowsMissing).toBe(6);
    const stratifiedRatio = await siren(
      'estimate',
      'survey',
      referencePath('survey', 'apistrat.csv'),
      '--strata',
      'stype',
      '--weights',
      'pw',
      '--fpc',
      'fpc',
      '--ratio',
      'api.stu/enroll',
      '--json',
    );
    expect(stratifiedRatio.code, stratifiedRatio.stderr).toBe(0);
    close(
      JSON.parse(stratifiedRatio.stdout).se,
      reference.designs.stratified['svyratio_api.stu_over_enroll'].se,
    );
  });

  it('applies a lonely-PSU rule and fails without one, naming the stratum', async () => {
    const file = referencePath('survey', 'apistrat_lonely.csv');
    const design = ['--strata', 'stype', '--weights', 'pw', '--fpc', 'fpc', '--mean', 'api00'];
    const failing = await siren('estimate', 'survey', file, ...design);
    expect(failing.code).toBe(3);
    expect(failing.stderr).toMatch(/stratum H has only one sampled unit/);
    const adjusted = await siren('estimate', 'survey', file, ...design, '--lonely-psu', 'adjust', '--json');
    expect(adjusted.code, adjusted.stderr).toBe(0);
    close(JSON.parse(adjusted.stdout).se, reference.lonely_psu_demo.adjust.mean_se);
  });
});

describe('siren estimate survey: bad input', () => {
  const folder = mkdtempSync(join(tmpdir(), 'siren-survey-'));

  it('names the row and column of a weight that is not a number (exit 3)', async () => {
    const file = join(folder, 'bad-weights.csv');
    writeFileSync(file, 'stratum,w,y\na,1.5,3\na,2,4\nb,heavy,5\nb,2,6\n');
    const run = await siren(
      'estimate',
      'survey',
      file,
      '--strata',
      'stratum',
      '--weights',
      'w',
      '--mean',
      'y',
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/bad-weights\.csv, row 4, column w: "heavy" is not a number/);
  });

  describe('in process', () => {
    it('names the row and column of an empty cluster id and of a cell a condition cannot compare', async () => {
      const file = join(folder, 'bad-cluster.csv');
      writeFileSync(file, 'psu,w,y\n1,1,3\n,1,4\n2,1,x\n2,1,6\n');
      const cluster = await siren(
        'estimate',
        'survey',
        file,
        '--cluster',
        'psu',
        '--weights',
        'w',
        '--total',
        'y',
      );
      expect(cluster.code).toBe(3);
      expect(cluster.stderr).toMatch(/bad-cluster\.csv, row 3, column psu: "" is empty/);
      const condition = await siren('estimate', 'survey', file, '--weights', 'w', '--proportion', 'y >= 4');
      expect(condition.code).toBe(3);
      expect(condition.stderr).toMatch(/row 4, column y: "x" is not a number/);
    });

    it('names the row and column of a negative weight and of a zero population size', async () => {
      const file = join(folder, 'bad-design.csv');
      writeFileSync(file, 'w,N,y\n1,10,3\n-2,10,4\n1,0,5\n');
      const weight = await siren('estimate', 'survey', file, '--weights', 'w', '--mean', 'y');
      expect(weight.code).toBe(3);
      expect(weight.stderr).toMatch(/bad-design\.csv, row 3, column w: "-2" is negative/);
      const population = await siren('estimate', 'survey', file, '--fpc', 'N', '--mean', 'y');
      expect(population.code).toBe(3);
      expect(population.stderr).toMatch(/row 4, column N: "0" is not positive/);
    });

    it('refuses an unsafe or malformed expression and a missing statistic (exit 3)', async () => {
      const file = join(folder, 'ok.csv');
      writeFileSync(file, 'w,y\n1,3\n1,4\n');
      const unsafe = await siren('estimate', 'survey', file, '--proportion', 'process.exit(1)');
      expect(unsafe.code).toBe(3);
      expect(unsafe.stderr).toMatch(/indicator-condition: expected one of == != < <= > >=/);
      const none = await siren('estimate', 'survey', file, '--weights', 'w');
      expect(none.code).toBe(3);
      expect(none.stderr).toMatch(/exactly one of --mean, --total, --proportion, --ratio/);
    });
  });
});
