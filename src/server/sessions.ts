import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { UserError } from '../domain/errors.ts';
import type { Database } from '../store/database.ts';
import { appendAuditIn } from '../store/repositories/audit.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  findLiveSession,
  insertSession,
  type SessionWithUser,
} from '../store/repositories/sessions.ts';
import {
  clearFailedLogins,
  findCredentialsByEmail,
  passwordHashOf,
  recordFailedLogin,
  setPasswordHash,
  type User,
} from '../store/repositories/users.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';

/**
 * Sign-in, sessions and password changes. A session token is 256 random bits sent only in an
 * HTTP-only cookie; the database keeps its SHA-256, never the token. Each session has its own CSRF
 * token that state-changing requests must echo in a header. After `LOCK_AFTER_FAILURES` wrong
 * passwords in a row an account is locked for `LOCK_MINUTES`; the answer to a failed sign-in is the
 * same whether the email is unknown, the password wrong or the account locked.
 */
export const SESSION_HOURS = 8;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const SIGN_IN_FAILED = 'wrong email or password, or too many failed attempts (try again later)';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: User;
}

export async function signIn(
  database: Database,
  credentials: { email: string; password: string },
  address: string | null,
  now: Date = new Date(),
): Promise<NewSession> {
  const found = await findCredentialsByEmail(database, credentials.email);
  if (!found) {
    await verifyPassword(await decoyPasswordHash(), credentials.password);
    await database.transaction((transaction) =>
      appendAuditIn(transaction, {
        actor: 'anonymous',
        action: 'session.sign_in_failed',
        targetType: 'user',
        targetId: null,
        details: { reason: 'unknown email' },
        address,
      }),
    );
    throw new UserError(SIGN_IN_FAILED, 'unauthenticated');
  }
  const { passwordHash, failedLogins: _failed, lockedUntil, ...user } = found;
  const locked = lockedUntil !== null && new Date(lockedUntil) > now;
  const passwordRight = await verifyPassword(passwordHash, credentials.password);
  if (locked || !passwordRight) {
    await database.transaction(async (transaction) => {
      const state = locked
        ? { failedLogins: found.failedLogins, locked: true }
        : await recordFailedLogin(
            transaction,
            user.id,
            LOCK_AFTER_FAILURES,
            new Date(now.getTime() + LOCK_MINUTES * 60_000),
          );
      await appendAuditIn(transaction, {
        actor: `user:${user.email}`,
        action: 'session.sign_in_failed',
        targetType: 'user',
        targetId: String(user.id),
        details: {
          reason: locked ? 'account locked' : 'wrong password',
          failedLogins: state.failedLogins,
          locked: state.locked,
        },
        address,
        organisationId: user.organisationId,
      });
    });
    throw new UserError(SIGN_IN_FAILED, 'unauthenticated');
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await database.transaction(async (transaction) => {
    await deleteExpiredSessions(transaction);
    await clearFailedLogins(transaction, user.id);
    await insertSession(transaction, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      expiresAt,
      address,
    });
    await appendAuditIn(transaction, {
      actor: `user:${user.email}`,
      action: 'session.sign_in',
      targetType: 'user',
      targetId: String(user.id),
      address,
      organisationId: user.organisationId,
    });
  });
  return { token, csrfToken, expiresAt, user };
}

/** The live session a cookie token belongs to, if any. */
export function findSession(
  database: Database,
  token: string | undefined,
): Promise<SessionWithUser | undefined> {
  if (!token || token.length > 200) return Promise.resolve(undefined);
  return findLiveSession(database, hashToken(token));
}

export async function signOut(
  database: Database,
  session: SessionWithUser,
  address: string | null,
): Promise<void> {
  await database.transaction(async (transaction) => {
    await deleteSession(transaction, session.tokenHash);
    await appendAuditIn(transaction, {
      actor: `user:${session.user.email}`,
      action: 'session.sign_out',
      targetType: 'user',
      targetId: String(session.user.id),
      address,
      organisationId: session.user.organisationId,
    });
  });
}

/** Changes the caller's password (the current one is required) and ends their other sessions. */
export async function changePassword(
  database: Database,
  session: SessionWithUser,
  passwords: { currentPassword: string; newPassword: string },
  address: string | null,
): Promise<void> {
  const current = await passwordHashOf(database, session.user.id);
  if (!current || !(await verifyPassword(current, passwords.currentPassword)))
    throw new UserError('the current password is wrong', 'forbidden');
  if (passwords.newPassword === passwords.currentPassword)
    throw new UserError('the new password must differ from the current one', 'invalid_input');
  const newHash = await hashPassword(passwords.newPassword);
  await database.transaction(async (transaction) => {
    await setPasswordHash(transaction, session.user.id, newHash);
    await deleteSessionsOfUser(transaction, session.user.id, session.tokenHash);
    await appendAuditIn(transaction, {
      actor: `user:${session.user.email}`,
      action: 'user.password_changed',
      targetType: 'user',
      targetId: String(session.user.id),
      address,
      organisationId: session.user.organisationId,
    });
  });
}
