/** The routes of a code-keyed master-data entity (GET list / POST / GET one / PUT). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { page } from '../schemas.ts';
import type { CodeEntityService } from '../../masterdata/crud.ts';
import { codeParam, forUpdate, listQuery, type BodySchema, type ListQuery } from './master-data-schemas.ts';

/** GET list / POST / GET one / PUT for a code-keyed master-data entity. */
export function codeRoutes<V, I extends { code: string }>(
  app: FastifyInstance,
  ctxOf: CtxOf,
  path: string,
  tag: string,
  body: BodySchema,
  service: CodeEntityService<V, I>,
): void {
  app.get<{ Querystring: ListQuery }>(path, { config: { permission: 'read' }, schema: { tags: [tag], querystring: listQuery } }, async (req) => page(await service.list(ctxOf(req)), req.query));
  app.post<{ Body: I }>(path, { config: { permission: 'masterData' }, schema: { tags: [tag], body } }, async (req, reply) => reply.status(201).send(await service.create(ctxOf(req), req.body as I)));
  app.get<{ Params: { code: string } }>(`${path}/:code`, { config: { permission: 'read' }, schema: { tags: [tag], params: codeParam } }, async (req) => service.get(ctxOf(req), req.params.code));
  app.put<{ Params: { code: string }; Body: I }>(`${path}/:code`, { config: { permission: 'masterData' }, schema: { tags: [tag], params: codeParam, body: forUpdate(body) } }, async (req) =>
    service.update(ctxOf(req), req.params.code, req.body as I),
  );
}
