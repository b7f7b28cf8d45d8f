/**
 * The HTTP server: thin routes over the services. Every /api route declares its
 * permission (`config: { permission }`, SPEC §10 role table in core/roles.ts);
 * the check runs after routing, on the route itself, never on the raw URL.
 */
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import helmet from '@fastify/helmet';
import { helmetOptions } from './security.ts';
import type { TlsFiles } from './tls.ts';
import { caCertRoute, connectRoutes } from './routes/connect.ts';
import type { Store } from '../db/connection.ts';
import type { Actor, Ctx } from '../core/context.ts';
import { InventarError } from '../core/errors.ts';
import { languageFrom } from '../core/i18n.ts';
import { actorForToken, bearerToken } from '../masterdata/users.ts';
import { allowed, isRoutePermission, type RoutePermission } from '../core/roles.ts';
import { allowedMethods, problemOf, problemOfFrameworkError, routePatterns, sendProblem, storageProblemOf } from './problem.ts';
import { registerFormats } from './schemas.ts';
import { findControlChars, Problems } from '../core/input.ts';
import { authRoutes, DEFAULT_LOGIN_LIMITS, type LoginLimits } from './routes/auth.ts';
import { masterDataRoutes } from './routes/masterdata.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { closingRoutes } from './routes/closing.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { cycleCountRoutes } from './routes/cycle-count.ts';
import { countControlRoutes } from './routes/count-control.ts';
import { valuationRoutes } from './routes/valuation.ts';
import { accountingRoutes } from './routes/accounting.ts';
import { saftRoutes } from './routes/saft.ts';
import { revaluationRoutes } from './routes/revaluation.ts';
import { opsRoutes } from '../ops/http.ts';
import { auditRoutes } from './routes/audit.ts';
import { onValuationError } from '../reports/valuation-cache.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { yearlyInventoryRoutes } from './routes/yearly.ts';
import { writeGateOf } from '../db/write-gate.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyInstance {
    /** `METHOD /url` → the route's declared permission (tests walk the role table with it) */
    routePermissions: ReadonlyMap<string, RoutePermission>;
  }
  interface FastifyContextConfig {
    /** who may call the route (SPEC §10); required on every /api route */
    permission?: RoutePermission;
  }
}

export interface AppOptions {
  /** Fastify's pino logger: false (tests), true, or options such as { level } (serve: LOG_LEVEL) */
  logger?: FastifyServerOptions['logger'];
  /** folder of the built web UI, served at / (the single-page app answers every non-API path) */
  webRoot?: string;
  /** sign-in throttling and lockout (tests narrow or widen them) */
  loginLimits?: Partial<LoginLimits>;
  /** HTTPS with this key and certificate (serve: INVENTAR_TLS…, see tls.ts); plain HTTP without */
  tls?: TlsFiles;
}

export async function buildApp(store: Store, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024 * 1024,
    // decimals are strings and must stay strings: no type coercion anywhere
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, verbose: true }, onCreate: registerFormats },
    // a bad percent-encoding (400) or an over-long path parameter (414) as problem+json, the path not echoed
    frameworkErrors: (error, request, reply) => sendProblem(reply, problemOfFrameworkError(error, languageFrom(request.headers['accept-language']))!),
  });
  // the dashboard's background valuations (reports/valuation-cache.ts) log their failures here
  onValuationError(store, (err, valuation) => app.log.error({ err, valuation }, 'background valuation failed'));
  const patterns = routePatterns(app);

  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(swagger, {
    openapi: {
      info: { title: 'Inventar API', version: '0.1.0', description: 'Physical inventory and warehouse valuation' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  await app.register(helmet, helmetOptions(options.tls !== undefined));

  app.setErrorHandler((error, request, reply) => {
    const lang = languageFrom(request.headers['accept-language']);
    const body =
      error instanceof InventarError
        ? problemOf(error, lang)
        : (problemOfFrameworkError(error as Parameters<typeof problemOfFrameworkError>[0], lang, request.routeOptions.url) ?? storageProblemOf(error, lang));
    if (!body) {
      // every 5xx with its stack (pino's err serializer), tagged with the request id by Fastify's child logger
      request.log.error({ err: error, url: request.routeOptions.url, method: request.method }, 'request failed');
      return sendProblem(reply, problemOf(new InventarError('INV_ERR_INTERNAL'), lang));
    }
    if (body.code === 'INV_ERR_STORED_VALUE_OVERFLOW') request.log.warn({ err: error }, 'stored value out of range');
    return sendProblem(reply, body);
  });

  // request metrics for every route, GET /health and GET /metrics (outside /api: not behind the bearer check)
  await opsRoutes(app, store);
  // GET /ca.crt: the served certificate, for phones to trust (public, outside /api)
  await caCertRoute(app, options.tls);

  if (options.webRoot) await app.register(fastifyStatic, { root: options.webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (options.webRoot && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    const lang = languageFrom(request.headers['accept-language']);
    // a known path with another method: 405 with Allow
    const methods = allowedMethods(patterns, request.url);
    if (methods.length > 0) {
      reply.header('allow', methods.join(', '));
      return sendProblem(reply, problemOf(new InventarError('INV_ERR_METHOD_NOT_ALLOWED', { method: request.method, allowed: methods.join(', ') }), lang));
    }
    return sendProblem(reply, problemOf(new InventarError('INV_ERR_ROUTE_NOT_FOUND'), lang));
  });

  // authentication on the route: a /api route without a declared permission does not start
  const routePermissions = new Map<string, RoutePermission>();
  app.decorate('routePermissions', routePermissions);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    const permission = route.config?.permission;
    if (!url.startsWith('/api/') && url !== '/api') return;
    if (!isRoutePermission(permission)) throw new Error(`route ${String(route.method)} ${url} declares no config.permission`);
    for (const method of [route.method].flat()) routePermissions.set(`${method} ${url}`, permission);
  });
  // after routing (the router has decoded the path): the matched route's permission decides
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config?.permission;
    if (permission === undefined || permission === 'public') return;
    const token = bearerToken(request.headers.authorization);
    const actor = token ? await actorForToken(store, token) : undefined;
    if (!actor) throw new InventarError('INV_ERR_UNAUTHENTICATED');
    if (!allowed(actor, permission)) throw new InventarError('INV_ERR_FORBIDDEN');
    request.actor = actor;
  });

  // no control characters (NUL breaks PostgreSQL) in any parsed input, named by field; CSV bodies are checked by their imports
  app.addHook('preValidation', async (request) => {
    const problems = new Problems();
    findControlChars(request.params, '', problems);
    findControlChars(request.query, '', problems);
    if (typeof request.body !== 'string') findControlChars(request.body, '', problems);
    problems.throwIfAny();
  });

  // a write waits (without blocking the event loop) while a worker thread's import holds the SQLite file's write lock
  const writeGate = writeGateOf(store);
  if (writeGate) {
    app.addHook('preHandler', async (request) => {
      if (writeGate.busy && request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') await writeGate.wait();
    });
  }

  await app.register(rateLimit, { global: false });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { permission: 'public' } }, async () => app.swagger());

  const ctxOf = (request: FastifyRequest): Ctx => ({
    store,
    actor: request.actor!,
    lang: languageFrom(request.headers['accept-language']),
  });
  await app.register(async (api) => {
    await authRoutes(api, store, { ...DEFAULT_LOGIN_LIMITS, ...options.loginLimits });
    await masterDataRoutes(api, ctxOf);
    await ledgerRoutes(api, ctxOf);
    await closingRoutes(api, ctxOf);
    await inventoryRoutes(api, ctxOf);
    await cycleCountRoutes(api, ctxOf);
    await countControlRoutes(api, ctxOf);
    await valuationRoutes(api, ctxOf);
    await accountingRoutes(api, ctxOf);
    await saftRoutes(api, ctxOf);
    await revaluationRoutes(api, ctxOf);
    await auditRoutes(api, ctxOf);
    await dashboardRoutes(api, ctxOf);
    await yearlyInventoryRoutes(api, ctxOf);
    await connectRoutes(api, options.tls);
  });
  return app;
}

export type CtxOf = (request: FastifyRequest) => Ctx;
