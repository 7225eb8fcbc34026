import { existsSync } from 'node:fs';
import { buildGeography, GEOGRAPHY_FILE } from '../../scripts/build-geography.ts';
import { buildWeb, WEB_DIST } from '../../scripts/build-web.ts';
import { openFromTemplate } from './pglite-template.ts';

/**
 * Before the test files run in parallel: the migrated PGlite template, and the built boundary file
 * and web app that the server and browser tests serve.
 */
export default async function setup(): Promise<void> {
  const database = await openFromTemplate();
  await database.close();
  if (!existsSync(GEOGRAPHY_FILE)) buildGeography();
  await buildWeb();
  if (!existsSync(`${WEB_DIST}/index.html`)) throw new Error('global setup: the web app did not build');
}
