import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { UserError } from '../domain/errors.ts';
import { createJobRunner } from '../jobs/index.ts';
import type { Store } from '../store/index.ts';
import { appendAudit, appendAuditIn, type NewAuditEntry } from '../store/repositories/audit.ts';
import { agreementsForPartner } from '../store/repositories/sharing.ts';
import { decideOrganisation, decideRoute, type RecordVisibility, recordVisibility } from './access.ts';
import { SESSION_COOKIE } from './handlers/session.ts';
import { HttpError, parseRequestPart, STATUS_BY_KIND } from './http-error.ts';
import type { AnyHandlerContext, AnyRoute, CallerAuditEntry } from './route-types.ts';
import { ROUTES } from './routes.ts';
import { empty } from './schemas.ts';
import { findSession, sameSecret } from './sessions.ts';
import { registerWebApp } from './web.ts';

export { createDemoAccounts } from './demo-accounts.ts';
export { ROUTES } from './routes.ts';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RateLimitSetting {
  max: number;
  timeWindow: number;
}

export interface ServerOptions {
  /** The built web app (default `web/dist`). */
  webRoot?: string;
  /** The GMS admin-1 GeoJSON (default `generated/gms-admin1.geojson`). */
  geoFile?: string;
  /** Fastify's logger: false (default), or a level. */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug' | false;
  /** Largest JSON body in bytes (default 64 KiB; sign-in and account routes take 4 KiB). */
  bodyLimit?: number;
  /** Per client address: sign-in attempts (default 10 a minute) and heavy reads (default 30 a minute). */
  rateLimits?: { login?: RateLimitSetting; heavy?: RateLimitSetting };
  /** Trust X-Forwarded-* from a reverse proxy (for the client address and https). */
  trustProxy?: boolean;
}

const NO_VISIBILITY: RecordVisibility = { grants: [], site: null };

/**
 * The HTTP server: security headers, cookies, rate limits, the route table enforced through one
 * pipeline (session → route access → CSRF → input validation → organisation scope → record
 * visibility → handler → response validation), JSON errors, and the web app at `/`.
 */
export async function createServer(
  store: Store,
  config: Config,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  const logLevel = options.logLevel ?? false;
  const app = Fastify({
    logger: logLevel === false || logLevel === 'silent' ? false : { level: logLevel },
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  // While closing, responses to requests in flight close their connection: a keep-alive connection
  // left idle would hold the server open until Fastify's keepAliveTimeout (72 s).
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  const limits = {
    login: options.rateLimits?.login ?? { max: 10, timeWindow: 60_000 },
    heavy: options.rateLimits?.heavy ?? { max: 30, timeWindow: 60_000 },
  };
  const resources = { geoFile: options.geoFile ?? `${REPOSITORY_ROOT}generated/gms-admin1.geojson` };

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: `too many requests: try again in ${context.after}`,
    }),
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error, request, reply) => {
    const send = (status: number, code: string, message: string, field?: string) =>
      reply
        .code(status)
        .type('application/json')
        .send({ error: { code, message, ...(field ? { field } : {}) } });
    if (error instanceof HttpError) return send(error.statusCode, error.code, error.message, error.field);
    if (error instanceof UserError) return send(STATUS_BY_KIND[error.kind], error.kind, error.message);
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const code = (error as { code?: string }).code;
      return send(
        status,
        status === 429 ? 'rate_limited' : (code ?? 'bad_request').toLowerCase(),
        (error as Error).message,
      );
    }
    request.log.error(error);
    return send(500, 'internal', 'internal error');
  });

  const pipeline = (route: AnyRoute) => async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await findSession(store.database, request.cookies[SESSION_COOKIE]);
    const user = session?.user;
    const decision = decideRoute(route.access, user);
    if (!decision.allowed) throw new HttpError(decision.status, decision.code, decision.message);
    if (session && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameSecret(header, session.csrfToken))
        throw new HttpError(
          403,
          'csrf',
          'missing or wrong x-csrf-token header (take it from GET /api/session)',
        );
    }
    const query = parseRequestPart(route.query ?? empty, request.query, 'query');
    const params = parseRequestPart(route.params ?? empty, request.params, 'params');
    const body = route.body ? parseRequestPart(route.body, request.body, 'body') : undefined;
    let visibility = NO_VISIBILITY;
    if (route.access.kind === 'session' && user) {
      if (route.access.scope === 'organisation') {
        const organisation = decideOrganisation(user, route.organisationOf?.({ query, params, body }));
        if (!organisation.allowed)
          throw new HttpError(organisation.status, organisation.code, organisation.message);
      }
      if (route.access.scope === 'records')
        visibility = recordVisibility(user, await agreementsForPartner(store.database, user.organisationId));
    }
    const asCaller = (entry: CallerAuditEntry): NewAuditEntry => ({
      ...entry,
      actor: user ? `user:${user.email}` : 'anonymous',
      address: request.ip,
      organisationId: user?.organisationId ?? null,
    });
    const context: AnyHandlerContext = {
      query,
      params,
      body,
      user,
      session,
      visibility,
      store,
      config,
      resources,
      request,
      reply,
      audit: async (entry) => {
        await appendAudit(store.database, asCaller(entry));
      },
      auditedChange: (change, describe) =>
        store.database.transaction(async (transaction) => {
          const result = await change(transaction);
          await appendAuditIn(transaction, asCaller(describe(result)));
          return result;
        }),
    };
    const result = await route.handler(context);
    if (route.contentType) return reply;
    const checked = route.response.safeParse(result);
    if (!checked.success) {
      request.log.error(
        { route: route.id, issues: checked.error.issues },
        'response does not match its schema',
      );
      throw new Error(`the response of ${route.id} does not match its schema`);
    }
    return reply.type('application/json').send(checked.data);
  };

  for (const route of ROUTES)
    app.route({
      method: route.method,
      url: route.url,
      bodyLimit: route.bodyLimit,
      config: route.rateLimit ? { rateLimit: limits[route.rateLimit] } : {},
      handler: pipeline(route),
    });

  const webFallback = await registerWebApp(app, options.webRoot ?? `${REPOSITORY_ROOT}web/dist`);
  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith('/api/') && request.url !== '/api') {
      const sent = webFallback(request, reply);
      if (sent) return sent;
    }
    return reply.code(404).send({
      error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` },
    });
  });
  return app;
}

/**
 * Starts the server on the configured host and port, and the job runner (estimates run off the
 * request path). On SIGINT or SIGTERM it stops accepting connections, lets requests in flight
 * finish, lets the runner record the job in hand, then closes the database.
 */
export async function startServer(
  store: Store,
  config: Config,
  options: ServerOptions = {},
): Promise<{ app: FastifyInstance; address: string; stop: () => Promise<void> }> {
  const app = await createServer(store, config, { logLevel: config.logLevel, ...options });
  const jobs = createJobRunner(store, { onError: (error) => app.log.warn({ error }, 'job failed') });
  app.addHook('onClose', async () => {
    await jobs.stop();
    await store.database.close();
  });
  const address = await app.listen({ host: config.host, port: config.port });
  jobs.start();
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= app.close().then(() => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    });
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`siren: ${signal}: finishing requests in flight, then closing the database\n`);
    void stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { app, address, stop };
}
