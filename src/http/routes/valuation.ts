/** Valuation routes (API.md "Valuation, closing, history"): the valued inventory and the warehouse history. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, date, pagination, sortOf } from '../schemas.ts';
import { HISTORY_SORTS } from '../../valuation/warehouse-history.ts';
import { COST_METHODS, costMethodSchema } from '../../valuation/index.ts';
import {
  DETAILS,
  GROUP_BY,
  SORTS,
  STOCK_SIGNS,
  valuedInventory,
  warehouseHistory,
  type ValuedInventoryQuery,
} from '../../valuation/valued-inventory.ts';
import { valuedInventoryCsv, valuedInventoryPdf, valuedInventoryXlsx } from '../../reports/valued-inventory-output.ts';
import { CSV_STYLES, type CsvStyle } from '../../core/csv.ts';
import { CONTENT_TYPES, csvStyleOf, fileResponse } from '../../reports/export-table.ts';

const listOf = (names: readonly string[]) => ({ type: 'string', pattern: `^((${names.join('|')}),?)*$` }) as const;

const valuedInventoryQuery = {
  type: 'object',
  properties: {
    date,
    method: costMethodSchema(COST_METHODS, 'cost method (SPEC §6); default history with historyDate, else average'),
    groupBy: { type: 'string', enum: [...GROUP_BY] },
    detail: { ...listOf(DETAILS), description: 'comma list of variant, location, lot, serial, jobOrder, account' },
    warehouse: code,
    template: code,
    itemFrom: code,
    itemTo: code,
    itemType: code,
    fiscalCategory: code,
    merchandiseCategory: code,
    stock: { ...listOf(STOCK_SIGNS), description: 'comma list of positive, zero, negative (default positive,negative)' },
    sort: { type: 'string', enum: [...SORTS] },
    historicize: { type: 'string', enum: ['true', 'false'], description: 'save the rows in the warehouse history (supervisor, admin)' },
    historyDate: { ...date, description: 'method history: the latest snapshot on or before this date (default: date)' },
    format: { type: 'string', enum: ['json', 'csv', 'pdf', 'xlsx'] },
    csvStyle: { type: 'string', enum: [...CSV_STYLES], description: 'CSV style (API.md "Formats"): ro = BOM, `;`, decimal comma; en = `,`, dot; default: the request\'s language' },
  },
} as const;

const money = { type: 'string' } as const;

const reportResponse = {
  type: 'object',
  properties: {
    date: { type: 'string' },
    method: { type: 'string', enum: [...COST_METHODS] },
    groupBy: { type: 'string' },
    detail: { type: 'array', items: { type: 'string' } },
    sort: { type: 'string' },
    stock: { type: 'array', items: { type: 'string' } },
    historyDate: { type: 'string' },
    closingDate: { type: ['string', 'null'] },
    valuePerWarehouse: { type: 'boolean' },
    filters: { type: 'object', additionalProperties: { type: 'string' } },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          warehouse: { type: 'string' },
          item: { type: 'string' },
          description: { type: 'string' },
          uom: { type: 'string' },
          variant: { type: 'string' },
          location: { type: 'string' },
          lot: { type: 'string' },
          serial: { type: 'string' },
          jobOrder: { type: 'string' },
          account: { type: 'string' },
          quantity: money,
          unitCost: money,
          value: money,
          fiscal: { type: 'boolean' },
        },
      },
    },
    totals: { type: 'object', properties: { quantity: money, value: money } },
    historyRunId: { type: 'integer' },
  },
} as const;

export async function valuationRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  app.get<{ Querystring: ValuedInventoryQuery & { format?: 'json' | 'csv' | 'pdf' | 'xlsx'; csvStyle?: CsvStyle } }>(
    '/api/reports/valued-inventory',
    { config: { permission: 'read' },
      schema: {
        tags: ['valuation'],
        summary: 'Valued quantity inventory (SPEC §8): quantities at a date valued by a cost method; JSON, CSV or PDF',
        description:
          'Quantities are book stock (as GET /api/stock); values come from fiscal movements only. Non-fiscal items are listed with value 0 ' +
          '(fiscal: false). Totals are the sum of the rounded rows. historicize=true saves the rows in the warehouse history.',
        querystring: valuedInventoryQuery,
        response: {
          200: {
            description: 'the report as JSON, or a file (format=csv|pdf|xlsx)',
            content: { 'application/json': { schema: reportResponse }, ...fileResponse([CONTENT_TYPES.csv, CONTENT_TYPES.pdf, CONTENT_TYPES.xlsx]).content },
          },
        },
      },
    },
    async (req, reply) => {
      const { format, csvStyle, ...query } = req.query;
      const ctx = ctxOf(req);
      const report = await valuedInventory(ctx, query);
      if (format === 'csv') {
        return reply
          .type(CONTENT_TYPES.csv)
          .header('content-disposition', `attachment; filename="valued-inventory-${report.date}.csv"`)
          .send(valuedInventoryCsv(report, ctx.lang, csvStyleOf(ctx.lang, csvStyle)));
      }
      if (format === 'xlsx') {
        return reply
          .type(CONTENT_TYPES.xlsx)
          .header('content-disposition', `attachment; filename="valued-inventory-${report.date}.xlsx"`)
          .send(await valuedInventoryXlsx(report, ctx.lang));
      }
      if (format === 'pdf') {
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="valued-inventory-${report.date}.pdf"`)
          .send(await valuedInventoryPdf(report, ctx.lang));
      }
      return report;
    },
  );

  app.get<{ Querystring: { date?: string; item?: string; warehouse?: string; sort?: string; limit?: string; offset?: string } }>(
    '/api/warehouse-history',
    { config: { permission: 'read' },
      schema: {
        tags: ['valuation'],
        summary: 'Warehouse history: rows saved by the valued inventory with historicize',
        description: 'With date: per item (and warehouse) the row of the latest snapshot on or before it. Without: every saved row, newest first.',
        querystring: { type: 'object', properties: { date, item: code, warehouse: code, sort: sortOf(HISTORY_SORTS), ...pagination } },
      },
    },
    async (req) => {
      const q = req.query;
      return warehouseHistory(ctxOf(req), {
        date: q.date,
        item: q.item,
        warehouse: q.warehouse,
        sort: q.sort,
        limit: q.limit !== undefined ? Number(q.limit) : undefined,
        offset: q.offset !== undefined ? Number(q.offset) : undefined,
      });
    },
  );
}
