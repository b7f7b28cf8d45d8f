/**
 * The operations routes, outside /api: `GET /health` (public) and `GET /metrics` (Prometheus
 * text). /metrics is for an admin's token, or for a scraper on this machine: a request from a
 * loopback address that no proxy forwarded (no Forwarded / X-Forwarded-For header: a reverse proxy
 * on the same host connects from loopback for every client). Anyone else gets 401, a signed-in
 * user who is not an admin 403.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Store } from '../db/connection.ts';
import { InventarError } from '../core/errors.ts';
import { actorForToken } from '../masterdata/users.ts';
import { checkHealth } from './health.ts';
import { createMetrics, instrumentRequests } from './metrics.ts';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** A request made on this machine, not through a proxy. */
export function isLocal(request: FastifyRequest): boolean {
  const forwarded = request.headers.forwarded !== undefined || request.headers['x-forwarded-for'] !== undefined;
  return !forwarded && LOOPBACK.test(request.socket.remoteAddress ?? '');
}

/** Request metrics for every route, /health and /metrics; call on the root instance, before the routes. */
export async function opsRoutes(app: FastifyInstance, store: Store): Promise<void> {
  const register = createMetrics(store);
  instrumentRequests(app, register);
  app.addHook('onClose', async () => register.clear());

  app.get('/health', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const health = await checkHealth(store, (e) => request.log.error(e));
    return reply.status(health.status === 'ok' ? 200 : 503).header('cache-control', 'no-store').send(health);
  });

  app.get('/metrics', { config: { permission: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (!isLocal(request)) {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const actor = token ? await actorForToken(store, token) : undefined;
      if (!actor) throw new InventarError('INV_ERR_UNAUTHENTICATED');
      if (actor.role !== 'admin') throw new InventarError('INV_ERR_FORBIDDEN');
    }
    return reply.header('content-type', register.contentType).header('cache-control', 'no-store').send(await register.metrics());
  });
}
