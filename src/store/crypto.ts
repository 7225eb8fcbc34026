import { createCipheriv, createDecipheriv, createHash, createHmac, hash, randomBytes } from 'node:crypto';

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
/** SHA-256's block size: HMAC pads its key to this many bytes (RFC 2104). */
const SHA256_BLOCK_BYTES = 64;
const SHA256_BYTES = 32;

/**
 * HMAC-SHA-256 under one fixed key, computed as RFC 2104 defines it, H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)),
 * with two one-shot hashes over reused buffers that already hold the padded key. The digests are those
 * of `createHmac`, without creating an Hmac object per value (the import makes two per row).
 */
class FixedKeyHmac {
  private inner: Buffer;
  private readonly outer = Buffer.alloc(SHA256_BLOCK_BYTES + SHA256_BYTES);

  constructor(key: Buffer) {
    if (key.length > SHA256_BLOCK_BYTES)
      throw new Error('an HMAC key longer than the block size must be hashed first');
    this.inner = Buffer.alloc(SHA256_BLOCK_BYTES + 1_024);
    for (let i = 0; i < SHA256_BLOCK_BYTES; i++) {
      this.inner[i] = (key[i] ?? 0) ^ 0x36;
      this.outer[i] = (key[i] ?? 0) ^ 0x5c;
    }
  }

  hex(message: string): string {
    const most = SHA256_BLOCK_BYTES + message.length * 3;
    if (most > this.inner.length) {
      const grown = Buffer.alloc(most);
      this.inner.copy(grown, 0, 0, SHA256_BLOCK_BYTES);
      this.inner = grown;
    }
    const length = SHA256_BLOCK_BYTES + this.inner.write(message, SHA256_BLOCK_BYTES, 'utf8');
    const innerDigest = hash('sha256', this.inner.subarray(0, length), 'buffer');
    innerDigest.copy(this.outer, SHA256_BLOCK_BYTES);
    return hash('sha256', this.outer, 'hex');
  }
}

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
  private readonly indexHmac: FixedKeyHmac;

  constructor(private readonly ring: KeyRing) {
    this.keysById = new Map([ring.current, ...ring.previous].map((key) => [keyId(key), key]));
    this.currentKeyId = keyId(ring.current);
    this.indexHmac = new FixedKeyHmac(
      createHmac('sha256', ring.current).update('siren blind index').digest(),
    );
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

  /** Seals a value: key id (4 bytes), nonce (12), tag (16), ciphertext, in one buffer allocated once. */
  encrypt(plaintext: string): Buffer {
    const nonce = this.nextNonce();
    const cipher = createCipheriv('aes-256-gcm', this.ring.current, nonce);
    const body = cipher.update(plaintext, 'utf8');
    cipher.final();
    const sealed = Buffer.allocUnsafe(HEADER_BYTES + NONCE_BYTES + TAG_BYTES + body.length);
    sealed.writeInt32BE(this.currentKeyId, 0);
    nonce.copy(sealed, HEADER_BYTES);
    cipher.getAuthTag().copy(sealed, HEADER_BYTES + NONCE_BYTES);
    body.copy(sealed, HEADER_BYTES + NONCE_BYTES + TAG_BYTES);
    return sealed;
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
    return this.indexHmac.hex(`${field}\u0000${normalisedValue}`).slice(0, 32);
  }

  /** A stable pseudonym for a record, for analytics and for partners that see pseudonymised data. */
  pseudonym(kind: string, identity: string): string {
    return `${kind.slice(0, 3)}_${this.indexHmac.hex(`pseudonym\u0000${identity}`).slice(0, 16)}`;
  }
}
