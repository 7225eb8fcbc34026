import type { Queryable } from '../database.ts';

export const ROLES = ['administrator', 'analyst', 'investigator', 'field_researcher', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** A user as the rest of SIREN sees it (never the password hash). */
export interface User {
  id: number;
  email: string;
  role: Role;
  organisationId: number;
  organisation: string;
  site: string | null;
}

/** What login needs: the user, the password hash and the lock-out state. */
export interface UserCredentials extends User {
  passwordHash: string;
  failedLogins: number;
  lockedUntil: string | null;
}

const USER_COLUMNS = `u.id, u.email, u.role, u.organisation_id AS "organisationId", o.name AS organisation, u.site`;
const USER_FROM = 'users u JOIN organisations o ON o.id = u.organisation_id';

export async function createUser(
  db: Queryable,
  user: { email: string; passwordHash: string; role: Role; organisationId: number; site: string | null },
): Promise<User> {
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO users (email, password_hash, role, organisation_id, site) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [user.email, user.passwordHash, user.role, user.organisationId, user.site],
  );
  return (await findUserById(db, rows[0].id)) as User;
}

export async function findUserById(db: Queryable, id: number): Promise<User | undefined> {
  const { rows } = await db.query<User>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = $1`, [id]);
  return rows[0];
}

/** Emails compare without regard to case. */
export async function findCredentialsByEmail(
  db: Queryable,
  email: string,
): Promise<UserCredentials | undefined> {
  const { rows } = await db.query<UserCredentials>(
    `SELECT ${USER_COLUMNS}, u.password_hash AS "passwordHash", u.failed_logins AS "failedLogins",
       to_char(u.locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lockedUntil"
     FROM ${USER_FROM} WHERE lower(u.email) = lower($1)`,
    [email],
  );
  return rows[0];
}

export async function passwordHashOf(db: Queryable, userId: number): Promise<string | undefined> {
  const { rows } = await db.query<{ passwordHash: string }>(
    'SELECT password_hash AS "passwordHash" FROM users WHERE id = $1',
    [userId],
  );
  return rows[0]?.passwordHash;
}

/** Counts a failed login; from `lockAfter` failures on, the account is locked until `lockUntil`. */
export async function recordFailedLogin(
  db: Queryable,
  userId: number,
  lockAfter: number,
  lockUntil: Date,
): Promise<{ failedLogins: number; locked: boolean }> {
  const { rows } = await db.query<{ failedLogins: number; locked: boolean }>(
    `UPDATE users SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
     WHERE id = $1 RETURNING failed_logins AS "failedLogins", failed_logins >= $2 AS locked`,
    [userId, lockAfter, lockUntil.toISOString()],
  );
  return rows[0];
}

export async function clearFailedLogins(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

export async function setPasswordHash(db: Queryable, userId: number, passwordHash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1', [
    userId,
    passwordHash,
  ]);
}

export async function listUsers(db: Queryable, organisationId?: number): Promise<User[]> {
  const { rows } = await db.query<User>(
    `SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE ($1::bigint IS NULL OR u.organisation_id = $1) ORDER BY u.id`,
    [organisationId ?? null],
  );
  return rows;
}
