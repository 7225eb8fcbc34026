import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords are hashed with Argon2id at the library's defaults (19 MiB, 2 passes, 1 lane: the
 * OWASP Password Storage Cheat Sheet's first recommended setting).
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the email is unknown so that timing tells nothing. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(18).toString('base64url'));
  return decoyHash;
}

/** A random password of 24 characters (144 bits) for generated accounts. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
