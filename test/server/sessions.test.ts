import { afterAll, beforeAll, expect, it } from 'vitest';
import { LOCK_AFTER_FAILURES } from '../../src/server/sessions.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import { createWorld, PASSWORD, type World } from './support/world.ts';

describeOnEachDatabase('sessions', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(target);
  });
  afterAll(async () => world?.close());

  it('signs in with an HTTP-only SameSite=Strict cookie and returns who, role, organisation and a CSRF token', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'analyst@own.test', password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user.email).toBe('analyst@own.test');
    expect(body.role).toBe('analyst');
    expect(body.organisation).toBe('Alpha Rescue');
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(body.permissions).toContain('linkage:review');
    expect(body.permissions).not.toContain('users:manage');
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/siren_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(JSON.stringify(body)).not.toContain(PASSWORD);
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|password_hash|\$argon2/);
  });

  it('tells who is signed in, and 401 without a session', async () => {
    const caller = await world.signIn('reader');
    const me = await world.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: caller.cookie },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(caller.csrf);
    expect(me.json().permissions).toEqual(['session', 'password:change', 'sentinel:datasheet']);
    const nobody = await world.app.inject({ method: 'GET', url: '/api/session' });
    expect(nobody.statusCode).toBe(401);
    expect(nobody.json().error.code).toBe('unauthenticated');
  });

  it('needs the CSRF token to sign out, then the session is gone', async () => {
    const caller = await world.signIn('investigator');
    const withoutToken = await world.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: caller.cookie },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe('csrf');
    const wrongToken = await world.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: caller.cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrongToken.statusCode).toBe(403);
    const out = await world.app.inject({ method: 'DELETE', url: '/api/session', headers: caller.headers });
    expect(out.statusCode).toBe(200);
    const after = await world.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: caller.cookie },
    });
    expect(after.statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'reader@own.test', password: 'not the password' },
    });
    const unknown = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'nobody@nowhere.test', password: 'whatever it is' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('locks an account after repeated failures, even against the right password', async () => {
    const email = 'reader@other.test';
    for (let attempt = 0; attempt < LOCK_AFTER_FAILURES; attempt++) {
      const response = await world.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email, password: `wrong ${attempt}` },
      });
      expect(response.statusCode).toBe(401);
    }
    const right = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email, password: PASSWORD },
    });
    expect(right.statusCode).toBe(401);
    const { rows } = await world.store.database.query<{ action: string; details: { reason: string } }>(
      "SELECT action, details FROM audit_log WHERE action = 'session.sign_in_failed' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0].details.reason).toBe('account locked');
  });

  it('changes a password (current one required), ending the other sessions', async () => {
    const first = await world.signIn('analyst', 'other');
    const second = await world.signIn('analyst', 'other');
    const wrongCurrent = await world.app.inject({
      method: 'PUT',
      url: '/api/session/password',
      headers: first.headers,
      payload: { currentPassword: 'nope', newPassword: 'a brand new long password' },
    });
    expect(wrongCurrent.statusCode).toBe(403);
    const tooShort = await world.app.inject({
      method: 'PUT',
      url: '/api/session/password',
      headers: first.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.field).toBe('body.newPassword');
    const changed = await world.app.inject({
      method: 'PUT',
      url: '/api/session/password',
      headers: first.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new long password' },
    });
    expect(changed.statusCode).toBe(200);
    const stillIn = await world.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: first.cookie },
    });
    expect(stillIn.statusCode).toBe(200);
    const ended = await world.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: second.cookie },
    });
    expect(ended.statusCode).toBe(401);
    const oldPassword = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'analyst@other.test', password: PASSWORD },
    });
    expect(oldPassword.statusCode).toBe(401);
    const newPassword = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: 'analyst@other.test', password: 'a brand new long password' },
    });
    expect(newPassword.statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const limited = await world.serverWith({ rateLimits: { login: { max: 3, timeWindow: 60_000 } } });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++)
      statuses.push(
        (
          await limited.inject({
            method: 'POST',
            url: '/api/session',
            payload: { email: 'field_researcher@other.test', password: 'wrong' },
          })
        ).statusCode,
      );
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
