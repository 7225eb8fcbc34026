import { createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher, keyId } from '../../src/store/crypto.ts';
import { CopyLineWriter } from '../../src/store/repositories/records.ts';

/** The import's fast paths must store exactly what the plain definitions give (stored digests and seals depend on it). */
describe('row preparation stores byte-compatible values', () => {
  const key = randomBytes(32);
  const cipher = new FieldCipher({ current: key, previous: [] });
  const indexKey = createHmac('sha256', key).update('siren blind index').digest();
  const values = ['', '+85510000001', 'ÄÖ ไทย 😀', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(5_000)];

  it('gives the HMAC-SHA-256 blind indexes and pseudonyms of createHmac', () => {
    for (const value of values) {
      expect(cipher.blindIndex('phone', value)).toBe(
        createHmac('sha256', indexKey).update(`phone\u0000${value}`).digest('hex').slice(0, 32),
      );
      expect(cipher.pseudonym('case_management', value)).toBe(
        `cas_${createHmac('sha256', indexKey).update(`pseudonym\u0000${value}`).digest('hex').slice(0, 16)}`,
      );
    }
  });

  it('seals as key id, nonce, tag, AES-256-GCM ciphertext', () => {
    for (const value of values) {
      const sealed = cipher.encrypt(value);
      expect(sealed.readInt32BE(0)).toBe(keyId(key));
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(4, 16));
      decipher.setAuthTag(sealed.subarray(16, 32));
      expect(Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]).toString('utf8')).toBe(
        value,
      );
    }
  });

  it('writes COPY text with escapes, nulls, numbers and bytea', () => {
    const writer = new CopyLineWriter();
    writer.add(['a\tb\\c\nd', null, 42, 'ไทย', Uint8Array.of(0, 171, 255)]);
    writer.add(['second']);
    const lines = writer.take();
    expect(Buffer.from(lines.bytes).toString('utf8')).toBe(
      `${'0'.repeat(16)}\ta\\tb\\\\c\\nd\t\\N\t42\tไทย\t\\\\x00abff\n${'0'.repeat(16)}\tsecond\n`,
    );
    expect([...lines.lineStarts]).toEqual([
      0,
      Buffer.byteLength(`${'0'.repeat(16)}\ta\\tb\\\\c\\nd\t\\N\t42\tไทย\t\\\\x00abff\n`),
    ]);
  });
});
