import type { Queryable } from '../database.ts';
import type { User } from './users.ts';

/** A live session with its user. The token itself is never stored, only its SHA-256. */
export interface SessionWithUser {
  tokenHash: string;
  csrfToken: string;
  expiresAt: string;
  user: User;
}

export async function insertSession(
  db: Queryable,
  session: { tokenHash: string; userId: number; csrfToken: string; expiresAt: Date; address: string | null },
): Promise<void> {
  await db.query(
    'INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, address) VALUES ($1, $2, $3, $4, $5)',
    [session.tokenHash, session.userId, session.csrfToken, session.expiresAt.toISOString(), session.address],
  );
}

/** The session with this token hash if it has not expired; marks it as used now. */
export async function findLiveSession(
  db: Queryable,
  tokenHash: string,
): Promise<SessionWithUser | undefined> {
  const { rows } = await db.query<{
    tokenHash: string;
    csrfToken: string;
    expiresAt: string;
    id: number;
    email: string;
    role: User['role'];
    organisationId: number;
    organisation: string;
    site: string | null;
  }>(
    `UPDATE sessions s SET last_seen_at = now()
     FROM users u JOIN organisations o ON o.id = u.organisation_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.id = s.user_id
     RETURNING s.token_hash AS "tokenHash", s.csrf_token AS "csrfToken", s.expires_at::text AS "expiresAt",
       u.id, u.email, u.role, u.organisation_id AS "organisationId", o.name AS organisation, u.site`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return undefined;
  const { tokenHash: hash, csrfToken, expiresAt, ...user } = row;
  return { tokenHash: hash, csrfToken, expiresAt, user };
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a user except, optionally, one (after a password change). */
export async function deleteSessionsOfUser(
  db: Queryable,
  userId: number,
  keepTokenHash?: string,
): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [
    userId,
    keepTokenHash ?? null,
  ]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at <= now()');
}
