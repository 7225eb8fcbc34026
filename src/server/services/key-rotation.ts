import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../domain/errors.ts';
import { blindIndexForm } from '../../ingest/import-files.ts';
import { type FieldCipher, generateKeyHex, keyId, parseKey } from '../../store/crypto.ts';
import type { Database } from '../../store/database.ts';
import { appendAuditIn } from '../../store/repositories/audit.ts';
import {
  countRecordsToRotate,
  recordsToRotate,
  saveRotatedRecords,
} from '../../store/repositories/key-rotation.ts';

export interface RotationReport {
  keyId: number;
  records: number;
  blindIndexes: number;
}

const CHUNK = 500;

/**
 * Re-encrypts every sealed record that is not under the cipher's current key, and recomputes what
 * is derived from the key (blind indexes and pseudonyms), a chunk per transaction. Each record
 * carries the id of its key, so the work is resumable: run it again after an interruption and it
 * finishes. The old key must be among the cipher's previous keys until it has run to the end.
 */
export async function rotateRecordKeys(
  database: Database,
  cipher: FieldCipher,
  options: { actor: string; onProgress?: (done: number, total: number) => void },
): Promise<RotationReport> {
  const total = await countRecordsToRotate(database, cipher.currentKeyId);
  let records = 0;
  let blindIndexes = 0;
  for (;;) {
    const done = await database.transaction(async (transaction) => {
      const chunk = await recordsToRotate(transaction, cipher.currentKeyId, CHUNK);
      const rotated = chunk.map((record) => {
        let plaintext: string;
        try {
          plaintext = cipher.decrypt(record.sealed);
        } catch (error) {
          throw new UserError(
            `record ${record.id} cannot be decrypted with the configured keys (${(error as Error).message}); nothing after it was changed`,
            'invalid_input',
          );
        }
        const personal = (JSON.parse(plaintext) as { personal: Record<string, unknown> }).personal;
        const indexes = record.indexedFields.flatMap((field) => {
          const value = personal[field] ?? record.fields[field];
          const form = value === undefined || value === null ? '' : blindIndexForm(field, String(value));
          return form ? [{ field, digest: cipher.blindIndex(field, form) }] : [];
        });
        blindIndexes += indexes.length;
        return {
          id: Number(record.id),
          sealed: cipher.encrypt(plaintext),
          pseudonym: cipher.pseudonym(
            record.kind,
            `${record.sourceId}\u0000${record.recordKey ?? `${record.fileHash}:${record.rowNumber}`}`,
          ),
          blindIndexes: indexes,
        };
      });
      await saveRotatedRecords(transaction, cipher.currentKeyId, rotated);
      return rotated.length;
    });
    records += done;
    options.onProgress?.(records, total);
    if (done < CHUNK) break;
  }
  await database.transaction((transaction) =>
    appendAuditIn(transaction, {
      actor: options.actor,
      action: 'keys.rotate',
      targetType: 'key',
      targetId: String(cipher.currentKeyId),
      details: { records, blindIndexes },
    }),
  );
  return { keyId: cipher.currentKeyId, records, blindIndexes };
}

export const KEY_FILE = 'siren.key';
export const PREVIOUS_KEYS_FILE = 'siren.previous-keys';

/**
 * For the embedded demo (no SIREN_KEY): makes a new key the data folder's key and keeps the old one
 * in `siren.previous-keys`. The old key is saved before the new one replaces it (atomically, by
 * rename), so that whenever the process stops every record stays readable.
 */
export function rotateKeyFile(dataDirectory: string): { previousKeyId: number; newKeyId: number } {
  const keyPath = join(dataDirectory, KEY_FILE);
  if (!existsSync(keyPath))
    throw new UserError(`no key file at ${keyPath}: start SIREN once first, or set SIREN_KEY`, 'not_found');
  const previousHex = readFileSync(keyPath, 'utf8').trim();
  const previous = parseKey(previousHex);
  const previousPath = join(dataDirectory, PREVIOUS_KEYS_FILE);
  const kept = existsSync(previousPath)
    ? readFileSync(previousPath, 'utf8').split(/\s+/).filter(Boolean)
    : [];
  writeFileSync(previousPath, `${[previousHex, ...kept.filter((hex) => hex !== previousHex)].join('\n')}\n`, {
    mode: 0o600,
  });
  const newHex = generateKeyHex();
  const temporary = `${keyPath}.new`;
  writeFileSync(temporary, `${newHex}\n`, { mode: 0o600 });
  renameSync(temporary, keyPath);
  return { previousKeyId: keyId(previous), newKeyId: keyId(parseKey(newHex)) };
}
