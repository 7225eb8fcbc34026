import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../store/repositories/users.ts';
import { ROLE_PERMISSIONS } from '../access.ts';
import { defineRoute } from '../route-types.ts';
import { loginBody, okResponse, passwordBody, sessionResponse } from '../schemas.ts';
import { changePassword, SESSION_HOURS, signIn, signOut } from '../sessions.ts';

export const SESSION_COOKIE = 'siren_session';

export function userView(user: User) {
  return {
    id: Number(user.id),
    email: user.email,
    role: user.role,
    organisation: user.organisation,
    site: user.site,
  };
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: SESSION_HOURS * 3600,
  });
}

export const sessionRoutes = [
  defineRoute({
    id: 'session.create',
    method: 'POST',
    url: '/api/session',
    tag: 'session',
    summary: 'Sign in with email and password: sets the session cookie and returns the CSRF token',
    access: { kind: 'public' },
    rateLimit: 'login',
    bodyLimit: 4_096,
    body: loginBody,
    response: sessionResponse,
    handler: async ({ body, store, request, reply }) => {
      const session = await signIn(store.database, body, request.ip);
      setSessionCookie(request, reply, session.token);
      return {
        user: userView(session.user),
        role: session.user.role,
        organisation: session.user.organisation,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        permissions: [...ROLE_PERMISSIONS[session.user.role]],
      };
    },
  }),
  defineRoute({
    id: 'session.read',
    method: 'GET',
    url: '/api/session',
    tag: 'session',
    summary: 'Who am I: the signed-in user, role, organisation and the CSRF token',
    access: { kind: 'session', permission: 'session', scope: 'none' },
    response: sessionResponse,
    handler: async ({ session }) => {
      if (!session) return undefined;
      return {
        user: userView(session.user),
        role: session.user.role,
        organisation: session.user.organisation,
        csrfToken: session.csrfToken,
        expiresAt: new Date(session.expiresAt).toISOString(),
        permissions: [...ROLE_PERMISSIONS[session.user.role]],
      };
    },
  }),
  defineRoute({
    id: 'session.delete',
    method: 'DELETE',
    url: '/api/session',
    tag: 'session',
    summary: 'Sign out: ends the session and clears the cookie',
    access: { kind: 'session', permission: 'session', scope: 'none' },
    response: okResponse,
    handler: async ({ session, store, request, reply }) => {
      if (session) await signOut(store.database, session, request.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  }),
  defineRoute({
    id: 'session.password',
    method: 'PUT',
    url: '/api/session/password',
    tag: 'session',
    summary: "Change the caller's password (needs the current one); ends the caller's other sessions",
    access: { kind: 'session', permission: 'password:change', scope: 'none' },
    rateLimit: 'login',
    bodyLimit: 4_096,
    body: passwordBody,
    response: okResponse,
    handler: async ({ session, body, store, request }) => {
      if (session) await changePassword(store.database, session, body, request.ip);
      return { ok: true as const };
    },
  }),
];
