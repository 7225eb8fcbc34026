import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const folder = mkdtempSync(join(tmpdir(), 'siren-synth-cli-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function siren(...args: string[]) {
  return spawnSync('node', ['bin/siren.js', ...args], { cwd: '/work/main', encoding: 'utf8' });
}

describe('siren synth', () => {
  it('writes a small world with its manifest and prints JSON', () => {
    const out = join(folder, 'world');
    const result = siren('synth', '--seed', '3', '--people', '400', '--weeks', '30', '--out', out, '--json');
    expect(result.status).toBe(0);
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
  });

  it('explains the scenarios in --help', () => {
    const result = siren('synth', '--help');
    expect(result.status).toBe(0);
    for (const name of [
      'baseline',
      'independent-lists',
      'heterogeneous-capture',
      'referral-dependence',
      'strong-homophily',
    ])
      expect(result.stdout).toContain(name);
  });

  it('refuses an unknown scenario or a bad number with exit code 3 naming the flag', () => {
    const scenario = siren('synth', '--seed', '1', '--out', join(folder, 'x'), '--scenario', 'nope');
    expect(scenario.status).toBe(3);
    expect(scenario.stderr).toContain('--scenario');
    const people = siren('synth', '--seed', '1', '--out', join(folder, 'x'), '--people', 'many');
    expect(people.status).toBe(3);
    expect(people.stderr).toContain('--people');
  });
});
