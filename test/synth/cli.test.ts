import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSiren, runSirenInProcess } from '../support/cli.ts';

const folder = mkdtempSync(join(tmpdir(), 'siren-synth-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The first run spawns bin/siren.js (end to end); the rest run the same program in this process. */
const siren = (...args: string[]) => runSiren(args);
const sirenInProcess = (...args: string[]) => runSirenInProcess(args);

describe('siren synth', () => {
  it('writes a small world with its manifest and prints JSON', async () => {
    const out = join(folder, 'world');
    const result = await siren(
      'synth',
      '--seed',
      '3',
      '--people',
      '400',
      '--weeks',
      '30',
      '--out',
      out,
      '--json',
    );
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.manifest.seed).toBe(3);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.sources.map((source: { name: string }) => source.name)).toEqual(
      expect.arrayContaining([
        'police',
        'ngo_shelter',
        'hotline',
        'returns',
        'labour_inspection',
        'iom_cases',
      ]),
    );
    for (const source of manifest.sources) {
      for (const file of source.files) expect(existsSync(join(out, file))).toBe(true);
      expect(JSON.parse(readFileSync(join(out, source.mapping), 'utf8')).kind).toBe(source.kind);
    }
    for (const path of Object.values(manifest.truth))
      expect(existsSync(join(out, path as string))).toBe(true);
  }, 300_000);

  it('explains the scenarios in --help', async () => {
    const result = await sirenInProcess('synth', '--help');
    expect(result.code).toBe(0);
    for (const name of [
      'baseline',
      'independent-lists',
      'heterogeneous-capture',
      'referral-dependence',
      'strong-homophily',
    ])
      expect(result.stdout).toContain(name);
  });

  it('refuses an unknown scenario or a bad number with exit code 3 naming the flag', async () => {
    const scenario = await sirenInProcess(
      'synth',
      '--seed',
      '1',
      '--out',
      join(folder, 'x'),
      '--scenario',
      'nope',
    );
    expect(scenario.code).toBe(3);
    expect(scenario.stderr).toContain('--scenario');
    const people = await sirenInProcess(
      'synth',
      '--seed',
      '1',
      '--out',
      join(folder, 'x'),
      '--people',
      'many',
    );
    expect(people.code).toBe(3);
    expect(people.stderr).toContain('--people');
  });
});
