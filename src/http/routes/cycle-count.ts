/** Cycle counting routes (API.md "Count control", SPEC §11): ABC classes, keys due for count, a list of them. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, date, MAX_ID, pagination } from '../schemas.ts';
import * as cycle from '../../inventory/cycle-count.ts';
import { createDueList, type DueListInput } from '../../inventory/cycle-count-list.ts';
import type { AbcClass } from '../../inventory/abc-classes.ts';

const abcClass = { type: 'string', enum: ['A', 'B', 'C'] } as const;
/** a location code bound (inclusive, code order); '' is the empty location */
const locationBound = { type: 'string', maxLength: 60 } as const;

const classesQuery = { warehouse: code, date, class: abcClass, ...pagination } as const;
const dueQuery = { ...classesQuery, locationFrom: locationBound, locationTo: locationBound } as const;

interface Querystring {
  warehouse?: string;
  date?: string;
  class?: AbcClass;
  locationFrom?: string;
  locationTo?: string;
  limit?: string;
  offset?: string;
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const toQuery = (q: Querystring): cycle.CycleQuery => ({ ...q, limit: num(q.limit), offset: num(q.offset) });

export async function cycleCountRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  const tags = ['count control'];
  app.get<{ Querystring: Querystring }>(
    '/api/cycle-count/classes',
    { config: { permission: 'read' }, schema: { tags, querystring: { type: 'object', properties: classesQuery } } },
    async (req) => cycle.queryClasses(ctxOf(req), toQuery(req.query)),
  );
  app.get<{ Querystring: Querystring }>(
    '/api/cycle-count/due',
    { config: { permission: 'read' }, schema: { tags, querystring: { type: 'object', properties: dueQuery } } },
    async (req) => cycle.queryDue(ctxOf(req), toQuery(req.query)),
  );
  app.post<{ Body: DueListInput }>(
    '/api/cycle-count/due',
    {
      config: { permission: 'inventory' },
      schema: {
        tags,
        body: {
          type: 'object',
          required: ['warehouse', 'inventory', 'employee', 'listType'],
          additionalProperties: false,
          properties: {
            warehouse: code,
            date,
            class: abcClass,
            locationFrom: locationBound,
            locationTo: locationBound,
            inventory: { type: 'integer', minimum: 1, maximum: MAX_ID, description: 'the id of an open inventory' },
            employee: code,
            listType: code,
          },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await createDueList(ctxOf(req), req.body)),
  );
}
