/** Master data routes (API.md "Master data"): parse, call the service, answer. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bool, code, page, pagination } from '../schemas.ts';
import * as employees from '../../masterdata/employees.ts';
import * as users from '../../masterdata/users.ts';

const codeParam = { type: 'object', required: ['code'], properties: { code } } as const;
const listQuery = { type: 'object', properties: pagination } as const;

export async function masterDataRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  const employeeBody = {
    type: 'object',
    required: ['code', 'name'],
    additionalProperties: false,
    properties: { code, name: { type: 'string', minLength: 1, maxLength: 120 }, active: bool },
  } as const;
  app.get<{ Querystring: { limit?: string; offset?: string } }>(
    '/api/employees',
    { schema: { tags: ['employees'], querystring: listQuery } },
    async (req) => page(await employees.listEmployees(ctxOf(req)), req.query),
  );
  app.post<{ Body: employees.EmployeeInput }>('/api/employees', { schema: { tags: ['employees'], body: employeeBody } }, async (req, reply) =>
    reply.status(201).send(await employees.createEmployee(ctxOf(req), req.body)),
  );
  app.get<{ Params: { code: string } }>('/api/employees/:code', { schema: { tags: ['employees'], params: codeParam } }, async (req) =>
    employees.getEmployee(ctxOf(req), req.params.code),
  );
  app.put<{ Params: { code: string }; Body: employees.EmployeeInput }>(
    '/api/employees/:code',
    { schema: { tags: ['employees'], params: codeParam, body: { ...employeeBody, required: ['name'] } } },
    async (req) => employees.updateEmployee(ctxOf(req), req.params.code, req.body),
  );
  app.delete<{ Params: { code: string } }>('/api/employees/:code', { schema: { tags: ['employees'], params: codeParam } }, async (req, reply) => {
    await employees.deleteEmployee(ctxOf(req), req.params.code);
    return reply.status(204).send();
  });

  app.get<{ Querystring: { limit?: string; offset?: string } }>('/api/users', { schema: { tags: ['users'], querystring: listQuery } }, async (req) =>
    page(await users.listUsers(ctxOf(req)), req.query),
  );
  app.post<{ Body: users.UserInput }>(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: {
            username: code,
            password: { type: 'string', minLength: 6 },
            role: { type: 'string', enum: ['admin', 'supervisor', 'counter', 'viewer'] },
            employee: { anyOf: [code, { type: 'null' }] },
            language: { anyOf: [{ type: 'string', enum: ['ro', 'en'] }, { type: 'null' }] },
          },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await users.createUser(ctxOf(req), req.body)),
  );
}
