import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Encryption of personal fields at rest: AES-256-GCM with a random 96-bit nonce per value (NIST SP
 * 800-38D), each ciphertext tagged with the id of the key that made it so that keys can be rotated.
 * Blind indexes (HMAC-SHA-256 under a key derived from the data key) let records be found by a
 * personal value without decrypting.
 */
export interface KeyRing {
  current: Buffer;
  previous: readonly Buffer[];
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 4;

/** A key's id: the first four bytes of its SHA-256, as a signed 32-bit integer. */
export function keyId(key: Buffer): number {
  return createHash('sha256').update(key).digest().readInt32BE(0);
}

export function parseKey(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('an encryption key must be 64 hexadecimal characters');
  return Buffer.from(hex, 'hex');
}

export function generateKeyHex(): string {
  return randomBytes(32).toString('hex');
}

export class FieldCipher {
  private readonly keysById: Map<number, Buffer>;
  readonly currentKeyId: number;
  private readonly indexKey: Buffer;

  constructor(private readonly ring: KeyRing) {
    this.keysById = new Map([ring.current, ...ring.previous].map((key) => [keyId(key), key]));
    this.currentKeyId = keyId(ring.current);
    this.indexKey = createHmac('sha256', ring.current).update('siren blind index').digest();
  }

  /** The keys, to make the same cipher in a worker thread (the import seals rows in one). */
  get keyRing(): KeyRing {
    return this.ring;
  }

  private noncePool = Buffer.alloc(0);
  private noncePoolOffset = 0;

  /** A fresh random nonce, cut from a pool filled 4,096 nonces at a time (one system call, not one per value). */
  private nextNonce(): Buffer {
    if (this.noncePoolOffset + NONCE_BYTES > this.noncePool.length) {
      this.noncePool = randomBytes(NONCE_BYTES * 4_096);
      this.noncePoolOffset = 0;
    }
    const nonce = this.noncePool.subarray(this.noncePoolOffset, this.noncePoolOffset + NONCE_BYTES);
    this.noncePoolOffset += NONCE_BYTES;
    return nonce;
  }

  encrypt(plaintext: string): Buffer {
    const nonce = this.nextNonce();
    const cipher = createCipheriv('aes-256-gcm', this.ring.current, nonce);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeInt32BE(this.currentKeyId, 0);
    return Buffer.concat([header, nonce, cipher.getAuthTag(), body]);
  }

  decrypt(ciphertext: Buffer): string {
    const id = ciphertext.readInt32BE(0);
    const key = this.keysById.get(id);
    if (!key)
      throw new Error(
        `no key with id ${id} is configured: set SIREN_PREVIOUS_KEYS to the key that made this value`,
      );
    const nonce = ciphertext.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
    const tag = ciphertext.subarray(HEADER_BYTES + NONCE_BYTES, HEADER_BYTES + NONCE_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(ciphertext.subarray(HEADER_BYTES + NONCE_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  /** Id of the key that encrypted a value. */
  keyIdOf(ciphertext: Buffer): number {
    return ciphertext.readInt32BE(0);
  }

  /** A keyed digest of a normalised value, for exact lookups without decryption. */
  blindIndex(field: string, normalisedValue: string): string {
    return createHmac('sha256', this.indexKey)
      .update(`${field}\u0000${normalisedValue}`)
      .digest('hex')
      .slice(0, 32);
  }

  /** A stable pseudonym for a record, for analytics and for partners that see pseudonymised data. */
  pseudonym(kind: string, identity: string): string {
    return `${kind.slice(0, 3)}_${createHmac('sha256', this.indexKey).update(`pseudonym\u0000${identity}`).digest('hex').slice(0, 16)}`;
  }
}
