/**
 * The home dashboard (issue 15 point 6): three small reads, so the page shows
 * its figures while the charts' valuations are still coming, and each stays
 * cheap (see the services for what is cached). The charts' routes never
 * value inside the request: what is not cached yet is valued in the
 * background and the answer says `pending: true` (the web asks again).
 */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { date } from '../schemas.ts';
import { dashboard } from '../../reports/dashboard.ts';
import { stockValueByMonth } from '../../reports/month-end-values.ts';
import { costMethodComparison } from '../../reports/cost-method-comparison.ts';

const tags = ['dashboard'];

export async function dashboardRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  app.get(
    '/api/dashboard',
    {
      config: { permission: 'read' },
      schema: {
        tags,
        summary: 'open inventories with counting progress per list and differences so far, the ten largest differences, last closing and period, count accuracy over time',
      },
    },
    async (req) => dashboard(ctxOf(req)),
  );

  app.get(
    '/api/dashboard/stock-value',
    {
      config: { permission: 'read' },
      schema: {
        tags,
        summary:
          'stock value by warehouse at the last 11 month ends and today (closings where made at a month end, else the valued inventory by management area, cached); never values in the request: month ends not valued yet are left out of months, valued in the background, and pending is true until they are (ask again)',
      },
    },
    async (req) => stockValueByMonth(ctxOf(req)),
  );

  app.get<{ Querystring: { date?: string } }>(
    '/api/dashboard/cost-methods',
    {
      config: { permission: 'read' },
      schema: {
        tags,
        summary:
          'the stock value by every cost method of SPEC §6 at one date (default today), cached; never values in the request: methods not valued yet are left out of methods, valued in the background, and pending is true until they are (ask again)',
        querystring: { type: 'object', additionalProperties: false, properties: { date } },
      },
    },
    async (req) => costMethodComparison(ctxOf(req), { date: req.query.date }),
  );
}
