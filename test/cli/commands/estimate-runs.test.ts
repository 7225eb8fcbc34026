import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/index.ts';
import { listEstimateRuns } from '../../../src/store/repositories/estimate-runs.ts';
import { createOrganisation } from '../../../src/store/repositories/organisations.ts';
import { runSiren, runSirenInProcess } from '../../support/cli.ts';
import { seedDataFolder } from '../../support/pglite-template.ts';

const PATTERNS = [
  'A,B,C,count',
  '1,0,0,120',
  '0,1,0,95',
  '0,0,1,80',
  '1,1,0,30',
  '1,0,1,22',
  '0,1,1,18',
  '1,1,1,6',
];

describe('siren estimate --save, runs, show, reproduce', () => {
  const folder = mkdtempSync(join(tmpdir(), 'siren-estimate-runs-'));
  const environment = { SIREN_DATA: join(folder, 'data'), SIREN_DEMO: 'off' };
  const file = join(folder, 'patterns.csv');
  writeFileSync(file, `${PATTERNS.join('\n')}\n`);
  beforeAll(() => seedDataFolder(environment.SIREN_DATA));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('stores a run, lists and shows it, reproduces it identically, and exits 4 when stored results differ', async () => {
    const args = [
      'estimate',
      'mse',
      file,
      '--method',
      'main',
      '--replicates',
      '40',
      '--seed',
      '11',
      '--json',
    ];
    const saved = await runSiren([...args, '--save'], environment);
    expect(saved.code).toBe(0);
    const id = Number(
      /saved estimate run (\d+) for organisation "Local organisation"/.exec(saved.stderr)?.[1],
    );
    expect(id).toBeGreaterThan(0);

    const runs = await runSirenInProcess(['estimate', 'runs', '--json'], environment);
    expect(JSON.parse(runs.stdout).runs).toMatchObject([
      { id, method: 'mse', inputSource: 'patterns.csv', seed: 11 },
    ]);

    const shown = JSON.parse(
      (await runSirenInProcess(['estimate', 'show', String(id), '--json'], environment)).stdout,
    );
    expect(shown.results).toEqual(JSON.parse(saved.stdout));
    expect(shown.parameters).toMatchObject({ method: 'main', replicates: 40 });
    expect(shown.codeVersion).toMatch(/^0\.1\.0/);

    const reproduced = await runSirenInProcess(['estimate', 'reproduce', String(id)], environment);
    expect(reproduced.code).toBe(0);
    expect(reproduced.stdout).toContain('results identical');

    const database = await openDatabase({ dataDirectory: environment.SIREN_DATA });
    const [local] = (await database.query<{ id: number }>('SELECT id FROM organisations')).rows;
    expect((await listEstimateRuns(database, { organisationId: local.id })).map((run) => run.id)).toEqual([
      id,
    ]);
    await database.query(
      `UPDATE estimate_runs SET results = jsonb_set(results, '{estimate}', '1') WHERE id = $1`,
      [id],
    );
    await database.close();
    const differing = await runSirenInProcess(['estimate', 'reproduce', String(id), '--json'], environment);
    expect(differing.code).toBe(4);
    expect(JSON.parse(differing.stdout)).toMatchObject({ identical: false, differences: ['.estimate'] });
  }, 900_000);

  it('saves a run under the organisation --org names, refuses to guess among several, before estimating', async () => {
    const several = { SIREN_DATA: join(folder, 'several'), SIREN_DEMO: 'off' };
    const args = ['estimate', 'mse', file, '--method', 'main', '--replicates', '20', '--seed', '3', '--json'];
    await seedDataFolder(several.SIREN_DATA);
    const setup = await openDatabase({ dataDirectory: several.SIREN_DATA });
    const alpha = await createOrganisation(setup, 'Alpha');
    const beta = await createOrganisation(setup, 'Beta');
    await setup.close();

    const unnamed = await runSirenInProcess([...args, '--save'], several);
    expect(unnamed.code).toBe(3);
    expect(unnamed.stderr).toContain(
      '--save needs --org: name the organisation that owns the run, one of "Alpha", "Beta"',
    );
    expect(unnamed.stdout).toBe('');
    const unknown = await runSirenInProcess([...args, '--save', '--org', 'Gamma'], several);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('no organisation named "Gamma" (organisations: "Alpha", "Beta")');
    expect((await runSirenInProcess([...args, '--org', 'Beta'], several)).stderr).toContain(
      '--org goes with --save',
    );

    const saved = await runSirenInProcess([...args, '--save', '--org', 'Beta'], several);
    expect(saved.code, saved.stderr).toBe(0);
    const id = Number(/saved estimate run (\d+) for organisation "Beta"/.exec(saved.stderr)?.[1]);
    const database = await openDatabase({ dataDirectory: several.SIREN_DATA });
    expect((await listEstimateRuns(database, { organisationId: beta.id })).map((run) => run.id)).toEqual([
      id,
    ]);
    expect(await listEstimateRuns(database, { organisationId: alpha.id })).toEqual([]);
    expect(await listEstimateRuns(database, 'all')).toHaveLength(1);
    await database.close();
  }, 900_000);
});
