import type { FastifyInstance } from 'fastify';
import type { Store } from '../../db/connection.ts';
import { login } from '../../masterdata/users.ts';

export async function authRoutes(app: FastifyInstance, store: Store): Promise<void> {
  app.post<{ Body: { username: string; password: string } }>(
    '/api/auth/login',
    { config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        security: [],
        body: {
          type: 'object',
          required: ['username', 'password'],
          additionalProperties: false,
          properties: { username: { type: 'string', minLength: 1 }, password: { type: 'string', minLength: 1 } },
        },
      },
    },
    async (request) => login(store, request.body.username, request.body.password),
  );
  app.get('/api/auth/me', { config: { permission: 'session' }, schema: { tags: ['auth'] } }, async (request) => request.actor);
}
