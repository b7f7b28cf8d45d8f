/** Closing routes (API.md "Valuation, closing, history"): checks, closing, restore, closing history. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, date, idParam, pagination, sortOf, year } from '../schemas.ts';
import { problemOf } from '../problem.ts';
import { InventarError } from '../../core/errors.ts';
import { recordViews } from '../../ledger/record-views.ts';
import {
  CLOSING_METHODS,
  COLLAPSIBLE_DIMENSIONS,
  checkClosing,
  closingRows,
  getClosing,
  listClosings,
  CLOSING_SORTS,
  CLOSING_ROW_SORTS,
  restoreLastClosing,
  runClosing,
  type ClosingInput,
  type ClosingIssue,
} from '../../valuation/closing/index.ts';
import { costMethodSchema } from '../../valuation/cost-methods.ts';

const closingBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    closingDate: { ...date, description: 'YYYY-MM-DD, default today' },
    method: costMethodSchema(CLOSING_METHODS, "cost method of the opening records (SPEC §6); default: each warehouse's oddments template proposed cost, else average"),
    collapse: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', enum: [...COLLAPSIBLE_DIMENSIONS] },
      description:
        'dimensions to sum away where a warehouse does not close by them (SPEC §7); without, a warehouse holding stock by location, lot or variant that it does not close by is a check error naming the keys',
    },
  },
} as const;

interface ListQuery {
  item?: string;
  warehouse?: string;
  from?: string;
  to?: string;
  year?: string;
  sort?: string;
  limit?: string;
  offset?: string;
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

export async function closingRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  app.post<{ Body: ClosingInput | undefined }>(
    '/api/closings/check',
    { config: { permission: 'close' }, schema: { tags: ['closings'], summary: 'closing checks: every error and warning of SPEC §7 at once', body: closingBody } },
    async (req) => checkClosing(ctxOf(req), req.body ?? {}),
  );

  app.post<{ Body: ClosingInput | undefined }>(
    '/api/closings',
    { config: { permission: 'close' }, schema: { tags: ['closings'], summary: 'close the warehouses at a date (422 with the check errors)', body: closingBody } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      try {
        const r = await runClosing(ctx, req.body ?? {});
        const openingRecords = await recordViews(ctx.store.db, r.openingRecordIds);
        const { openingRecordIds: _ids, ...rest } = r;
        return reply.status(201).send({ ...rest, openingRecords });
      } catch (e) {
        if (e instanceof InventarError && e.code === 'INV_ERR_CLOSING_CHECKS') {
          const checks = e.params.checks as { errors: ClosingIssue[]; warnings: ClosingIssue[] };
          const body = { ...problemOf(e, ctx.lang), errors: checks.errors, warnings: checks.warnings };
          return reply.status(422).type('application/problem+json').send(body);
        }
        throw e;
      }
    },
  );

  app.get<{ Querystring: ListQuery }>(
    '/api/closings',
    { config: { permission: 'read' },
      schema: {
        tags: ['closings'],
        summary: 'closing history: the closings, newest first',
        querystring: { type: 'object', properties: { item: code, warehouse: code, from: date, to: date, sort: sortOf(CLOSING_SORTS), ...pagination } },
      },
    },
    async (req) => {
      const q = req.query;
      return listClosings(ctxOf(req), { item: q.item, warehouse: q.warehouse, from: q.from, to: q.to, sort: q.sort, limit: num(q.limit), offset: num(q.offset) });
    },
  );

  app.get<{ Params: { id: string } }>('/api/closings/:id', { config: { permission: 'read' }, schema: { tags: ['closings'], params: idParam } }, async (req) =>
    getClosing(ctxOf(req), Number(req.params.id)),
  );

  app.get<{ Params: { id: string }; Querystring: ListQuery }>(
    '/api/closings/:id/rows',
    { config: { permission: 'read' },
      schema: {
        tags: ['closings'],
        summary: 'closing history rows of a closing',
        params: idParam,
        querystring: { type: 'object', properties: { item: code, warehouse: code, year, sort: sortOf(CLOSING_ROW_SORTS), ...pagination } },
      },
    },
    async (req) => {
      const q = req.query;
      return closingRows(ctxOf(req), Number(req.params.id), { item: q.item, warehouse: q.warehouse, year: num(q.year), sort: q.sort, limit: num(q.limit), offset: num(q.offset) });
    },
  );

  app.delete('/api/closings/last', { config: { permission: 'close' }, schema: { tags: ['closings'], summary: 'restore (undo) the most recent closing' } }, async (req) =>
    restoreLastClosing(ctxOf(req)),
  );
}
