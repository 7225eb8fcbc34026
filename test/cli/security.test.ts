import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { blindIndexForm } from '../../src/ingest/import-files.ts';
import { openDatabase, openStore } from '../../src/store/index.ts';
import { runSirenInProcess } from '../support/cli.ts';
import { seedDataFolder } from '../support/pglite-template.ts';

const UNIQUE_NAME = 'Wexqolandrip';
const VISIBLE_MARKER = 'Ozymandiasbureau';
const PHONE = '+66 81 555 0101';
const PASSWORD = 'a long enough test password';

/** Every file under a folder, recursively. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function siren(args: string[], environment: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, ['bin/siren.js', ...args], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, ...environment, DATABASE_URL: '' },
    input,
    encoding: 'utf8',
    timeout: 240_000,
  });
}

describe('siren org, user, sharing, keys and audit commands (embedded database on disk)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'siren-cli-security-'));
  const data = join(folder, 'data');
  const saved = { ...process.env };
  const run = (...args: string[]) => main(['node', 'siren', ...args]);

  beforeAll(async () => {
    process.env.SIREN_DATA = data;
    delete process.env.DATABASE_URL;
    delete process.env.SIREN_KEY;
    delete process.env.SIREN_PREVIOUS_KEYS;
    await seedDataFolder(data);
    const cases = join(folder, 'cases.csv');
    writeFileSync(
      cases,
      [
        'case_id,given_name,family_name,sex,phone,identified_by',
        `C-1,${UNIQUE_NAME},Sok,female,${PHONE},${VISIBLE_MARKER}`,
        'C-2,Dara,Kim,male,,ngo',
      ].join('\n'),
    );
    expect(await run('org', 'add', 'Alpha Rescue')).toBe(0);
    expect(await run('org', 'add', 'Beta Shelter')).toBe(0);
    expect(
      await run(
        'import',
        '--quiet',
        '--source',
        'alpha-cases',
        '--kind',
        'case_management',
        '--org',
        'Alpha Rescue',
        cases,
      ),
    ).toBe(0);
  });
  afterAll(() => {
    process.env = saved;
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses a second organisation of the same name (exit 4) and unknown organisations (exit 5)', async () => {
    expect(await run('org', 'add', 'Alpha Rescue')).toBe(4);
    expect(
      await run('sharing', 'add', '--owner', 'Nobody', '--partner', 'Beta Shelter', '--level', 'full'),
    ).toBe(5);
  });

  it('adds sharing agreements and checks the level (exit 3 for a bad one)', async () => {
    expect(
      await run(
        'sharing',
        'add',
        '--owner',
        'Alpha Rescue',
        '--partner',
        'Beta Shelter',
        '--source',
        'alpha-cases',
        '--level',
        'pseudonymised',
      ),
    ).toBe(0);
    expect(
      await run(
        'sharing',
        'add',
        '--owner',
        'Alpha Rescue',
        '--partner',
        'Beta Shelter',
        '--level',
        'everything',
      ),
    ).toBe(3);
  });

  it('never stores the unique imported name in plaintext in the database files', () => {
    const files = filesUnder(join(data, 'pglite'));
    const needle = Buffer.from(UNIQUE_NAME, 'utf8');
    const control = Buffer.from(VISIBLE_MARKER, 'utf8');
    const contents = files.map((file) => readFileSync(file));
    expect(contents.some((content) => content.includes(control))).toBe(true);
    expect(contents.filter((content) => content.includes(needle))).toHaveLength(0);
  });

  it('rotates the embedded key without loss: every value decrypts, blind indexes and pseudonyms follow the new key', async () => {
    const readAll = async () => {
      const store = await openStore(loadConfig());
      try {
        const { rows } = await store.database.query<{
          id: number;
          sealed: Buffer;
          pseudonym: string;
          key_version: number;
        }>('SELECT id, sealed, pseudonym, key_version FROM records ORDER BY id');
        const digest = store.cipher.blindIndex('phone', blindIndexForm('phone', PHONE));
        const found = await store.database.query<{ record_id: number }>(
          "SELECT record_id FROM record_blind_indexes WHERE field = 'phone' AND digest = $1",
          [digest],
        );
        return {
          keyId: store.cipher.currentKeyId,
          plaintexts: rows.map((row) => store.cipher.decrypt(row.sealed)),
          versions: rows.map((row) => Number(row.key_version)),
          pseudonyms: rows.map((row) => row.pseudonym),
          phoneMatches: found.rows.map((row) => Number(row.record_id)),
        };
      } finally {
        await store.database.close();
      }
    };
    const before = await readAll();
    const oldKey = readFileSync(join(data, 'siren.key'), 'utf8').trim();
    expect(await run('keys', 'rotate', '--quiet')).toBe(0);
    const newKey = readFileSync(join(data, 'siren.key'), 'utf8').trim();
    expect(newKey).not.toBe(oldKey);
    expect(readFileSync(join(data, 'siren.previous-keys'), 'utf8')).toContain(oldKey);
    const after = await readAll();
    expect(after.keyId).not.toBe(before.keyId);
    expect(after.plaintexts).toEqual(before.plaintexts);
    expect(after.plaintexts[0]).toContain(UNIQUE_NAME);
    expect(after.versions).toEqual(after.versions.map(() => after.keyId));
    expect(after.phoneMatches).toEqual(before.phoneMatches);
    expect(after.phoneMatches).toHaveLength(1);
    expect(after.pseudonyms).not.toEqual(before.pseudonyms);
  });

  it('adds a user with the password from stdin, and the audit chain verifies (spawned siren)', async () => {
    const environment = { SIREN_DATA: data };
    const added = siren(
      ['user', 'add', '--email', 'ana@alpha.test', '--role', 'analyst', '--org', 'Alpha Rescue', '--json'],
      environment,
      `${PASSWORD}\n`,
    );
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      email: 'ana@alpha.test',
      role: 'analyst',
      organisation: 'Alpha Rescue',
    });
    const short = siren(
      ['user', 'add', '--email', 'b@alpha.test', '--role', 'reader', '--org', 'Alpha Rescue'],
      environment,
      'short\n',
    );
    expect(short.status).toBe(3);
    expect(short.stderr).toMatch(/too short/);
    const verified = await runSirenInProcess(['audit', 'verify', '--json'], environment);
    expect(verified.code, verified.stderr).toBe(0);
    const result = JSON.parse(verified.stdout);
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThanOrEqual(5);
  }, 300_000);

  it('detects a tampered audit log: exit code 3 naming the first bad entry', async () => {
    const database = await openDatabase({ dataDirectory: data });
    const { rows } = await database.query<{ id: number }>(
      "SELECT id FROM audit_log WHERE action = 'sharing.create' ORDER BY id LIMIT 1",
    );
    const tampered = Number(rows[0].id);
    await expect(database.exec(`UPDATE audit_log SET details = '{}' WHERE id = ${tampered}`)).rejects.toThrow(
      /append-only/,
    );
    await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await database.exec(`UPDATE audit_log SET details = '{"level":"full"}' WHERE id = ${tampered}`);
    await database.close();
    const verified = await runSirenInProcess(['audit', 'verify', '--json'], { SIREN_DATA: data });
    expect(verified.code).toBe(3);
    const result = JSON.parse(verified.stdout);
    expect(result.ok).toBe(false);
    expect(result.firstBad.id).toBe(tampered);
    expect(verified.stderr).toContain(`entry ${tampered}`);
  }, 300_000);
});
