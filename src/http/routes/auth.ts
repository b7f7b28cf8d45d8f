/**
 * Sign-in, sign-out, who am I. Sign-in is throttled per address and per user
 * name (@fastify/rate-limit's in-memory counters: 429 with Retry-After) and a
 * user name is locked for a while after repeated failures (login_failures in
 * the database, masterdata/users.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../../db/connection.ts';
import { InventarError } from '../../core/errors.ts';
import { bearerToken, DEFAULT_LOCKOUT, dummy, login, logout, type LockoutPolicy } from '../../masterdata/users.ts';

export interface LoginLimits {
  /** sign-in attempts per client address per window */
  perAddress: number;
  /** sign-in attempts per user name per window (known or not) */
  perUser: number;
  windowMs: number;
  lockout: LockoutPolicy;
}

/** A warehouse's phones may share one address behind NAT: the address limit is the looser one. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAddress: 60, perUser: 10, windowMs: 60_000, lockout: DEFAULT_LOCKOUT };

type LoginBody = { username: string; password: string };

export async function authRoutes(app: FastifyInstance, store: Store, limits: LoginLimits = DEFAULT_LOGIN_LIMITS): Promise<void> {
  await dummy();
  // two counters for one route (the plugin's route config runs one limiter per request)
  const perAddress = app.createRateLimit({ max: limits.perAddress, timeWindow: limits.windowMs, keyGenerator: (req) => `ip:${req.ip}` });
  const perUser = app.createRateLimit({
    max: limits.perUser,
    timeWindow: limits.windowMs,
    keyGenerator: (req) => `user:${String((req.body as LoginBody | undefined)?.username ?? '').slice(0, 100)}`,
  });
  const throttle = async (request: FastifyRequest, reply: FastifyReply) => {
    for (const limiter of [perAddress, perUser]) {
      const r = await limiter(request);
      if (!r.isAllowed && r.isExceeded) {
        reply.header('retry-after', String(r.ttlInSeconds));
        throw new InventarError('INV_ERR_TOO_MANY_LOGINS', { seconds: r.ttlInSeconds });
      }
    }
  };

  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    {
      config: { permission: 'public' },
      // a password is at most MAX_PASSWORD characters: nothing near a megabyte is read
      bodyLimit: 64 * 1024,
      preHandler: throttle,
      schema: {
        tags: ['auth'],
        security: [],
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1 } },
        },
      },
    },
    async (request, reply) => {
      // the service checks the length (MAX_PASSWORD, a coded 400) before any hashing
      try {
        return await login(store, request.body.username, request.body.password, limits.lockout);
      } catch (e) {
        if (e instanceof InventarError && e.code === 'INV_ERR_LOGIN_LOCKED') reply.header('retry-after', String(e.params.seconds));
        throw e;
      }
    },
  );
  app.get('/api/auth/me', { config: { permission: 'session' }, schema: { tags: ['auth'] } }, async (request) => request.actor);
  app.post(
    '/api/auth/logout',
    { config: { permission: 'session' }, schema: { tags: ['auth'], summary: 'sign out: the token stops working' } },
    async (request, reply) => {
      await logout(store, bearerToken(request.headers.authorization)!);
      return reply.status(204).send();
    },
  );
}
