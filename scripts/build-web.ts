/**
 * Bundles the browser app (web/src, Preact) with esbuild into web/dist:
 *   npx tsx scripts/build-web.ts
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '../web');
export const WEB_DIST = resolve(web, 'dist');

/** Builds web/dist (index.html, app.js, app.css). */
export async function buildWeb(): Promise<void> {
  mkdirSync(WEB_DIST, { recursive: true });
  await build({
    entryPoints: [resolve(web, 'src/main.tsx')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outfile: resolve(WEB_DIST, 'app.js'),
    logLevel: 'warning',
  });
  copyFileSync(resolve(web, 'src/app.css'), resolve(WEB_DIST, 'app.css'));
  copyFileSync(resolve(web, 'index.html'), resolve(WEB_DIST, 'index.html'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildWeb();
  console.log(`build-web: wrote ${WEB_DIST}`);
}
