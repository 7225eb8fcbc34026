import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { importFiles } from '../../src/ingest/import-files.ts';
import { linkStoredRecords } from '../../src/jobs/index.ts';
import { getRecord, getRecords } from '../../src/store/repositories/records.ts';
import { createAgreement } from '../../src/store/repositories/sharing.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import { type Caller, createWorld, OWN, type World } from './support/world.ts';

const GIVEN = ['Sokha', 'Dara', 'Vanna', 'Srey', 'Chenda', 'Bopha', 'Rithy', 'Kosal', 'Mealea', 'Piseth'];
const FAMILY = [
  'Chanthou',
  'Sokhom',
  'Kimsan',
  'Mony',
  'Cheang',
  'Hengly',
  'Touch',
  'Nhem',
  'Longdy',
  'Prak',
];

/** A shelter list of 30 people in which 12 appear twice, with a typo or a missing phone. */
function shelterCsv(): string {
  const rows = ['case_id,given_name,family_name,sex,date_of_birth,phone'];
  const person = (index: number) => [
    GIVEN[index % 10],
    FAMILY[(index * 3 + Math.floor(index / 10)) % 10],
    index % 2 === 0 ? 'female' : 'male',
    `19${80 + (index % 20)}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + ((index * 7) % 28)).padStart(2, '0')}`,
    `+855 12 ${String(200 + index * 13).padStart(3, '0')} ${String(500 + index * 17).padStart(3, '0')}`,
  ];
  for (let index = 0; index < 30; index++) rows.push([`S-${index}`, ...person(index)].join(','));
  for (let index = 0; index < 12; index++) {
    const [given, family, sex, born, phone] = person(index);
    const typo = index % 2 === 0 ? `${given}h` : given;
    rows.push([`S-${index}-again`, typo, family, sex, born, index % 3 === 0 ? '' : phone].join(','));
  }
  return rows.join('\n');
}

interface Step {
  step: string;
  weight: number;
  cumulative: number;
  left: string | null;
  right: string | null;
}
interface Pair {
  left: { id: number; level: string; personal?: Record<string, unknown> };
  right: { id: number; level: string; personal?: Record<string, unknown> };
  probability: number;
  weight: number;
  steps: Step[];
}

describeOnEachDatabase('linkage review API', (target) => {
  let world: World;
  let analyst: Caller;
  let otherAnalyst: Caller;
  let reader: Caller;

  const get = (caller: Caller, url: string) =>
    world.app.inject({ method: 'GET', url, headers: caller.headers });
  const post = (caller: Caller, url: string, payload?: Record<string, unknown>) =>
    world.app.inject({ method: 'POST', url, headers: caller.headers, payload });

  beforeAll(async () => {
    world = await createWorld(target);
    const folder = mkdtempSync(join(tmpdir(), 'siren-linkage-api-'));
    const file = join(folder, 'shelter.csv');
    writeFileSync(file, shelterCsv());
    await importFiles(world.store.database, world.store.cipher, {
      files: [file],
      source: 'alpha-shelter',
      kind: 'case_management',
      organisation: OWN,
      actor: 'test',
    });
    rmSync(folder, { recursive: true, force: true });
    await linkStoredRecords(world.store.database, world.store.cipher, {
      actor: 'test',
      sources: ['alpha-shelter'],
    });
    analyst = await world.signIn('analyst');
    otherAnalyst = await world.signIn('analyst', 'other');
    reader = await world.signIn('reader');
  }, 120_000);
  afterAll(async () => world?.close());

  it('lists candidate pairs with their waterfall and values, and audits the personal read', async () => {
    const before = await world.auditCount('linkage.read_personal');
    const response = await get(analyst, '/api/linkage/candidates?lower=0.01&upper=1&limit=50');
    expect(response.statusCode, response.body).toBe(200);
    const items: Pair[] = response.json().items;
    expect(items.length).toBeGreaterThan(5);
    for (const pair of items) {
      expect(pair.steps.reduce((sum, step) => sum + step.weight, 0)).toBeCloseTo(pair.weight, 9);
      expect(pair.probability).toBeCloseTo(1 / (1 + 2 ** -pair.weight), 12);
      expect(pair.left.level).toBe('full');
    }
    const named = items.flatMap((pair) => pair.steps).find((step) => step.step === 'family_name');
    expect(named?.left).toMatch(/^[A-Z]/);
    expect(await world.auditCount('linkage.read_personal')).toBe(before + 1);
    const { rows } = await world.store.database.query<{ score: number; left: number; right: number }>(
      `SELECT score, from_record AS "left", to_record AS "right" FROM relations WHERE kind = 'same_as'`,
    );
    for (const relation of rows) {
      const same = items.find(
        (pair) => pair.left.id === Number(relation.left) && pair.right.id === Number(relation.right),
      );
      if (same) expect(same.probability).toBe(relation.score);
    }
  });

  it('shows a partner only pseudonyms and no values at the pseudonymised level, and lets it decide nothing', async () => {
    expect((await get(otherAnalyst, '/api/linkage/candidates?lower=0&upper=1')).json().items).toEqual([]);
    const agreement = await createAgreement(world.store.database, {
      ownerOrganisationId: world.organisations.own.id,
      partnerOrganisationId: world.organisations.other.id,
      sourceId: null,
      level: 'pseudonymised',
    });
    const response = await get(otherAnalyst, '/api/linkage/candidates?lower=0&upper=1&limit=5');
    const items: Pair[] = response.json().items;
    expect(items.length).toBeGreaterThan(0);
    for (const pair of items) {
      expect(pair.left.level).toBe('pseudonymised');
      expect(pair.left.personal).toBeUndefined();
      expect(pair.steps.every((step) => step.left === null && step.right === null)).toBe(true);
    }
    const refused = await post(otherAnalyst, '/api/linkage/decisions', {
      left: items[0].left.id,
      right: items[0].right.id,
      decision: 'confirm',
    });
    expect(refused.statusCode).toBe(404);
    await world.store.database.query('DELETE FROM sharing_agreements WHERE id = $1', [agreement.id]);
  });

  it('takes a confirm (merge) with who and when, shows the entity, and undoes it', async () => {
    const entityOf = async (record: number) =>
      Number(
        (
          await world.store.database.query<{ entity: number }>(
            "SELECT entity_id AS entity FROM entity_members WHERE record_id = $1 AND role = 'subject'",
            [record],
          )
        ).rows[0].entity,
      );
    const { rows } = await world.store.database.query<{ id: number }>(
      "SELECT id FROM records WHERE record_key IN ('S-20', 'S-21') ORDER BY record_key",
    );
    const pair = { left: { id: Number(rows[0].id) }, right: { id: Number(rows[1].id) } };
    expect(await entityOf(pair.left.id)).not.toBe(await entityOf(pair.right.id));
    const decided = await post(analyst, '/api/linkage/decisions', {
      left: pair.left.id,
      right: pair.right.id,
      decision: 'confirm',
      note: 'same family, same village',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const result = decided.json();
    expect(result.decision).toMatchObject({ decision: 'confirm', decidedBy: 'user:analyst@own.test' });
    expect(result.entities.left).toBe(result.entities.right);
    expect(await world.auditCount('linkage.decide')).toBe(1);

    const entity = await get(analyst, `/api/entities/${result.entities.left}`);
    expect(entity.statusCode, entity.body).toBe(200);
    const view = entity.json();
    expect(view.members.map((member: { id: number }) => member.id)).toEqual(
      expect.arrayContaining([pair.left.id, pair.right.id]),
    );
    const merge = view.history.find((entry: { id: number }) => entry.id === result.history[0]);
    expect(merge).toMatchObject({ action: 'merge', actor: 'user:analyst@own.test' });
    expect(merge.details.reasonKind).toBe('decision');
    expect(merge.details.reason).toContain('same family, same village');
    expect((await get(otherAnalyst, `/api/entities/${result.entities.left}`)).statusCode).toBe(404);
    expect((await post(otherAnalyst, `/api/entities/history/${result.history[0]}/undo`)).statusCode).toBe(
      404,
    );

    const undone = await post(analyst, `/api/entities/history/${result.history[0]}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await entityOf(pair.right.id)).not.toBe(await entityOf(pair.left.id));
    const twice = await post(analyst, `/api/entities/history/${result.history[0]}/undo`);
    expect(twice.statusCode).toBe(409);
  });

  it('loads the records of a candidate list and of an entity in one query each, the records one-by-one reads give', async () => {
    const database = world.store.database;
    const recordQueries = vi.spyOn(database, 'query');
    /** Queries that read records whole, sealed personal fields included. */
    const readsOfRecords = () =>
      recordQueries.mock.calls.filter(([sql]) => String(sql).includes('r.sealed')).length;
    const candidates = await get(analyst, '/api/linkage/candidates?lower=0.01&upper=1&limit=50');
    const items: Pair[] = candidates.json().items;
    expect(items.length).toBeGreaterThan(5);
    expect(readsOfRecords()).toBe(1);
    recordQueries.mockClear();
    const { rows } = await database.query<{ entity: number }>(
      "SELECT entity_id AS entity FROM entity_members m JOIN records r ON r.id = m.record_id WHERE r.record_key = 'S-0' AND m.role = 'subject'",
    );
    recordQueries.mockClear();
    const entity = await get(analyst, `/api/entities/${rows[0].entity}`);
    expect(entity.json().members.length).toBeGreaterThan(1);
    expect(readsOfRecords()).toBe(1);
    recordQueries.mockRestore();

    const ids = items.flatMap((pair) => [pair.right.id, pair.left.id]);
    const oneByOne = [];
    for (const id of [...new Set(ids)].sort((a, b) => a - b)) oneByOne.push(await getRecord(database, id));
    expect(await getRecords(database, [...ids, 999_999])).toEqual(oneByOne);
  });

  it('refuses readers and bad requests', async () => {
    expect((await get(reader, '/api/linkage/candidates')).statusCode).toBe(403);
    expect((await get(analyst, '/api/linkage/candidates?lower=0.9&upper=0.1')).statusCode).toBe(400);
    const same = await post(analyst, '/api/linkage/decisions', { left: 1, right: 1, decision: 'confirm' });
    expect([400, 404]).toContain(same.statusCode);
    expect((await get(analyst, '/api/entities/999999')).statusCode).toBe(404);
  });
});
