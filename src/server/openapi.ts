import { z } from 'zod';
import type { AnyRoute } from './route-types.ts';
import { errorResponse } from './schemas.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    description: property.description,
    schema: property,
  }));
}

/** The OpenAPI 3.1 document of the API, generated from the route table's zod schemas. */
export function buildOpenApiDocument(routes: readonly AnyRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { content: { 'application/json': { schema: jsonSchema(errorResponse, 'output') } } };
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, unknown> = {
      200: {
        description: 'success',
        content: {
          [route.contentType ?? 'application/json']: { schema: jsonSchema(route.response, 'output') },
        },
      },
      400: { description: 'invalid request: the message names the field', ...error },
    };
    if (route.access.kind === 'session') {
      responses[401] = { description: 'no session', ...error };
      responses[403] = {
        description: `not allowed (needs ${route.access.permission}) or CSRF token missing`,
        ...error,
      };
    }
    if (route.access.kind === 'session' && route.access.scope === 'records')
      responses[404] = { description: 'not found, or not visible to the caller', ...error };
    if (route.rateLimit) responses[429] = { description: 'too many requests', ...error };
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      security: route.access.kind === 'public' ? [] : [{ session: [], csrf: [] }],
      'x-siren-access':
        route.access.kind === 'public'
          ? 'public'
          : { permission: route.access.permission, scope: route.access.scope },
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SIREN API',
      version: '0.1.0',
      description:
        'Every route except the public ones needs the session cookie from POST /api/session; state-changing requests also need the x-csrf-token header. Records a caller may not see answer 404.',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'siren_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
      },
    },
    paths,
  };
}
