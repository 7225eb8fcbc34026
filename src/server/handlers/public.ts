import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { migrationLevel } from '../../store/migrate.ts';
import { findPublished, listPublished } from '../../store/repositories/publications.ts';
import { HttpError, notFound } from '../http-error.ts';
import { buildOpenApiDocument } from '../openapi.ts';
import { defineRoute } from '../route-types.ts';
import { ROUTES } from '../routes.ts';
import {
  empty,
  geoJsonResponse,
  healthResponse,
  idParams,
  openApiResponse,
  publicationResponse,
  publicationsResponse,
} from '../schemas.ts';

const geoCache = new Map<string, { body: Buffer; etag: string }>();

async function loadGeo(path: string): Promise<{ body: Buffer; etag: string }> {
  const cached = geoCache.get(path);
  if (cached) return cached;
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    throw new HttpError(
      503,
      'unavailable',
      `province boundaries are not available: ${path} has not been generated yet (it is written by the build step that extracts the GMS provinces)`,
    );
  }
  const entry = { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
  geoCache.set(path, entry);
  return entry;
}

export const publicRoutes = [
  defineRoute({
    id: 'health',
    method: 'GET',
    url: '/api/health',
    tag: 'public',
    summary: 'Liveness: the database kind, its version and the migration level',
    access: { kind: 'public' },
    query: empty,
    response: healthResponse,
    handler: async ({ store }) => ({
      status: 'ok' as const,
      database: { kind: store.database.kind, version: await store.database.version() },
      migration: await migrationLevel(store.database),
    }),
  }),
  defineRoute({
    id: 'docs',
    method: 'GET',
    url: '/api/docs',
    tag: 'public',
    summary: 'This API described in OpenAPI 3.1 (public: it describes the routes, never data)',
    access: { kind: 'public' },
    query: empty,
    response: openApiResponse,
    handler: async () => buildOpenApiDocument(ROUTES),
  }),
  defineRoute({
    id: 'geo.provinces',
    method: 'GET',
    url: '/api/geo/provinces',
    tag: 'public',
    summary: 'GMS admin-1 boundaries as a GeoJSON FeatureCollection (cached; 503 until generated)',
    access: { kind: 'public' },
    query: empty,
    response: geoJsonResponse,
    contentType: 'application/geo+json',
    handler: async ({ request, reply, resources }) => {
      const geo = await loadGeo(resources.geoFile);
      reply.header('cache-control', 'public, max-age=86400').header('etag', geo.etag);
      if (request.headers['if-none-match'] === geo.etag) reply.code(304).send();
      else reply.header('content-type', 'application/geo+json').send(geo.body);
      return undefined;
    },
  }),
  defineRoute({
    id: 'publications.list',
    method: 'GET',
    url: '/api/publications',
    tag: 'public',
    summary: 'Published outputs (briefings, data sheets, maps, data sets): public',
    access: { kind: 'public' },
    query: empty,
    response: publicationsResponse,
    handler: async ({ store }) => ({
      items: (await listPublished(store.database)).map((item) => ({ ...item, id: Number(item.id) })),
    }),
  }),
  defineRoute({
    id: 'publications.read',
    method: 'GET',
    url: '/api/publications/:id',
    tag: 'public',
    summary: 'One published output, or 404',
    access: { kind: 'public' },
    params: idParams,
    response: publicationResponse,
    handler: async ({ params, store }) => {
      const publication = await findPublished(store.database, params.id);
      if (!publication) throw notFound('publication');
      return { ...publication, id: Number(publication.id) };
    },
  }),
];
