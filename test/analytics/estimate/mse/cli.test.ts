import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runSiren, runSirenInProcess } from '../../../support/cli.ts';
import { describeWithReferenceData, referencePath } from '../../../support/reference-data.ts';
import { loadReference, pairSet, relativeDifference } from './reference.ts';

// `siren estimate mse` as a user runs it: the first case through bin/siren.js in a new process, the
// others through the same program in this process (each spawn starts Node and the TypeScript loader).
const run = (...args: string[]) => runSiren(['estimate', 'mse', ...args]);
const runInProcess = (...args: string[]) => runSirenInProcess(['estimate', 'mse', ...args]);
const reference = loadReference();

describeWithReferenceData('mse', 'siren estimate mse', () => {
  it('prints the AIC model, estimate and profile interval of UKdat_5 as JSON', async () => {
    const result = await run(referencePath('mse', 'UKdat_5.csv'), '--method', 'aic', '--json');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    const expected = reference.UKdat_5.search.AIC;
    expect(relativeDifference(output.estimate, expected.estimate)).toBeLessThan(1e-6);
    expect(pairSet(output.model.interactions)).toEqual(pairSet(expected.interactions));
    expect(output.ci.method).toBe('profile-likelihood');
    expect(output.ci.lower).toBeLessThan(output.estimate);
    expect(output.observed).toBe(2744);
    expect(output.lists).toEqual(['LA', 'NG', 'PFNCA', 'GO', 'GP']);
    expect(Array.isArray(output.warnings)).toBe(true);
    expect(output.sensitivity.leaveOneListOut).toHaveLength(5);
    expect(output.sensitivity.panel.aic.models[0].delta).toBe(0);
    expect(output.sensitivity.modelChoiceBootstrap).toBeNull();
  }, 300_000);
});

it('names the row and column of a bad cell and exits with 3', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'siren-mse-'));
  const file = join(folder, 'bad.csv');
  writeFileSync(file, 'A,B,count\n1,0,5\n0,2,3\n1,1,2\n');
  const result = await runInProcess(file);
  expect(result.code).toBe(3);
  expect(result.stderr).toContain('row 3, column B');
});

it('builds the table from linked records', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'siren-mse-'));
  const file = join(folder, 'records.csv');
  const lines = ['person,source'];
  for (let i = 0; i < 60; i++) lines.push(`p${i},police`);
  for (let i = 40; i < 100; i++) lines.push(`p${i},ngo`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const result = await runInProcess(
    file,
    '--entity-column',
    'person',
    '--list-column',
    'source',
    '--method',
    'main',
    '--ci',
    'profile',
    '--json',
  );
  expect(result.code).toBe(0);
  const output = JSON.parse(result.stdout);
  expect(output.observed).toBe(100);
  expect(output.estimate).toBeCloseTo((60 * 60) / 20, 6); // Lincoln–Petersen
});
