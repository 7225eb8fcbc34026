import { existsSync } from 'node:fs';
import { buildGeography, GEOGRAPHY_FILE } from '../../scripts/build-geography.ts';
import { buildWeb, WEB_DIST } from '../../scripts/build-web.ts';
import { prepareServerTemplate } from './databases.ts';
import { preparePgliteTemplates } from './pglite-template.ts';

/**
 * Before the test files run in parallel: the migrated templates (PGlite in memory and on disk, and
 * the server's when DATABASE_URL is set), and the built boundary file and web app that the server
 * and browser tests serve.
 */
export default async function setup(): Promise<void> {
  await preparePgliteTemplates();
  await prepareServerTemplate();
  if (!existsSync(GEOGRAPHY_FILE)) buildGeography();
  await buildWeb();
  if (!existsSync(`${WEB_DIST}/index.html`)) throw new Error('global setup: the web app did not build');
}
