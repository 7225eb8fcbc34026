import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWorld } from '../../src/synth/index.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function filesOf(directory: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(directory);
  return out.sort();
}

/** One hash per file, keyed by relative path. */
function hashes(directory: string): Record<string, string> {
  return Object.fromEntries(
    filesOf(directory).map((path) => [
      relative(directory, path),
      createHash('sha256').update(readFileSync(path)).digest('hex'),
    ]),
  );
}

async function world(seed: number, scenario = 'baseline'): Promise<Record<string, string>> {
  const folder = mkdtempSync(join(tmpdir(), 'siren-synth-'));
  folders.push(folder);
  await writeWorld({ seed, people: 1500, scenario, weeks: 60 }, folder);
  return hashes(folder);
}

describe('synth world reproducibility', () => {
  it('writes the same bytes for the same seed and options, every file including the XLSX', async () => {
    const first = await world(11);
    const second = await world(11);
    expect(Object.keys(first).length).toBeGreaterThan(15);
    expect(second).toEqual(first);
  });

  it('writes different bytes for a different seed', async () => {
    const first = await world(11);
    const other = await world(12);
    for (const path of [
      'sources/police/ahtjp_cases.csv',
      'sources/ngo_shelter/shelter_clients.xlsx',
      'truth/persons.csv',
    ])
      expect(other[path]).not.toEqual(first[path]);
  });
});
