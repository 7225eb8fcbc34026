import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SIREN</title></head>
<body><h1>SIREN</h1>
<p>The web app has not been built yet: <code>web/dist</code> is missing. Build it (see the README), then reload this page.</p>
<p>The API is running: <a href="/api/health">/api/health</a>, <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

/**
 * Serves the built web app from `webRoot` at `/`; paths that are not files fall back to index.html
 * (the app routes in the browser). Without a build, `/` explains how to make one.
 */
export async function registerWebApp(
  app: FastifyInstance,
  webRoot: string,
): Promise<(request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined> {
  const built = existsSync(join(webRoot, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: 'index.html' });
  else app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    if (!built) return reply.code(404).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  };
}
