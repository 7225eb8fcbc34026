import { openFromTemplate } from './pglite-template.ts';

/** Builds the migrated PGlite template once before the test files run in parallel. */
export default async function setup(): Promise<void> {
  const database = await openFromTemplate();
  await database.close();
}
