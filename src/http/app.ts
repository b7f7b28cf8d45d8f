/**
 * The HTTP server: thin routes over the services. Every /api route except
 * sign-in and the OpenAPI document needs a bearer token; services check roles.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { Store } from '../db/connection.ts';
import type { Actor, Ctx } from '../core/context.ts';
import { InventarError } from '../core/errors.ts';
import { languageFrom } from '../core/i18n.ts';
import { actorForToken } from '../masterdata/users.ts';
import { problemOf, problemOfFrameworkError } from './problem.ts';
import { authRoutes } from './routes/auth.ts';
import { masterDataRoutes } from './routes/masterdata.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { closingRoutes } from './routes/closing.ts';
import { inventoryRoutes } from './routes/inventory.ts';
import { valuationRoutes } from './routes/valuation.ts';
import { writeGateOf } from '../db/write-gate.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export interface AppOptions {
  logger?: boolean;
  /** folder of the built web UI, served at / (the single-page app answers every non-API path) */
  webRoot?: string;
}

const PUBLIC = new Set(['/api/auth/login', '/api/openapi.json']);

export async function buildApp(store: Store, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 64 * 1024 * 1024,
    // decimals are strings and must stay strings: no type coercion anywhere
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
  });

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
        : problemOfFrameworkError(error as Parameters<typeof problemOfFrameworkError>[0], lang);
    if (!body) {
      request.log.error(error);
      return reply
        .status(500)
        .type('application/problem+json')
        .send(problemOf(new InventarError('INV_ERR_INTERNAL'), lang));
    }
    return reply.status(body.status).type('application/problem+json').send(body);
  });

  if (options.webRoot) await app.register(fastifyStatic, { root: options.webRoot, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (options.webRoot && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    const lang = languageFrom(request.headers['accept-language']);
    return reply.status(404).type('application/problem+json').send(problemOf(new InventarError('INV_ERR_ROUTE_NOT_FOUND'), lang));
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

  // a write waits (without blocking the event loop) while a worker thread's import holds the SQLite file's write lock
  const writeGate = writeGateOf(store);
  if (writeGate) {
    app.addHook('preHandler', async (request) => {
      if (writeGate.busy && request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') await writeGate.wait();
    });
  }

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
