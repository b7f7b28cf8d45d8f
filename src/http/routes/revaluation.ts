/**
 * Re-valuation routes (API.md "Accounting", SPEC §9): the preview, and the
 * apply that needs an explicit confirmation.
 *
 * Large results: `totals` always count every change; `changes` holds the
 * first `limit` of them (default 1000, at most 10,000) with `truncated` telling
 * whether there were more; `format: "csv"` on the preview streams every change
 * as a CSV file (the request's CSV style, or `csvStyle`), one item batch at a time.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, date } from '../schemas.ts';
import { CSV_STYLES, type CsvStyle } from '../../core/csv.ts';
import { CONTENT_TYPES, csvStyleOf, fileResponse } from '../../reports/export-table.ts';
import { revaluationCsvHeader, revaluationCsvRows } from '../../reports/revaluation-output.ts';
import {
  applyRevaluation,
  planRevaluation,
  previewRevaluation,
  PREVIEW_LIMIT,
  PREVIEW_LIMIT_MAX,
  REVALUATION_METHODS,
  type RevaluationInput,
} from '../../accounting/revaluation.ts';
import { costMethodSchema } from '../../valuation/cost-methods.ts';
import { requirePermission } from '../../core/roles.ts';

const baseProperties = {
  from: { ...date, description: 'first posting date whose unloads are re-valued (inside the open period, after the last closing)' },
  to: { ...date, description: 'last posting date whose unloads are re-valued' },
  method: costMethodSchema(REVALUATION_METHODS, 'fifo or moving-average (SPEC §6)'),
  warehouse: { ...code, description: "only this warehouse's unloads (and their transfers' load side)" },
  limit: { type: 'integer', minimum: 0, maximum: PREVIEW_LIMIT_MAX, description: `changes listed in the answer (default ${PREVIEW_LIMIT}); totals always count all` },
} as const;

const previewBody = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'method'],
  properties: {
    ...baseProperties,
    format: { type: 'string', enum: ['json', 'csv'], description: 'csv: every change as a file' },
    csvStyle: { type: 'string', enum: [...CSV_STYLES] },
  },
} as const;

const applyBody = {
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'method'],
  properties: { ...baseProperties, confirm: { type: 'boolean', description: 'must be true: applying changes the ledger' } },
} as const;

const decimalString = { type: 'string' } as const;
const changeSchema = {
  type: 'object',
  properties: {
    recordId: { type: 'integer' },
    lineNo: { type: 'integer' },
    date: { type: 'string' },
    item: { type: 'string' },
    warehouse: { type: 'string' },
    quantity: decimalString,
    oldUnitCost: decimalString,
    newUnitCost: decimalString,
    oldAmount: decimalString,
    newAmount: decimalString,
    transferLoad: { type: 'boolean' },
  },
} as const;
const viewSchema = {
  type: 'object',
  properties: {
    from: { type: 'string' },
    to: { type: 'string' },
    method: { type: 'string' },
    warehouse: { type: ['string', 'null'] },
    closingDate: { type: ['string', 'null'] },
    changes: { type: 'array', items: changeSchema },
    truncated: { type: 'boolean' },
    totals: {
      type: 'object',
      properties: {
        lines: { type: 'integer' },
        unloadLines: { type: 'integer' },
        transferLoadLines: { type: 'integer' },
        oldAmount: decimalString,
        newAmount: decimalString,
        difference: decimalString,
      },
    },
    stats: { type: 'object', properties: { rowsRead: { type: 'integer' }, items: { type: 'integer' }, itemsRewalked: { type: 'integer' } } },
  },
} as const;

type PreviewBody = RevaluationInput & { limit?: number; format?: 'json' | 'csv'; csvStyle?: CsvStyle };

export async function revaluationRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  app.post<{ Body: PreviewBody }>(
    '/api/revaluations/preview',
    {
      config: { permission: 'close' },
      schema: {
        tags: ['accounting'],
        summary: 'what a re-valuation would change (SPEC §9); writes nothing',
        body: previewBody,
        response: {
          200: {
            description: 'the first `limit` changes and the totals of all, or (format=csv) every change',
            content: { 'application/json': { schema: viewSchema }, ...fileResponse([CONTENT_TYPES.csv]).content },
          },
        },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const { format, csvStyle, limit, ...input } = req.body;
      if (format !== 'csv') return previewRevaluation(ctx, input, { limit });
      requirePermission(ctx.actor, 'close');
      // input and period errors are answered as problems before the file starts
      const plan = await planRevaluation(ctx.store.db, input);
      const style = csvStyleOf(ctx.lang, csvStyle);
      const out = new PassThrough();
      out.write(revaluationCsvHeader(ctx.lang, style));
      previewRevaluation(ctx, input, {
        plan,
        limit: 0,
        onChanges: async (changes) => {
          if (!out.write(revaluationCsvRows(changes, style))) await once(out, 'drain');
        },
      }).then(
        () => out.end(),
        (e: unknown) => {
          req.log.error(e);
          out.destroy(e instanceof Error ? e : new Error(String(e)));
        },
      );
      return reply
        .type(CONTENT_TYPES.csv)
        .header('content-disposition', `attachment; filename="revaluation-${plan.from}-${plan.to}.csv"`)
        .send(out);
    },
  );

  app.post<{ Body: RevaluationInput & { limit?: number } }>(
    '/api/revaluations',
    {
      config: { permission: 'close' },
      schema: {
        tags: ['accounting'],
        summary: 'apply a re-valuation in one transaction (400 INV_ERR_CONFIRMATION_REQUIRED without confirm: true); audited',
        body: applyBody,
        response: { 200: viewSchema },
      },
    },
    async (req) => {
      const { limit, ...input } = req.body;
      return applyRevaluation(ctxOf(req), input, { limit });
    },
  );
}
