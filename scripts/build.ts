/** Everything SIREN builds before it starts: the GMS boundary file and the web app. */
import { buildGeography } from './build-geography.ts';
import { buildWeb } from './build-web.ts';

const units = buildGeography();
await buildWeb();
console.log(`build: ${units} GMS admin-1 units, web app bundled`);
