import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FieldCipher, generateKeyHex, parseKey } from './crypto.ts';

export interface KeySettings {
  encryptionKeyHex: string | undefined;
  previousKeysHex: readonly string[];
  dataDirectory: string;
}

/**
 * The cipher for personal fields. The key comes from `SIREN_KEY`; without it (the embedded demo) a
 * key is generated once into the data folder, with a warning that it belongs somewhere safer; keys it
 * replaced (`siren keys rotate`) stay readable from `siren.previous-keys` beside it.
 */
export function loadFieldCipher(
  settings: KeySettings,
  warn: (message: string) => void = () => {},
): FieldCipher {
  const previous = settings.previousKeysHex.map(parseKey);
  if (settings.encryptionKeyHex)
    return new FieldCipher({ current: parseKey(settings.encryptionKeyHex), previous });
  const path = join(settings.dataDirectory, 'siren.key');
  if (!existsSync(path)) {
    mkdirSync(settings.dataDirectory, { recursive: true });
    writeFileSync(path, `${generateKeyHex()}\n`, { mode: 0o600 });
    warn(`generated an encryption key in ${path}: move it out of the data folder and pass it as SIREN_KEY`);
  }
  const previousPath = join(settings.dataDirectory, 'siren.previous-keys');
  const previousInFolder = existsSync(previousPath)
    ? readFileSync(previousPath, 'utf8').split(/\s+/).filter(Boolean).map(parseKey)
    : [];
  return new FieldCipher({
    current: parseKey(readFileSync(path, 'utf8').trim()),
    previous: [...previous, ...previousInFolder],
  });
}
