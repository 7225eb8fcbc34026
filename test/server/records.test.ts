import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../support/databases.ts';
import {
  type Caller,
  createWorld,
  FORMULA_PAYLOAD,
  OTHER,
  OTHER_PHONE,
  OWN_PHONE,
  SCRIPT_PAYLOAD,
  SQL_PAYLOAD,
  UNIQUE_OTHER_NAME,
  UNIQUE_OWN_NAME,
  type World,
} from './support/world.ts';

interface RecordItem {
  id: number;
  source: string;
  level: string;
  pseudonym: string;
  fields: Record<string, unknown>;
  personal?: Record<string, unknown>;
  raw?: Record<string, string>;
}

describeOnEachDatabase('records API', (target) => {
  let world: World;
  let analyst: Caller;
  let otherAnalyst: Caller;
  let otherAdministrator: Caller;

  const get = async (caller: Caller | undefined, url: string) =>
    world.app.inject({ method: 'GET', url, headers: caller ? { cookie: caller.cookie } : {} });
  const items = async (caller: Caller, url: string): Promise<RecordItem[]> => {
    const response = await get(caller, url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };

  beforeAll(async () => {
    world = await createWorld(target);
    analyst = await world.signIn('analyst');
    otherAnalyst = await world.signIn('analyst', 'other');
    otherAdministrator = await world.signIn('administrator', 'other');
  });
  afterAll(async () => world?.close());

  it('lists own records in full, with personal fields decrypted, and audits each read', async () => {
    const before = await world.auditCount('records.read_personal');
    const list = await items(analyst, '/api/records?source=alpha-cases');
    expect(list.map((item) => item.level)).toEqual(['full', 'full', 'full']);
    expect(list[0].personal?.given_name).toBe(UNIQUE_OWN_NAME);
    expect(list[0].raw?.given_name).toBe(UNIQUE_OWN_NAME);
    expect(list[0].fields.given_name).toBeUndefined();
    expect(await world.auditCount('records.read_personal')).toBe(before + 1);
    const { rows } = await world.store.database.query<{ details: { recordIds: number[] }; actor: string }>(
      "SELECT details, actor FROM audit_log WHERE action = 'records.read_personal' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0].details.recordIds).toEqual(list.map((item) => item.id));
    expect(rows[0].actor).toBe('user:analyst@own.test');
  });

  it("never lists another organisation's records, with or without a source", async () => {
    const all = await items(analyst, '/api/records?limit=500');
    expect(new Set(all.map((item) => item.source))).toEqual(new Set(['alpha-cases', 'alpha-interviews']));
    expect(await items(analyst, '/api/records?source=beta-cases')).toEqual([]);
  });

  it("answers 404 for another organisation's record by id, exactly as for a record that does not exist", async () => {
    const otherId = world.records['beta-cases'][0];
    const hidden = await get(analyst, `/api/records/${otherId}`);
    const missing = await get(analyst, '/api/records/987654321');
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect(hidden.body).not.toContain(UNIQUE_OTHER_NAME);
    const own = await get(otherAnalyst, `/api/records/${otherId}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().personal.given_name).toBe(UNIQUE_OTHER_NAME);
  });

  it("finds nothing of another organisation's by search, and nothing by export", async () => {
    expect(
      await items(analyst, `/api/records/search?field=phone&value=${encodeURIComponent(OTHER_PHONE)}`),
    ).toEqual([]);
    const found = await items(
      analyst,
      `/api/records/search?field=phone&value=${encodeURIComponent('081-234-5678'.replace('0', '+66 '))}`,
    );
    expect(found.map((item) => item.personal?.given_name)).toEqual([UNIQUE_OWN_NAME]);
    const exported = await get(analyst, '/api/records/export?source=beta-cases');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    expect(exported.body.trim().split('\n')).toHaveLength(1);
    expect(exported.body).not.toContain(UNIQUE_OTHER_NAME);
    expect(exported.body).not.toContain('Chan');
  });

  it('gives field researchers their own site’s interviews only, and readers no records', async () => {
    const researcher = await world.signIn('field_researcher');
    const list = await items(researcher, '/api/records');
    expect(list.map((item) => item.fields.site)).toEqual(['Poipet', 'Poipet']);
    expect((await get(researcher, `/api/records/${world.records['alpha-interviews'][2]}`)).statusCode).toBe(
      404,
    );
    expect((await get(researcher, `/api/records/${world.records['alpha-cases'][0]}`)).statusCode).toBe(404);
    const reader = await world.signIn('reader');
    expect((await get(reader, '/api/records')).statusCode).toBe(403);
    expect((await get(reader, `/api/records/${world.records['alpha-cases'][0]}`)).statusCode).toBe(403);
  });

  it('returns script, SQL and formula payloads from imported text fields as inert data', async () => {
    const list = await items(analyst, '/api/records?source=alpha-cases');
    const scripted = list.find((item) => item.fields.case_id === 'A-2');
    expect(scripted?.personal?.given_name).toBe(SCRIPT_PAYLOAD);
    expect(scripted?.personal?.family_name).toBe(SQL_PAYLOAD);
    expect(scripted?.fields.identified_by).toBe(SCRIPT_PAYLOAD);
    const response = await get(analyst, `/api/records/${scripted?.id}`);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    const tables = await world.store.database.query<{ n: number }>('SELECT count(*)::int AS n FROM records');
    expect(tables.rows[0].n).toBeGreaterThan(0);
    const csv = (await get(analyst, '/api/records/export?source=alpha-cases')).body;
    expect(csv).toContain(`'${FORMULA_PAYLOAD.replaceAll('"', '""')}`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('leaves the audit entries each access must leave, in order, with who and from where', async () => {
    const { rows: last } = await world.store.database.query<{ id: number }>(
      'SELECT coalesce(max(id), 0) AS id FROM audit_log',
    );
    const investigator = await world.signIn('investigator');
    const own = world.records['alpha-cases'][0];
    const other = world.records['beta-cases'][1];
    const send = (method: 'GET' | 'DELETE', url: string) =>
      world.app.inject({ method, url, headers: investigator.headers });
    expect((await send('GET', `/api/records/${own}`)).statusCode).toBe(200);
    expect((await send('GET', `/api/records/${other}`)).statusCode).toBe(404);
    expect(
      (await send('GET', `/api/records/search?field=phone&value=${encodeURIComponent(OWN_PHONE)}`))
        .statusCode,
    ).toBe(200);
    expect((await send('GET', '/api/records/export?source=alpha-cases')).statusCode).toBe(200);
    expect((await send('DELETE', '/api/session')).statusCode).toBe(200);
    const { rows } = await world.store.database.query<{
      actor: string;
      action: string;
      target_id: string | null;
      address: string | null;
      details: { recordIds?: number[] };
    }>('SELECT actor, action, target_id, address, details FROM audit_log WHERE id > $1 ORDER BY id', [
      Number(last[0].id),
    ]);
    expect(rows.map((row) => row.action)).toEqual([
      'session.sign_in',
      'records.read_personal',
      'records.not_visible',
      'records.search',
      'records.read_personal',
      'records.export',
      'records.read_personal',
      'session.sign_out',
    ]);
    for (const row of rows) {
      expect(row.actor).toBe('user:investigator@own.test');
      expect(row.address).toBe('127.0.0.1');
    }
    expect(rows[1].target_id).toBe(String(own));
    expect(rows[2].target_id).toBe(String(other));
    expect(rows[4].details.recordIds).toEqual([own]);
    expect(rows[6].details.recordIds).toEqual(world.records['alpha-cases']);
  });

  it('shares per agreement: aggregate counts only, then pseudonymised without personal fields, then full', async () => {
    const share = (level: string) =>
      world.app.inject({
        method: 'POST',
        url: '/api/sharing',
        headers: otherAdministrator.headers,
        payload: { partner: 'Alpha Rescue', source: 'beta-cases', level },
      });
    const otherId = world.records['beta-cases'][0];

    expect((await share('aggregate')).statusCode).toBe(200);
    expect(await items(analyst, '/api/records?source=beta-cases')).toEqual([]);
    expect((await get(analyst, `/api/records/${otherId}`)).statusCode).toBe(404);
    const overview = (await get(analyst, '/api/overview')).json();
    expect(overview.sources).toContainEqual({
      name: 'beta-cases',
      kind: 'case_management',
      organisation: OTHER,
      records: null,
      level: 'aggregate',
    });
    // 2 records shared at the aggregate level only: suppressed, and the kind's total with them
    // (the caller's own 3 subtracted from 5 would give the 2 back).
    expect(overview.recordsByKind.case_management).toBeNull();
    expect(overview.suppressionThreshold).toBe(5);
    expect(overview.imports.map((batch: { source: string }) => batch.source)).not.toContain('beta-cases');

    expect((await share('pseudonymised')).statusCode).toBe(200);
    const before = await world.auditCount('records.read_personal');
    const pseudonymised = await items(analyst, '/api/records?source=beta-cases');
    expect(pseudonymised).toHaveLength(2);
    for (const item of pseudonymised) {
      expect(item.level).toBe('pseudonymised');
      expect(item.personal).toBeUndefined();
      expect(item.raw).toBeUndefined();
      expect(item.pseudonym).toMatch(/^cas_/);
    }
    expect(JSON.stringify(pseudonymised)).not.toContain(UNIQUE_OTHER_NAME);
    expect((await get(analyst, `/api/records/${otherId}`)).json().personal).toBeUndefined();
    expect(
      await items(analyst, `/api/records/search?field=phone&value=${encodeURIComponent(OTHER_PHONE)}`),
    ).toEqual([]);
    const csv = (await get(analyst, '/api/records/export?source=beta-cases')).body;
    expect(csv.trim().split('\n')).toHaveLength(3);
    expect(csv).not.toContain(UNIQUE_OTHER_NAME);
    expect(await world.auditCount('records.read_personal')).toBe(before);

    expect((await share('full')).statusCode).toBe(200);
    const full = await get(analyst, `/api/records/${otherId}`);
    expect(full.json().personal.given_name).toBe(UNIQUE_OTHER_NAME);
    expect(await world.auditCount('records.read_personal')).toBe(before + 1);
    const byPhone = await items(
      analyst,
      `/api/records/search?field=phone&value=${encodeURIComponent(OTHER_PHONE)}`,
    );
    expect(byPhone.map((item) => item.id)).toEqual([otherId]);

    const agreements = (
      await world.app.inject({
        method: 'GET',
        url: '/api/sharing',
        headers: { cookie: otherAdministrator.cookie },
      })
    ).json().items as { id: number }[];
    expect(agreements).toHaveLength(3);
    const notTheirs = await world.app.inject({
      method: 'DELETE',
      url: `/api/sharing/${agreements[0].id}`,
      headers: (await world.signIn('administrator')).headers,
    });
    expect(notTheirs.statusCode).toBe(404);
    for (const agreement of agreements) {
      const ended = await world.app.inject({
        method: 'DELETE',
        url: `/api/sharing/${agreement.id}`,
        headers: otherAdministrator.headers,
      });
      expect(ended.statusCode).toBe(200);
    }
    expect((await get(analyst, `/api/records/${otherId}`)).statusCode).toBe(404);
    expect(await items(analyst, '/api/records?source=beta-cases')).toEqual([]);
  });

  it('leaves no personal data in audit entries', async () => {
    const { rows } = await world.store.database.query<{ text: string }>(
      'SELECT audit_log::text AS text FROM audit_log',
    );
    const all = rows.map((row) => row.text).join('\n');
    expect(all).not.toContain(UNIQUE_OWN_NAME);
    expect(all).not.toContain(UNIQUE_OTHER_NAME);
    expect(all).not.toContain(OWN_PHONE);
  });
});
