import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsFormFile } from '../../src/ingest/xlsform/index.ts';
import { runSiren, runSirenInProcess } from '../support/cli.ts';
import { seedDataFolder } from '../support/pglite-template.ts';

/**
 * The sentinel commands end to end through the `siren` binary. The full path from the synthetic
 * world to classification runs in-process on both databases (test/store/sentinel-intake.test.ts);
 * here each command family is exercised once, since every run of the binary opens the store.
 */
const folder = mkdtempSync(join(tmpdir(), 'siren-sentinel-cli-'));
const environment = { SIREN_DATA: join(folder, 'data'), SIREN_DEMO: 'off' };
beforeAll(() => seedDataFolder(environment.SIREN_DATA));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const siren = (...args: string[]) => runSirenInProcess(args, environment);

describe('siren sentinel', () => {
  it('imports the default instrument, shows the diff of a new version, exports an XLSForm that reads back equal', async () => {
    // Through bin/siren.js once: the exit status and the JSON on stdout of a real process.
    const imported = await runSiren(['sentinel', 'instrument', 'import', '--json'], environment);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ formId: 'siren_sentinel_interview', created: true });

    const source = join(folder, 'instrument-v2');
    cpSync('instruments/sentinel-interview', source, { recursive: true });
    const settings = join(source, 'settings.csv');
    writeFileSync(settings, readFileSync(settings, 'utf8').replace('2026112302', '2026112303'));
    const survey = join(source, 'survey.csv');
    writeFileSync(
      survey,
      readFileSync(survey, 'utf8').replace('integer,household_size,', 'integer,people_in_household,'),
    );
    const diff = await siren('sentinel', 'instrument', 'diff', source);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('version 2026112302 → version 2026112303');
    expect(diff.stdout).toContain(
      'renamed household_size → people_in_household (id household_size, detected by type, choices and label)',
    );

    const xlsx = join(folder, 'sentinel.xlsx');
    const exported = await siren('sentinel', 'instrument', 'export', '--xlsx', xlsx);
    expect(exported.code, exported.stderr).toBe(0);
    expect(await readXlsFormFile(xlsx)).toEqual(await readXlsFormFile('instruments/sentinel-interview'));
  }, 600_000);

  it('adds a site and a round, and refuses a bad export whole naming row and question (exit 3)', async () => {
    const site = await siren(
      'sentinel',
      'site',
      'add',
      'poipet',
      '--name',
      'Poipet',
      '--place',
      'KH-1',
      '--crossing',
      'KH-TH-01',
      '--population',
      'deportees from Thailand',
    );
    expect(site.code, site.stderr).toBe(0);
    const round = await siren(
      'sentinel',
      'round',
      'add',
      'poipet',
      'R1',
      '--from',
      '2024-01-29',
      '--to',
      '2024-02-11',
      '--target',
      '100',
    );
    expect(round.code, round.stderr).toBe(0);
    const bad = join(folder, 'bad.csv');
    writeFileSync(
      bad,
      'selection/selection_code,selection/interview_date,selection/consent,person/sex,person/age,_uuid\nX-1,2024-01-30,OK,female,thirty,u-1\nX-2,2024-01-31,,,,u-2\n',
    );
    const run = await siren(
      'sentinel',
      'submissions',
      'import',
      'poipet',
      'R1',
      bad,
      '--form-id',
      'siren_sentinel_interview',
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('bad.csv, row 2, column person/age: "thirty" is not a whole number');
    expect(run.stderr).toContain('bad.csv, row 3, column selection/consent: is required and not answered');
  }, 600_000);
});
