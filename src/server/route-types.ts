import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Queryable } from '../store/database.ts';
import type { Store } from '../store/index.ts';
import type { NewAuditEntry } from '../store/repositories/audit.ts';
import type { SessionWithUser } from '../store/repositories/sessions.ts';
import type { User } from '../store/repositories/users.ts';
import type { RecordVisibility, RouteAccess } from './access.ts';

/** Everything a handler gets: validated input, the caller, and what the caller may see. */
export interface HandlerContext<Query, Params, Body> {
  query: Query;
  params: Params;
  body: Body;
  /** The signed-in user (always set on session routes). */
  user: User | undefined;
  session: SessionWithUser | undefined;
  /** The caller's record visibility (set on routes whose access scope is `records`). */
  visibility: RecordVisibility;
  store: Store;
  config: Config;
  /** Files the server reads (resolved from the server options). */
  resources: { geoFile: string };
  request: FastifyRequest;
  reply: FastifyReply;
  /** Appends an audit entry as the caller, from the caller's address. */
  audit(entry: CallerAuditEntry): Promise<void>;
  /**
   * Makes a change and its audit entry (as the caller) in one transaction, so that no change lands
   * unaudited and no entry records a change that rolled back.
   */
  auditedChange<T>(
    change: (transaction: Queryable) => Promise<T>,
    describe: (result: T) => CallerAuditEntry,
  ): Promise<T>;
}

/**
 * The context as a helper shared by several handlers takes it: any route's context is one, since a
 * handler's input types only narrow `unknown`.
 */
export type AnyHandlerContext = HandlerContext<unknown, unknown, unknown>;

/** An audit entry whose actor, address and organisation are the caller's. */
export type CallerAuditEntry = Omit<NewAuditEntry, 'actor' | 'address' | 'organisationId'>;

/**
 * One row of the route table: the URL, who may call it, the schemas of its input and output (from
 * which validation, types and the OpenAPI description all come), and its handler.
 */
export interface RouteDefinition<
  Query extends z.ZodType,
  Params extends z.ZodType,
  Body extends z.ZodType,
  Response extends z.ZodType,
> {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  query?: Query;
  params?: Params;
  body?: Body;
  /** The 200 response body; a route with `contentType` sends its own body (CSV, GeoJSON, HTML). */
  response: Response;
  contentType?: string;
  /** `login`: the sign-in limit; `heavy`: the limit for expensive reads. */
  rateLimit?: 'login' | 'heavy';
  /** Largest request body in bytes (default: the server's). */
  bodyLimit?: number;
  /** For `organisation`-scoped routes: the organisation the request acts on (undefined: the caller's). */
  organisationOf?: (input: {
    query: z.infer<Query>;
    params: z.infer<Params>;
    body: z.infer<Body>;
  }) => string | undefined;
  handler(
    context: HandlerContext<z.infer<Query>, z.infer<Params>, z.infer<Body>>,
  ): Promise<z.infer<Response> | undefined>;
}

export type AnyRoute = RouteDefinition<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Declares a route with its types inferred from its schemas. */
export function defineRoute<
  Query extends z.ZodType,
  Params extends z.ZodType,
  Body extends z.ZodType,
  Response extends z.ZodType,
>(route: RouteDefinition<Query, Params, Body, Response>): AnyRoute {
  return route as unknown as AnyRoute;
}
