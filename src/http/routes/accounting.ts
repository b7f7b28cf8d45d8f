/** Accounting routes (API.md "Accounting", SPEC §9): the journal and the stock reconciliation. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bigId, date, pagination } from '../schemas.ts';
import { CSV_STYLES, type CsvStyle } from '../../core/csv.ts';
import { listJournal } from '../../ledger/journal.ts';
import { stockReconciliation } from '../../accounting/stock-reconciliation.ts';
import { journalCsv, reconciliationCsv, reconciliationPdf, reconciliationXlsx, valuedStockByWarehouseMethod } from '../../reports/accounting-output.ts';
import { CONTENT_TYPES, csvStyleOf, fileResponse } from '../../reports/export-table.ts';

const csvStyle = { type: 'string', enum: [...CSV_STYLES], description: 'CSV style (API.md "Formats"); default: the request\'s language' } as const;
const account = { type: 'string', minLength: 1, maxLength: 20, description: 'an account: lines with it on either side' } as const;
const money = { type: 'string' } as const;


type JournalQuerystring = { from?: string; to?: string; account?: string; record?: string; limit?: string; offset?: string; format?: 'json' | 'csv'; csvStyle?: CsvStyle };

export async function accountingRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  app.get<{ Querystring: JournalQuerystring }>(
    '/api/journal',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['accounting'],
        summary: 'The journal (SPEC §9): entry lines in date order, with totals per account over every matching line',
        description:
          'One entry per record (entryId = the record id), one line per (debit, credit) pair. `totals` (an extension) lists per account ' +
          'Σ debit, Σ credit and the balance over all lines that match the filters, not only the page. format=csv exports every matching line.',
        querystring: {
          type: 'object',
          properties: { from: date, to: date, account, record: bigId, ...pagination, format: { type: 'string', enum: ['json', 'csv'] }, csvStyle },
        },
        response: {
          200: {
            description: 'the journal page as JSON, or a CSV file',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: { entryId: { type: 'integer' }, recordId: { type: 'integer' }, date: { type: 'string' }, debitAccount: { type: 'string' }, creditAccount: { type: 'string' }, amount: money },
                      },
                    },
                    total: { type: 'integer' },
                    totals: { type: 'array', items: { type: 'object', properties: { account: { type: 'string' }, debit: money, credit: money, balance: money } } },
                  },
                },
              },
              ...fileResponse([CONTENT_TYPES.csv]).content,
            },
          },
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const ctx = ctxOf(req);
      const query = {
        from: q.from,
        to: q.to,
        account: q.account,
        record: q.record === undefined ? undefined : Number(q.record),
        limit: q.limit === undefined ? undefined : Number(q.limit),
        offset: q.offset === undefined ? undefined : Number(q.offset),
      };
      if (q.format === 'csv') {
        const page = await listJournal(ctx, { ...query, limit: q.limit === undefined ? Number.MAX_SAFE_INTEGER : query.limit });
        return reply.type(CONTENT_TYPES.csv).header('content-disposition', 'attachment; filename="journal.csv"').send(journalCsv(page, ctx.lang, csvStyleOf(ctx.lang, q.csvStyle)));
      }
      return listJournal(ctx, query);
    },
  );

  app.get<{ Querystring: { date?: string; format?: 'json' | 'csv' | 'xlsx' | 'pdf'; csvStyle?: CsvStyle } }>(
    '/api/reports/stock-reconciliation',
    {
      config: { permission: 'read' },
      schema: {
        tags: ['accounting'],
        summary: 'Stock reconciliation at a date (SPEC §9): per stock account, journal balance, valued inventory and difference',
        description:
          'Journal balance = the opening carried by the last closing before the date + Σ debits − Σ credits after it up to the date; ' +
          'inventory value = the valued inventory at the date, each warehouse by its management area\'s method (average without one). Default date: today.',
        querystring: { type: 'object', properties: { date, format: { type: 'string', enum: ['json', 'csv', 'xlsx', 'pdf'] }, csvStyle } },
        response: {
          200: {
            description: 'the reconciliation as JSON, or a file',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    date: { type: 'string' },
                    closingDate: { type: ['string', 'null'] },
                    rows: { type: 'array', items: { type: 'object', properties: { account: { type: 'string' }, journalBalance: money, inventoryValue: money, difference: money } } },
                    totals: { type: 'object', properties: { journalBalance: money, inventoryValue: money, difference: money } },
                  },
                },
              },
              ...fileResponse([CONTENT_TYPES.csv, CONTENT_TYPES.xlsx, CONTENT_TYPES.pdf]).content,
            },
          },
        },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const r = await stockReconciliation(ctx, { date: req.query.date }, valuedStockByWarehouseMethod);
      const name = `stock-reconciliation-${r.date}`;
      if (req.query.format === 'csv') {
        return reply.type(CONTENT_TYPES.csv).header('content-disposition', `attachment; filename="${name}.csv"`).send(reconciliationCsv(r, ctx.lang, csvStyleOf(ctx.lang, req.query.csvStyle)));
      }
      if (req.query.format === 'xlsx') return reply.type(CONTENT_TYPES.xlsx).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await reconciliationXlsx(r, ctx.lang));
      if (req.query.format === 'pdf') return reply.type(CONTENT_TYPES.pdf).header('content-disposition', `attachment; filename="${name}.pdf"`).send(await reconciliationPdf(r, ctx.lang));
      return r;
    },
  );
}
