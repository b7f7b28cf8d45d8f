/** Stock ledger routes (API.md "Stock ledger"). */
import { readOnly, readOnlyProperties, takeBack } from '../round-trip.ts';
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bigIdParam as idParam, code, date, decimal, id, pagination, sortOf, text } from '../schemas.ts';
import * as records from '../../ledger/records.ts';
import * as recordViews from '../../ledger/record-views.ts';
import { queryStock } from '../../ledger/stock.ts';
import { parseDimensions } from '../../ledger/keys.ts';
import { importRecordsCsvOffThread } from '../../ledger/import-thread.ts';
import type { RecordInput } from '../../ledger/plan.ts';

const optionalCode = { type: 'string', maxLength: 60 } as const;

const lineSchema = {
  type: 'object',
  // quantity may come from an alternative unit's quantity (altUom + altQuantity)
  required: ['item'],
  additionalProperties: false,
  properties: {
    item: code,
    variant: optionalCode,
    quantity: decimal,
    unitCost: decimal,
    amount: decimal,
    location: optionalCode,
    lot: optionalCode,
    serials: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 60 }, maxItems: 100000 },
    jobOrder: optionalCode,
    account: optionalCode,
    notes: text,
    altUom: optionalCode,
    altQuantity: decimal,
  },
} as const;

export const recordBodySchema = {
  type: 'object',
  required: ['warehouse', 'template', 'date', 'lines'],
  additionalProperties: false,
  properties: {
    warehouse: code,
    template: code,
    date,
    internalDocument: optionalCode,
    internalDocumentDate: date,
    referenceDocument: optionalCode,
    account: optionalCode,
    jobOrder: optionalCode,
    notes: text,
    lines: { type: 'array', minItems: 1, items: lineSchema },
  },
} as const;

/** What GET /api/records/{id} shows beside a record's input: taken back by its PUT, not acted on. */
const RECORD_READ_ONLY = ['number', 'origin', 'inventoryId', 'closingId', 'createdBy', 'createdAt', 'offsetRecordId', 'mirrorOf'] as const;

/** PUT /api/records/{id}: the POST body, or the record as GET shows it (lines numbered, one serial per line, signed quantities). */
const recordPutSchema = {
  ...recordBodySchema,
  properties: {
    ...recordBodySchema.properties,
    id: readOnly(),
    ...readOnlyProperties(RECORD_READ_ONLY),
    internalDocumentDate: { anyOf: [date, { type: 'null' }] },
    lines: {
      ...recordBodySchema.properties.lines,
      items: { ...lineSchema, properties: { ...lineSchema.properties, lineNo: readOnly(), serial: optionalCode } },
    },
  },
} as const;

type ShownLine = RecordInput['lines'][number] & { lineNo?: unknown; serial?: string };

/** A record body as GET shows it, as the posting rules take it: a line's serial is its one serial. */
function recordFromView(id: number, body: RecordInput): RecordInput {
  const { internalDocumentDate, ...input } = takeBack(body, { id }, RECORD_READ_ONLY);
  return {
    ...input,
    ...(internalDocumentDate === null ? {} : { internalDocumentDate }),
    asShown: true,
    lines: input.lines.map((l: ShownLine) => {
      const { lineNo: _lineNo, serial, ...line } = l;
      // a line without alternative unit shows its alternative quantity as zero: nothing entered
      if (!line.altUom && line.altQuantity !== undefined && /^-?0+(\.0+)?$/.test(line.altQuantity)) delete line.altQuantity;
      return serial && line.serials === undefined ? { ...line, serials: [serial] } : line;
    }),
  };
}

interface RecordQuery {
  warehouse?: string;
  template?: string;
  from?: string;
  to?: string;
  item?: string;
  origin?: string;
  inventory?: string;
  limit?: string;
  offset?: string;
  sort?: string;
}

export async function ledgerRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  app.post<{ Body: RecordInput }>('/api/records', { config: { permission: 'post' }, schema: { tags: ['records'], body: recordBodySchema } }, async (req, reply) =>
    reply.status(201).send(await records.createRecord(ctxOf(req), req.body)),
  );
  app.get<{ Querystring: RecordQuery }>(
    '/api/records',
    { config: { permission: 'read' },
      schema: {
        tags: ['records'],
        querystring: {
          type: 'object',
          properties: {
            warehouse: code,
            template: code,
            from: date,
            to: date,
            item: code,
            origin: { type: 'string', enum: ['manual', 'inventory', 'closing', 'offset', 'import', 'reversal'] },
            inventory: id,
            sort: sortOf(recordViews.RECORD_SORTS),
            ...pagination,
          },
        },
      },
    },
    async (req) => {
      const q = req.query;
      return recordViews.listRecords(ctxOf(req), {
        ...q,
        inventoryId: q.inventory ? Number(q.inventory) : undefined,
        limit: q.limit ? Number(q.limit) : undefined,
        offset: q.offset ? Number(q.offset) : undefined,
      });
    },
  );
  app.get<{ Params: { id: string } }>('/api/records/:id', { config: { permission: 'read' }, schema: { tags: ['records'], params: idParam } }, async (req) =>
    recordViews.getRecord(ctxOf(req), Number(req.params.id)),
  );
  app.put<{ Params: { id: string }; Body: RecordInput }>(
    '/api/records/:id',
    { config: { permission: 'post' }, schema: { tags: ['records'], params: idParam, body: recordPutSchema } },
    async (req) => records.updateRecord(ctxOf(req), Number(req.params.id), recordFromView(Number(req.params.id), req.body)),
  );
  app.delete<{ Params: { id: string } }>('/api/records/:id', { config: { permission: 'post' }, schema: { tags: ['records'], params: idParam } }, async (req, reply) => {
    await records.deleteRecord(ctxOf(req), Number(req.params.id));
    return reply.status(204).send();
  });

  app.get<{ Querystring: { date?: string; warehouse?: string; item?: string; by?: string } }>(
    '/api/stock',
    { config: { permission: 'read' },
      schema: {
        tags: ['stock'],
        querystring: {
          type: 'object',
          properties: {
            date,
            warehouse: code,
            item: code,
            by: { type: 'string', pattern: '^((variant|location|lot|serial|jobOrder|account),?)*$' },
          },
        },
      },
    },
    async (req) => queryStock(ctxOf(req), { ...req.query, by: parseDimensions(req.query.by) }),
  );

  app.post<{ Body: string }>(
    '/api/import/records',
    { config: { permission: 'post' }, schema: { tags: ['import'], consumes: ['text/csv'], body: { type: 'string' } } },
    async (req, reply) => reply.status(201).send(await importRecordsCsvOffThread(ctxOf(req), req.body)),
  );
}
