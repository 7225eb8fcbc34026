export { FieldCipher, generateKeyHex, keyId } from './crypto.ts';
export { type Database, openDatabase, type Queryable } from './database.ts';
export { loadFieldCipher } from './keys.ts';
export { migrate, migrationLevel } from './migrate.ts';
export { MIGRATIONS } from './migrations/index.ts';
export { openStore, type Store } from './open.ts';
