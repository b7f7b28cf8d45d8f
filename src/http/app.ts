/**
 * The HTTP server: thin routes over the services. Every /api route except
 * sign-in and the OpenAPI document needs a bearer token; services check roles.
 */
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { Store } from '../db/connection.ts';
import type { Actor, Ctx } from '../core/context.ts';
import { InventarError } from '../core/errors.ts';
import { languageFrom } from '../core/i18n.ts';
import { actorForToken } from '../masterdata/users.ts';
import { allowedMethods, problemOf, problemOfFrameworkError, routePatterns, sendProblem, storageProblemOf } from './problem.ts';
import { registerFormats } from './schemas.ts';
import { findControlChars, Problems } from '../core/input.ts';
import { authRoutes } from './routes/auth.ts';
import { masterDataRoutes } from './routes/masterdata.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { closingRoutes } from './routes/closing.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { valuationRoutes } from './routes/valuation.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export interface AppOptions {
  /** Fastify's pino logger: false (tests), true, or options such as { level } (serve: LOG_LEVEL) */
  logger?: FastifyServerOptions['logger'];
  /** folder of the built web UI, served at / (the single-page app answers every non-API path) */
  webRoot?: string;
}

const PUBLIC = new Set(['/api/auth/login', '/api/openapi.json']);

export async function buildApp(store: Store, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024 * 1024,
    // decimals are strings and must stay strings: no type coercion anywhere
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true, verbose: true }, onCreate: registerFormats },
    // a bad percent-encoding (400) or an over-long path parameter (414) as problem+json, the path not echoed
    frameworkErrors: (error, request, reply) => sendProblem(reply, problemOfFrameworkError(error, languageFrom(request.headers['accept-language']))!),
  });
  const patterns = routePatterns(app);

  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(swagger, {
    openapi: {
      info: { title: 'Inventar API', version: '0.1.0', description: 'Physical inventory and warehouse valuation' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

  app.setErrorHandler((error, request, reply) => {
    const lang = languageFrom(request.headers['accept-language']);
    const body =
      error instanceof InventarError
        ? problemOf(error, lang)
        : (problemOfFrameworkError(error as Parameters<typeof problemOfFrameworkError>[0], lang) ?? storageProblemOf(error, lang));
    if (!body) {
      // every 5xx with its stack (pino's err serializer), tagged with the request id by Fastify's child logger
      request.log.error({ err: error, url: request.routeOptions.url, method: request.method }, 'request failed');
      return sendProblem(reply, problemOf(new InventarError('INV_ERR_INTERNAL'), lang));
    }
    if (body.code === 'INV_ERR_STORED_VALUE_OVERFLOW') request.log.warn({ err: error }, 'stored value out of range');
    return sendProblem(reply, body);
  });

  if (options.webRoot) await app.register(fastifyStatic, { root: options.webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (options.webRoot && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    const lang = languageFrom(request.headers['accept-language']);
    // a known path with another method: 405 with Allow
    const allowed = allowedMethods(patterns, request.url);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, problemOf(new InventarError('INV_ERR_METHOD_NOT_ALLOWED', { method: request.method, allowed: allowed.join(', ') }), lang));
    }
    return sendProblem(reply, problemOf(new InventarError('INV_ERR_ROUTE_NOT_FOUND'), lang));
  });

  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0];
    if (!path.startsWith('/api/') || PUBLIC.has(path)) return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const actor = token ? await actorForToken(store, token) : undefined;
    if (!actor) throw new InventarError('INV_ERR_UNAUTHENTICATED');
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

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const ctxOf = (request: FastifyRequest): Ctx => ({
    store,
    actor: request.actor!,
    lang: languageFrom(request.headers['accept-language']),
  });
  await app.register(async (api) => {
    await authRoutes(api, store);
    await masterDataRoutes(api, ctxOf);
    await ledgerRoutes(api, ctxOf);
    await closingRoutes(api, ctxOf);
    await inventoryRoutes(api, ctxOf);
    await valuationRoutes(api, ctxOf);
  });
  return app;
}

export type CtxOf = (request: FastifyRequest) => Ctx;
