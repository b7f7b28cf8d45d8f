/** User routes (API.md "Master data"): the users and their tokens. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, page } from '../schemas.ts';
import * as users from '../../masterdata/users.ts';
import { listQuery } from './master-data-schemas.ts';

export function userRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  app.get<{ Querystring: { limit?: string; offset?: string } }>('/api/users', { config: { permission: 'admin' }, schema: { tags: ['users'], querystring: listQuery } }, async (req) =>
    page(await users.listUsers(ctxOf(req)), req.query),
  );
  app.post<{ Body: users.UserInput }>(
    '/api/users',
    { config: { permission: 'masterData' },
      schema: {
        tags: ['users'],
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: {
            username: code,
            password: { type: 'string', minLength: 6 },
            role: { type: 'string', enum: ['admin', 'supervisor', 'counter', 'viewer', 'approver'] },
            employee: { anyOf: [code, { type: 'null' }] },
            approver: { type: 'boolean', description: 'a supervisor who may also approve inventory differences (SPEC §10, §11)' },
            language: { anyOf: [{ type: 'string', enum: ['ro', 'en'] }, { type: 'null' }] },
          },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await users.createUser(ctxOf(req), req.body)),
  );
  app.delete<{ Params: { username: string } }>(
    '/api/users/:username/tokens',
    {
      config: { permission: 'masterData' },
      schema: { tags: ['users'], summary: "end every session of a user: their tokens stop working", params: { type: 'object', required: ['username'], properties: { username: code } } },
    },
    async (req) => users.revokeTokens(ctxOf(req), req.params.username),
  );
}
