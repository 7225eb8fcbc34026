import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-files.ts';
import { createDemoAccounts } from '../../src/server/demo-accounts.ts';
import { verifyPassword } from '../../src/server/passwords.ts';
import { rotateRecordKeys } from '../../src/server/services/key-rotation.ts';
import { type Database, FieldCipher, generateKeyHex } from '../../src/store/index.ts';
import {
  appendAudit,
  auditEntryHash,
  canonicalJson,
  GENESIS_HASH,
  verifyAuditChain,
} from '../../src/store/repositories/audit.ts';
import { createOrganisation } from '../../src/store/repositories/organisations.ts';
import { describeOnEachDatabase } from '../support/databases.ts';

const key = () => Buffer.from(generateKeyHex(), 'hex');

describeOnEachDatabase('key rotation, audit chain and demo accounts', (target) => {
  let database: Database;
  const oldKey = key();
  const newKey = key();
  const folder = mkdtempSync(join(tmpdir(), 'siren-store-security-'));

  beforeAll(async () => {
    database = await target.open();
    await createOrganisation(database, 'Alpha Rescue');
    const file = join(folder, 'calls.csv');
    const rows = ['call_id,given_name,phone,reported_phone'];
    for (let index = 0; index < 1_203; index++)
      rows.push(
        `H-${index},Person ${index},+66 81 000 ${String(index).padStart(4, '0')},+855 12 000 ${String(index % 7).padStart(3, '0')}`,
      );
    writeFileSync(file, rows.join('\n'));
    await importFiles(database, new FieldCipher({ current: oldKey, previous: [] }), {
      files: [file],
      source: 'hotline',
      kind: 'hotline',
      actor: 'test',
    });
  });
  afterAll(async () => {
    await database?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('refuses to rotate without the old key, changing nothing', async () => {
    const before = await database.query<{ sealed: Buffer }>('SELECT sealed FROM records ORDER BY id');
    await expect(
      rotateRecordKeys(database, new FieldCipher({ current: newKey, previous: [] }), { actor: 'test' }),
    ).rejects.toThrow(/cannot be decrypted/);
    const after = await database.query<{ sealed: Buffer }>('SELECT sealed FROM records ORDER BY id');
    expect(after.rows.map((row) => row.sealed.toString('hex'))).toEqual(
      before.rows.map((row) => row.sealed.toString('hex')),
    );
  });

  it('re-encrypts every record under SIREN_KEY with SIREN_PREVIOUS_KEYS holding the old key, without loss', async () => {
    const old = new FieldCipher({ current: oldKey, previous: [] });
    const before = await database.query<{ id: number; sealed: Buffer }>(
      'SELECT id, sealed FROM records ORDER BY id',
    );
    const plaintexts = before.rows.map((row) => old.decrypt(row.sealed));
    const rotating = new FieldCipher({ current: newKey, previous: [oldKey] });
    const report = await rotateRecordKeys(database, rotating, { actor: 'test' });
    expect(report.records).toBe(1_203);
    expect(report.blindIndexes).toBe(2 * 1_203);
    const only = new FieldCipher({ current: newKey, previous: [] });
    const after = await database.query<{ id: number; sealed: Buffer; key_version: number }>(
      'SELECT id, sealed, key_version FROM records ORDER BY id',
    );
    expect(after.rows.map((row) => only.decrypt(row.sealed))).toEqual(plaintexts);
    expect(new Set(after.rows.map((row) => Number(row.key_version)))).toEqual(new Set([only.currentKeyId]));
    const digest = only.blindIndex('reported_phone', '85512000003');
    const matches = await database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM record_blind_indexes WHERE field = 'reported_phone' AND digest = $1",
      [digest],
    );
    expect(Number(matches.rows[0].n)).toBe(172);
    const again = await rotateRecordKeys(database, rotating, { actor: 'test' });
    expect(again.records).toBe(0);
  });

  it('chains audit entries by SHA-256 and finds the first entry changed behind its back', async () => {
    for (let index = 0; index < 5; index++)
      await appendAudit(database, {
        actor: 'user:test',
        action: 'records.read_personal',
        targetType: 'record',
        targetId: String(index),
        details: { b: 2, a: [1, { d: 4, c: 3 }] },
      });
    const entries = await database.query<{ id: number; previous_hash: string; hash: string }>(
      'SELECT id, previous_hash, hash FROM audit_log ORDER BY id',
    );
    expect(entries.rows[0].previous_hash).toBe(GENESIS_HASH);
    for (let index = 1; index < entries.rows.length; index++)
      expect(entries.rows[index].previous_hash).toBe(entries.rows[index - 1].hash);
    expect(canonicalJson({ b: 2, a: [1, { d: 4, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":4}],"b":2}');
    expect(
      auditEntryHash({
        id: 1,
        at: '2026-01-01T00:00:00.000Z',
        actor: 'a',
        action: 'b',
        targetType: 'c',
        targetId: null,
        details: {},
        address: null,
        organisationId: null,
        previousHash: GENESIS_HASH,
      }),
    ).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyAuditChain(database, 2)).toMatchObject({ ok: true, entries: entries.rows.length });

    const victim = Number(entries.rows[3].id);
    await database.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await database.exec(`UPDATE audit_log SET target_id = 'something else' WHERE id = ${victim}`);
    const changed = await verifyAuditChain(database, 2);
    expect(changed.ok).toBe(false);
    expect(changed.firstBad?.id).toBe(victim);
    expect(changed.firstBad?.reason).toMatch(/content does not match/);

    await database.exec(`DELETE FROM audit_log WHERE id = ${victim}`);
    const removed = await verifyAuditChain(database, 2);
    expect(removed.firstBad?.id).toBe(Number(entries.rows[4].id));
    expect(removed.firstBad?.reason).toMatch(/previous_hash/);
    await database.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });

  it('creates one demo account per role with generated passwords, once', async () => {
    const accounts = await createDemoAccounts({
      database,
      cipher: new FieldCipher({ current: newKey, previous: [] }),
    });
    expect(accounts.map((account) => account.role)).toEqual([
      'administrator',
      'analyst',
      'investigator',
      'field_researcher',
      'reader',
    ]);
    expect(new Set(accounts.map((account) => account.password)).size).toBe(5);
    for (const account of accounts) expect(account.password.length).toBeGreaterThanOrEqual(20);
    const { rows } = await database.query<{ email: string; password_hash: string }>(
      'SELECT email, password_hash FROM users ORDER BY id',
    );
    expect(await verifyPassword(rows[0].password_hash, accounts[0].password)).toBe(true);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(
      await createDemoAccounts({ database, cipher: new FieldCipher({ current: newKey, previous: [] }) }),
    ).toEqual([]);
  });
});
