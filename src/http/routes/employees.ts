/** Employee routes (API.md "Master data"). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bool, code, page } from '../schemas.ts';
import * as employees from '../../masterdata/employees.ts';
import { codeParam, listQuery } from './master-data-schemas.ts';

export function employeeRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  const employeeBody = {
    type: 'object',
    required: ['code', 'name'],
    additionalProperties: false,
    properties: { code, name: { type: 'string', minLength: 1, maxLength: 120 }, active: bool },
  } as const;
  app.get<{ Querystring: { limit?: string; offset?: string } }>(
    '/api/employees',
    { config: { permission: 'read' }, schema: { tags: ['employees'], querystring: listQuery } },
    async (req) => page(await employees.listEmployees(ctxOf(req)), req.query),
  );
  app.post<{ Body: employees.EmployeeInput }>('/api/employees', { config: { permission: 'masterData' }, schema: { tags: ['employees'], body: employeeBody } }, async (req, reply) =>
    reply.status(201).send(await employees.createEmployee(ctxOf(req), req.body)),
  );
  app.get<{ Params: { code: string } }>('/api/employees/:code', { config: { permission: 'read' }, schema: { tags: ['employees'], params: codeParam } }, async (req) =>
    employees.getEmployee(ctxOf(req), req.params.code),
  );
  app.put<{ Params: { code: string }; Body: employees.EmployeeInput }>(
    '/api/employees/:code',
    { config: { permission: 'masterData' }, schema: { tags: ['employees'], params: codeParam, body: { ...employeeBody, required: ['name'] } } },
    async (req) => employees.updateEmployee(ctxOf(req), req.params.code, req.body),
  );
  app.delete<{ Params: { code: string } }>('/api/employees/:code', { config: { permission: 'masterData' }, schema: { tags: ['employees'], params: codeParam } }, async (req, reply) => {
    await employees.deleteEmployee(ctxOf(req), req.params.code);
    return reply.status(204).send();
  });
}
