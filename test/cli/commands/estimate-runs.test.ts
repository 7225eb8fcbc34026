import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/index.ts';
import { runSiren } from '../../support/cli.ts';

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
    const id = Number(/saved estimate run (\d+)/.exec(saved.stderr)?.[1]);
    expect(id).toBeGreaterThan(0);

    const runs = await runSiren(['estimate', 'runs', '--json'], environment);
    expect(JSON.parse(runs.stdout).runs).toMatchObject([
      { id, method: 'mse', inputSource: 'patterns.csv', seed: 11 },
    ]);

    const shown = JSON.parse(
      (await runSiren(['estimate', 'show', String(id), '--json'], environment)).stdout,
    );
    expect(shown.results).toEqual(JSON.parse(saved.stdout));
    expect(shown.parameters).toMatchObject({ method: 'main', replicates: 40 });
    expect(shown.codeVersion).toMatch(/^0\.1\.0/);

    const reproduced = await runSiren(['estimate', 'reproduce', String(id)], environment);
    expect(reproduced.code).toBe(0);
    expect(reproduced.stdout).toContain('results identical');

    const database = await openDatabase({ dataDirectory: environment.SIREN_DATA });
    await database.query(
      `UPDATE estimate_runs SET results = jsonb_set(results, '{estimate}', '1') WHERE id = $1`,
      [id],
    );
    await database.close();
    const differing = await runSiren(['estimate', 'reproduce', String(id), '--json'], environment);
    expect(differing.code).toBe(4);
    expect(JSON.parse(differing.stdout)).toMatchObject({ identical: false, differences: ['.estimate'] });
  }, 900_000);
});
