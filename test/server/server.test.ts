import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { ROUTES, startServer } from '../../src/server/index.ts';
import { verifyAuditChain } from '../../src/store/repositories/audit.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import { type Caller, createWorld, type World } from './support/world.ts';

describeOnEachDatabase('server', (target) => {
  let world: World;
  let administrator: Caller;
  const folder = join(tmpdir(), `siren-server-files-${process.pid}-${target.kind}`);

  beforeAll(async () => {
    world = await createWorld(target);
    administrator = await world.signIn('administrator');
    mkdirSync(join(folder, 'web', 'assets'), { recursive: true });
    writeFileSync(
      join(folder, 'web', 'index.html'),
      '<!doctype html><title>SIREN app</title><script src="/assets/app.js"></script>',
    );
    writeFileSync(join(folder, 'web', 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(
      join(folder, 'provinces.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { code: 'KH-1' }, geometry: null }],
      }),
    );
  });
  afterAll(async () => world?.close());

  it('answers /api/health with the database kind, version and migration', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.status).toBe('ok');
    expect(body.database.kind).toBe(target.kind);
    expect(body.database.version).toMatch(/^\d+/);
    expect(body.migration).toMatch(/^2026-/);
  });

  it('describes every route in the OpenAPI document generated from the same schemas', async () => {
    const document = (await world.app.inject({ method: 'GET', url: '/api/docs' })).json();
    expect(document.openapi).toBe('3.1.0');
    for (const route of ROUTES) {
      const operation = document.paths[route.url.replace(/:(\w+)/g, '{$1}')][route.method.toLowerCase()];
      expect(operation.operationId).toBe(route.id);
    }
    const login = document.paths['/api/session'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    const list = document.paths['/api/records'].get;
    expect(list.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'source',
      'after',
      'limit',
    ]);
  });

  it('sends security headers: a CSP allowing only its own scripts and styles, no framing, no sniffing', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('rejects malformed, oversized, wrongly typed and unexpected input with JSON errors naming the field', async () => {
    const malformed = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", "password": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toBeTruthy();
    const oversized = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'a@b.test', password: 'x'.repeat(10_000) },
    });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().error.code).toBeTruthy();
    const hugeUpload = await world.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: administrator.headers,
      payload: { email: 'x@y.test', role: 'reader', password: 'y'.repeat(200_000) },
    });
    expect(hugeUpload.statusCode).toBe(413);
    const form = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a&password=b',
    });
    expect(form.statusCode).toBe(415);
    const extra = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'a@b.test', password: 'x', admin: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.field).toBe('body.admin');
    const missing = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'a@b.test' },
    });
    expect(missing.json().error.field).toBe('body.password');
    const badId = await world.app.inject({
      method: 'GET',
      url: '/api/records/1%20OR%201=1',
      headers: { cookie: administrator.cookie },
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.field).toBe('params.id');
    const badQuery = await world.app.inject({
      method: 'GET',
      url: '/api/records?limit=100000',
      headers: { cookie: administrator.cookie },
    });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error.field).toBe('query.limit');
    const unknown = await world.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
  });

  it('serves province boundaries with caching, and 503 with a clear message until they are generated', async () => {
    const missing = await world.app.inject({ method: 'GET', url: '/api/geo/provinces' });
    expect(missing.statusCode).toBe(503);
    expect(missing.json().error.message).toMatch(/not been generated/);
    const app = await world.serverWith({ geoFile: join(folder, 'provinces.geojson') });
    const geo = await app.inject({ method: 'GET', url: '/api/geo/provinces' });
    expect(geo.statusCode).toBe(200);
    expect(geo.headers['content-type']).toMatch(/geo\+json/);
    expect(geo.headers['cache-control']).toMatch(/max-age/);
    expect(geo.json().type).toBe('FeatureCollection');
    const again = await app.inject({
      method: 'GET',
      url: '/api/geo/provinces',
      headers: { 'if-none-match': String(geo.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('serves the built web app with an SPA fallback, or a page saying to build it', async () => {
    const unbuilt = await world.app.inject({ method: 'GET', url: '/' });
    expect(unbuilt.statusCode).toBe(200);
    expect(unbuilt.body).toMatch(/not been built/);
    const app = await world.serverWith({ webRoot: join(folder, 'web') });
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.body).toContain('SIREN app');
    expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).body).toBe('console.log(1)');
    const deep = await app.inject({ method: 'GET', url: '/records/42' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('SIREN app');
    expect((await app.inject({ method: 'GET', url: '/api/unknown' })).statusCode).toBe(404);
  });

  it("shows administrators their organisation's audit entries, chained and verifiable", async () => {
    const analyst = await world.signIn('analyst');
    await world.app.inject({
      method: 'GET',
      url: `/api/records/${world.records['alpha-cases'][0]}`,
      headers: { cookie: analyst.cookie },
    });
    const response = await world.app.inject({
      method: 'GET',
      url: '/api/audit?limit=500',
      headers: { cookie: administrator.cookie },
    });
    expect(response.statusCode).toBe(200);
    const entries = response.json().items as {
      actor: string;
      action: string;
      targetId: string;
      address: string;
    }[];
    const read = entries.find((entry) => entry.action === 'records.read_personal');
    expect(read).toMatchObject({
      actor: 'user:analyst@own.test',
      targetId: String(world.records['alpha-cases'][0]),
    });
    expect(read?.address).toBeTruthy();
    expect(entries.some((entry) => entry.action === 'session.sign_in')).toBe(true);
    expect(entries.every((entry) => !entry.actor.includes('@other.test'))).toBe(true);
    expect(await verifyAuditChain(world.store.database)).toMatchObject({ ok: true });
  });

  it('refuses to change or delete audit entries in the database', async () => {
    await expect(world.store.database.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(world.store.database.exec("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(world.store.database.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('shuts down gracefully: a request in flight finishes, then the database closes', async () => {
    const database = await target.open();
    const version = database.version.bind(database);
    let entered: () => void = () => {};
    let release: () => void = () => {};
    const handlerEntered = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    database.version = async () => {
      entered();
      await gate;
      return version();
    };
    const { address, stop } = await startServer(
      { database, cipher: world.store.cipher },
      { ...loadConfig({}), port: 0, logLevel: 'silent' },
      { webRoot: join(folder, 'none') },
    );
    // A keep-alive client, as browsers are: the response in flight must close its connection, or the
    // idle connection would hold the server open until Fastify's keepAliveTimeout, 72 s later.
    const agent = new Agent({ keepAlive: true });
    const inFlight = new Promise<{ status: number }>((resolve, reject) =>
      get(`${address}/api/health`, { agent }, (incoming) => {
        incoming.resume();
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0 }));
      }).on('error', reject),
    );
    await handlerEntered;
    const started = performance.now();
    const stopped = stop();
    release();
    const response = await inFlight;
    // Closed either way: 'connection: close' on a response sent while closing, or, when the response
    // went out before closing began, as an idle connection when the server stops listening.
    expect(response.status).toBe(200);
    await stopped;
    expect(performance.now() - started).toBeLessThan(20_000);
    await expect(database.query('SELECT 1')).rejects.toThrow();
    agent.destroy();
  }, 240_000);
});
