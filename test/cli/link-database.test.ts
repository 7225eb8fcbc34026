import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSiren, runSirenInProcess } from '../support/cli.ts';
import { seedDataFolder } from '../support/pglite-template.ts';

const folder = mkdtempSync(join(tmpdir(), 'siren-link-db-'));
const environment = { SIREN_DATA: join(folder, 'data'), SIREN_DEMO: 'off' };
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const GIVEN = ['Sokha', 'Dara', 'Vanna', 'Srey', 'Chenda', 'Bopha', 'Rithy', 'Kosal', 'Mealea', 'Piseth'];
const FAMILY = ['Chan', 'Sok', 'Kim', 'Mom', 'Chea', 'Heng', 'Touch', 'Nhem', 'Long', 'Prak'];

/** Person i of a small population: names, sex, birth date and phone that differ between people. */
function person(index: number) {
  return {
    given: GIVEN[index % 10],
    family: FAMILY[(index * 3 + Math.floor(index / 10)) % 10],
    sex: index % 2 === 0 ? 'female' : 'male',
    born: `19${80 + (index % 20)}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + ((index * 7) % 28)).padStart(2, '0')}`,
    phone: `+855 12 ${String(100_000 + index * 7_919).slice(0, 3)} ${String(1_000 + index * 37).slice(0, 3)}`,
  };
}

const HEADER = 'case_id,given_name,family_name,sex,date_of_birth,phone';

/** Police: people 0-39. Shelter: people 20-49, a typo in every third given name, no phone for some. */
function writeSources(): { police: string; shelter: string } {
  const police = [HEADER];
  for (let index = 0; index < 40; index++) {
    const p = person(index);
    police.push(`P-${index},${p.given},${p.family},${p.sex},${p.born},${p.phone}`);
  }
  const shelter = [HEADER];
  for (let index = 20; index < 50; index++) {
    const p = person(index);
    const given = index % 3 === 0 ? `${p.given.slice(0, -1)}${p.given.at(-1) === 'a' ? 'h' : 'a'}` : p.given;
    shelter.push(`S-${index},${given},${p.family},${p.sex},${p.born},${index % 4 === 0 ? '' : p.phone}`);
  }
  const files = { police: join(folder, 'police.csv'), shelter: join(folder, 'shelter.csv') };
  writeFileSync(files.police, police.join('\n'));
  writeFileSync(files.shelter, shelter.join('\n'));
  return files;
}

/** Imports one agency's case file into organisation Alpha, in-process. */
async function importCases(file: string, source: string): Promise<void> {
  const imported = await runSirenInProcess(
    ['import', file, '--source', source, '--kind', 'case_management', '--org', 'Alpha', '--quiet'],
    environment,
  );
  expect(imported.code, imported.stderr).toBe(0);
}

describe('siren link --db', () => {
  let files: { police: string; shelter: string };

  beforeAll(async () => {
    files = writeSources();
    await seedDataFolder(environment.SIREN_DATA);
    const organisation = await runSirenInProcess(['org', 'add', 'Alpha'], environment);
    expect(organisation.code, organisation.stderr).toBe(0);
    await importCases(files.police, 'police');
  }, 300_000);

  it('says what it does in --help', async () => {
    const help = await runSirenInProcess(['link', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--db');
    expect(help.stdout).toContain('siren link undo HISTORY_ID');
    const undoHelp = await runSirenInProcess(['link', 'undo', '--help']);
    expect(undoHelp.stdout).toContain('history');
  });

  it('links the stored records, joins a new batch to the known entities, and changes nothing on a re-run', async () => {
    // Through bin/siren.js once: the exit status and the JSON on stdout of a real process.
    const first = await runSiren(['link', '--db', '--json'], environment);
    expect(first.code, first.stderr).toBe(0);
    const firstReport = JSON.parse(first.stdout);
    expect(firstReport).toMatchObject({ records: 40, incremental: false, entities: 40 });
    expect(firstReport.events.create).toBe(40);

    await importCases(files.shelter, 'shelter');
    const second = await runSirenInProcess(
      ['link', '--db', '--source', 'police', 'shelter', '--json'],
      environment,
    );
    expect(second.code, second.stderr).toBe(0);
    const secondReport = JSON.parse(second.stdout);
    expect(secondReport).toMatchObject({ records: 70, newRecords: 30, incremental: true });
    // The 20 shelter people also in the police list join their entities; 10 are new people.
    expect(secondReport.events.add).toBeGreaterThanOrEqual(18);
    expect(secondReport.entities).toBeGreaterThanOrEqual(50);
    expect(secondReport.entities).toBeLessThanOrEqual(52);

    const third = await runSirenInProcess(['link', '--db'], environment);
    expect(third.code, third.stderr).toBe(0);
    for (const event of ['create', 'add', 'merge', 'split'])
      expect(third.stdout).toMatch(new RegExp(`${event} events\\s+0\\b`));
  }, 600_000);

  it('estimates the population from the stored entities in one step (siren estimate mse --from-entities)', async () => {
    const estimated = await runSirenInProcess(
      [
        'estimate',
        'mse',
        '--from-entities',
        '--source',
        'police,shelter',
        '--method',
        'main',
        '--ci',
        'profile',
        '--json',
      ],
      environment,
    );
    expect(estimated.code, estimated.stderr).toBe(0);
    const result = JSON.parse(estimated.stdout);
    expect(result.lists).toEqual(['police', 'shelter']);
    // 50 people, 40 on the police list, 30 in the shelter, 20 on both: Lincoln-Petersen 40·30/20 = 60.
    expect(result.observed).toBeGreaterThanOrEqual(50);
    expect(result.observed).toBeLessThanOrEqual(52);
    expect(result.estimate).toBeGreaterThan(55);
    expect(result.estimate).toBeLessThan(70);
  }, 300_000);

  it('undoes a change by its history id, and refuses to undo it twice', async () => {
    const undone = await runSirenInProcess(['link', 'undo', '41', '--json'], environment);
    expect(undone.code, undone.stderr).toBe(0);
    expect(JSON.parse(undone.stdout)).toMatchObject({ undone: 41 });
    const again = await runSirenInProcess(['link', 'undo', '41'], environment);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('undone already');
    const missing = await runSirenInProcess(['link', 'undo', '9999'], environment);
    expect(missing.code).toBe(5);
  }, 300_000);

  it('names the bad flag', async () => {
    const bad = await runSirenInProcess(['link', '--db', '--threshold', '2'], environment);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('--threshold');
    const none = await runSirenInProcess(['link', '--db', '--source', 'nowhere'], environment);
    expect(none.code).toBe(5);
    expect(none.stderr).toContain('nowhere');
  }, 120_000);
});
