/** Confusion group routes (SPEC §12: compensation; API.md "Master data"). */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, idParam, page, pagination, year } from '../schemas.ts';
import * as confusionGroups from '../../masterdata/confusion-groups.ts';
import { readOnly, takeBack } from '../round-trip.ts';
import { description, type ListQuery } from './master-data-schemas.ts';

export function confusionGroupRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  // SPEC §12: confusion groups (compensation) and natural-loss allowances
  const confusionGroupBody = {
    type: 'object',
    required: ['year', 'code', 'items'],
    additionalProperties: false,
    properties: {
      id: readOnly({ type: 'integer' }),
      year: { type: 'integer', minimum: 1900, maximum: 2999 },
      code: { ...code, maxLength: 20 },
      description,
      items: { type: 'array', maxItems: 1000, items: code },
    },
  } as const;
  app.get<{ Querystring: ListQuery & { year?: string } }>(
    '/api/confusion-groups',
    { config: { permission: 'read' }, schema: { tags: ['confusion groups'], querystring: { type: 'object', properties: { ...pagination, year } } } },
    async (req) => page(await confusionGroups.listConfusionGroups(ctxOf(req), req.query.year === undefined ? undefined : Number(req.query.year)), req.query),
  );
  app.post<{ Body: confusionGroups.ConfusionGroupInput }>(
    '/api/confusion-groups',
    { config: { permission: 'masterData' }, schema: { tags: ['confusion groups'], body: confusionGroupBody } },
    async (req, reply) => reply.status(201).send(await confusionGroups.createConfusionGroup(ctxOf(req), req.body)),
  );
  app.get<{ Params: { id: string } }>('/api/confusion-groups/:id', { config: { permission: 'read' }, schema: { tags: ['confusion groups'], params: idParam } }, async (req) =>
    confusionGroups.getConfusionGroup(ctxOf(req), Number(req.params.id)),
  );
  app.put<{ Params: { id: string }; Body: confusionGroups.ConfusionGroupInput }>(
    '/api/confusion-groups/:id',
    { config: { permission: 'masterData' }, schema: { tags: ['confusion groups'], params: idParam, body: confusionGroupBody } },
    async (req) => confusionGroups.updateConfusionGroup(ctxOf(req), Number(req.params.id), takeBack(req.body, { id: Number(req.params.id) })),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/confusion-groups/:id',
    { config: { permission: 'masterData' }, schema: { tags: ['confusion groups'], params: idParam } },
    async (req, reply) => {
      await confusionGroups.deleteConfusionGroup(ctxOf(req), Number(req.params.id));
      return reply.status(204).send();
    },
  );
}
