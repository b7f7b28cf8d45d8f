/** Physical inventory routes (API.md "Physical inventory"): parse, call the service, answer. */
import { readOnly, readOnlyProperties, takeBack } from '../round-trip.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bool, boolString, code, date, decimal, differenceQuery, id, idParam, nullable, pagination, sortOf, text, toDifferenceQuery as toQuery, truthy, year, type DifferenceQuerystring as DifferenceQueryFields } from '../schemas.ts';
import * as inventories from '../../inventory/inventories.ts';
import * as lists from '../../inventory/inventory-lists.ts';
import * as counting from '../../inventory/counting.ts';
import * as countImport from '../../inventory/count-import.ts';
import type { CountInput } from '../../inventory/scan-resolution.ts';
import * as posting from '../../inventory/stock-differences-posting.ts';
import * as preview from '../../inventory/stock-differences-preview.ts';
import * as reversal from '../../inventory/reversal.ts';
import { listProgress } from '../../inventory/list-progress.ts';
import { countSheet, type ReportFile } from '../../reports/count-sheet.ts';
import { differenceReport } from '../../reports/stock-differences-output.ts';
import { CSV_STYLES, type CsvStyle } from '../../core/csv.ts';
import { CONTENT_TYPES, fileResponse, type ExportFormat } from '../../reports/export-table.ts';

const optionalCode = { type: 'string', maxLength: 60 } as const;
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

const inventoryBody = {
  type: 'object',
  required: ['date', 'operator'],
  additionalProperties: false,
  properties: {
    date,
    description: { type: 'string', maxLength: 200 },
    notes: text,
    operator: code,
    closed: bool,
    freeze: { ...bool, description: 'API extension (SPEC §11): while the count runs, records moving stock of a warehouse its lists count are refused' },
  },
} as const;

/** What GET /api/inventories/{id} and /api/lists/{id} show beside the fields a PUT sets: taken back, not acted on. */
const INVENTORY_READ_ONLY = ['year', 'number', 'operatorName', 'closedAt', 'closedBy', 'postedAt', 'reversedAt', 'reversedBy', 'createdBy', 'createdAt', 'updatedAt', 'lists'] as const;
const LIST_READ_ONLY = [
  'inventoryId', 'inventory', 'inventoryDate', 'maintainLocation', 'blindCount', 'employeeName', 'currentLocation', 'lines', 'recountRound', 'createdBy', 'createdAt', 'updatedAt',
] as const;

const listBody = {
  type: 'object',
  required: ['listType', 'employee', 'warehouse'],
  additionalProperties: false,
  properties: { listType: code, employee: code, warehouse: code, closingDate: nullable(date) },
} as const;

const lineBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    item: code,
    barcode: { type: 'string', minLength: 1, maxLength: 200, description: 'an item barcode or a GS1 element string (FNC1 as \\u001d, or "(01)…(10)…")' },
    variant: optionalCode,
    lot: optionalCode,
    serial: optionalCode,
    location: optionalCode,
    jobOrder: optionalCode,
    account: optionalCode,
    expiry: date,
    quantity: { ...decimal, description: 'decimal string; default the GS1 count (AI 30/37), else 1' },
    mode: { type: 'string', enum: ['add', 'replace'] },
    scanId: { type: 'string', minLength: 1, maxLength: 100 },
  },
} as const;

interface DifferenceQuerystring extends DifferenceQueryFields {
  format?: ExportFormat;
  csvStyle?: CsvStyle;
}

function sendFile(reply: FastifyReply, file: ReportFile) {
  return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
}

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
/** GET /api/inventories/{id}/differences (SPEC §5, §11) */
const differencesResponse = {
  type: 'object',
  properties: {
    inventoryId: { type: 'integer' },
    inventory: str,
    inventoryDate: str,
    processingDate: str,
    stockDate: str,
    zeroUncounted: { type: 'boolean' },
    zeroScope: str,
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          warehouse: str, item: str, description: str, uom: str, variant: str, lot: str, serial: str, location: str, jobOrder: str, account: str,
          counted: str, book: str, difference: str, template: nullableStr, templateType: nullableStr, unitCost: nullableStr, value: str,
          movedDuringCount: { type: 'boolean' },
          uncounted: { type: 'boolean' },
          overTolerance: { type: 'boolean' },
          counts: {
            type: 'array',
            items: { type: 'object', properties: { listId: { type: 'integer' }, employee: str, round: { type: 'integer' }, quantity: str, at: str } },
          },
          countRound: { type: 'integer' },
          reason: str,
          decision: { type: 'string', enum: ['approve', 'recount'] },
          decidedBy: str,
          // SPEC §12: unsigned quantities and their values
          confusionGroup: nullableStr,
          compensated: str, compensatedValue: str, allowedLoss: str, allowedLossValue: str, imputable: str, imputableValue: str,
          // the part posted with the plain surplus/shortage templates, signed like the difference
          postedDifference: str, postedDifferenceValue: str,
        },
      },
    },
    totals: {
      type: 'object',
      properties: {
        surplusValue: str, shortageValue: str, netValue: str,
        rows: { type: 'integer' }, differingKeys: { type: 'integer' }, movedDuringCount: { type: 'integer' },
        compensatedValueDifference: str, allowedLossValue: str, imputableValue: str,
        imputableByWarehouse: { type: 'array', items: { type: 'object', properties: { warehouse: str, value: str } } },
        imputableByStorekeeper: {
          type: 'array',
          items: { type: 'object', properties: { employee: nullableStr, name: nullableStr, warehouse: str, value: str } },
        },
      },
    },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        properties: { warehouse: str, group: str, surplus: str, shortage: str, compensated: str, valueDifference: str, imputable: str },
      },
    },
  },
} as const;

/** the files a report route answers with (OpenAPI) */
const FILE_RESPONSE = fileResponse([CONTENT_TYPES.pdf, CONTENT_TYPES.csv, CONTENT_TYPES.xlsx]);

const formatQuery = {
  format: { type: 'string', enum: ['pdf', 'csv', 'xlsx'] },
  csvStyle: { type: 'string', enum: [...CSV_STYLES], description: 'CSV style (API.md "Formats"): ro = BOM, `;`, decimal comma; en = `,`, dot; default: the request\'s language' },
} as const;

export async function inventoryRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  const tags = ['physical inventory'];

  // inventories
  app.get<{ Querystring: { year?: string; closed?: string; from?: string; to?: string; operator?: string; q?: string; sort?: string; limit?: string; offset?: string } }>(
    '/api/inventories',
    { config: { permission: 'lists' }, schema: { tags, querystring: { type: 'object', properties: { year, closed: boolString, from: date, to: date, operator: code, q: { type: 'string', maxLength: 200 }, sort: sortOf(inventories.INVENTORY_SORTS), ...pagination } } } },
    async (req) =>
      inventories.listInventories(ctxOf(req), {
        year: num(req.query.year),
        closed: req.query.closed === undefined ? undefined : truthy(req.query.closed),
        from: req.query.from,
        to: req.query.to,
        operator: req.query.operator,
        q: req.query.q,
        sort: req.query.sort,
        limit: num(req.query.limit),
        offset: num(req.query.offset),
      }),
  );
  app.post<{ Body: inventories.InventoryInput }>('/api/inventories', { config: { permission: 'inventory' }, schema: { tags, body: inventoryBody } }, async (req, reply) =>
    reply.status(201).send(await inventories.createInventory(ctxOf(req), req.body)),
  );
  app.get<{ Params: { id: string } }>('/api/inventories/:id', { config: { permission: 'lists' }, schema: { tags, params: idParam } }, async (req) =>
    inventories.getInventory(ctxOf(req), Number(req.params.id)),
  );
  app.put<{ Params: { id: string }; Body: Partial<inventories.InventoryInput> }>(
    '/api/inventories/:id',
    { config: { permission: 'inventory' }, schema: { tags, params: idParam, body: { ...inventoryBody, required: [], properties: { ...inventoryBody.properties, id: readOnly(), ...readOnlyProperties(INVENTORY_READ_ONLY) } } } },
    async (req) => inventories.updateInventory(ctxOf(req), Number(req.params.id), takeBack(req.body, { id: Number(req.params.id) }, INVENTORY_READ_ONLY)),
  );

  // lists
  app.post<{ Params: { id: string }; Body: lists.ListInput }>(
    '/api/inventories/:id/lists',
    { config: { permission: 'inventory' }, schema: { tags, params: idParam, body: listBody } },
    async (req, reply) => reply.status(201).send(await lists.createList(ctxOf(req), Number(req.params.id), req.body)),
  );
  app.get<{ Params: { id: string }; Querystring: { limit?: string; offset?: string } }>(
    '/api/inventories/:id/lists',
    { config: { permission: 'lists' }, schema: { tags, params: idParam, querystring: { type: 'object', properties: pagination } } },
    async (req) => lists.listLists(ctxOf(req), { inventoryId: Number(req.params.id), limit: num(req.query.limit), offset: num(req.query.offset) }),
  );
  app.get<{ Querystring: { mine?: string; inventory?: string; open?: string; limit?: string; offset?: string } }>(
    '/api/lists',
    { config: { permission: 'lists' },
      schema: {
        tags,
        querystring: { type: 'object', properties: { mine: boolString, inventory: id, open: boolString, ...pagination } },
      },
    },
    async (req) =>
      lists.listLists(ctxOf(req), {
        mine: truthy(req.query.mine),
        inventoryId: num(req.query.inventory),
        open: truthy(req.query.open),
        limit: num(req.query.limit),
        offset: num(req.query.offset),
      }),
  );
  app.get<{ Params: { id: string } }>('/api/lists/:id', { config: { permission: 'lists' }, schema: { tags, params: idParam } }, async (req) => lists.getList(ctxOf(req), Number(req.params.id)));
  app.put<{ Params: { id: string }; Body: Partial<lists.ListInput> }>(
    '/api/lists/:id',
    { config: { permission: 'inventory' }, schema: { tags, params: idParam, body: { ...listBody, required: [], properties: { ...listBody.properties, id: readOnly(), ...readOnlyProperties(LIST_READ_ONLY) } } } },
    async (req) => lists.updateList(ctxOf(req), Number(req.params.id), takeBack(req.body, { id: Number(req.params.id) }, LIST_READ_ONLY)),
  );

  // counting
  app.post<{ Params: { id: string }; Body: CountInput }>(
    '/api/lists/:id/lines',
    { config: { permission: 'count' }, schema: { tags, params: idParam, body: lineBody } },
    async (req, reply) => {
      const r = await counting.countLine(ctxOf(req), Number(req.params.id), req.body);
      if (r.replayed) reply.header('idempotent-replay', 'true');
      return reply.status(r.status).send(r.line);
    },
  );
  app.get<{ Params: { id: string }; Querystring: { limit?: string; offset?: string; mine?: string } }>(
    '/api/lists/:id/lines',
    { config: { permission: 'lists' }, schema: { tags, params: idParam, querystring: { type: 'object', properties: { mine: boolString, ...pagination } } } },
    async (req) => counting.listLines(ctxOf(req), Number(req.params.id), { limit: num(req.query.limit), offset: num(req.query.offset), mine: truthy(req.query.mine) }),
  );
  app.get<{ Params: { id: string } }>(
    '/api/lists/:id/progress',
    { config: { permission: 'lists' }, schema: { tags, params: idParam } },
    async (req) => listProgress(ctxOf(req), Number(req.params.id)),
  );
  app.put<{ Params: { id: string }; Body: { quantity: string; expiry?: string | null } }>(
    '/api/lines/:id',
    { config: { permission: 'count' },
      schema: {
        tags,
        params: idParam,
        body: { type: 'object', required: ['quantity'], additionalProperties: false, properties: { quantity: decimal, expiry: nullable(date) } },
      },
    },
    async (req) => counting.updateLine(ctxOf(req), Number(req.params.id), req.body),
  );
  app.delete<{ Params: { id: string } }>('/api/lines/:id', { config: { permission: 'count' }, schema: { tags, params: idParam } }, async (req, reply) => {
    await counting.deleteLine(ctxOf(req), Number(req.params.id));
    return reply.status(204).send();
  });
  app.post<{ Params: { id: string }; Body: string }>(
    '/api/lists/:id/import',
    { config: { permission: 'count' }, schema: { tags, params: idParam, consumes: ['text/csv'], body: { type: 'string' } } },
    async (req, reply) => reply.status(201).send(await countImport.importCountsCsv(ctxOf(req), Number(req.params.id), req.body)),
  );
  app.post<{ Body: string }>(
    '/api/import/counts',
    { config: { permission: 'count' }, schema: { tags: ['import', ...tags], consumes: ['text/csv'], body: { type: 'string' } } },
    async (req, reply) => reply.status(201).send(await countImport.importCountsCsvByList(ctxOf(req), req.body)),
  );

  // stock differences and reports
  app.get<{ Params: { id: string }; Querystring: DifferenceQuerystring }>(
    '/api/inventories/:id/differences',
    { config: { permission: 'read' }, schema: { tags, params: idParam, querystring: { type: 'object', properties: differenceQuery }, response: { 200: differencesResponse } } },
    async (req) => preview.previewDifferences(ctxOf(req), Number(req.params.id), toQuery(req.query)),
  );
  app.post<{ Params: { id: string }; Body: posting.PostInput }>(
    '/api/inventories/:id/differences',
    { config: { permission: 'inventory' },
      schema: {
        tags,
        params: idParam,
        body: {
          type: 'object',
          required: ['postingDate'],
          additionalProperties: false,
          properties: { processingDate: date, stockDate: date, postingDate: date, zeroUncounted: bool, zeroScope: differenceQuery.zeroScope },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await posting.postDifferences(ctxOf(req), Number(req.params.id), req.body)),
  );
  app.post<{ Params: { id: string }; Body: reversal.ReverseInput }>(
    '/api/inventories/:id/reverse',
    { config: { permission: 'inventory' },
      schema: { tags, params: idParam, body: { type: 'object', required: ['date'], additionalProperties: false, properties: { date } } },
    },
    async (req, reply) => reply.status(201).send(await reversal.reverseInventory(ctxOf(req), Number(req.params.id), req.body)),
  );
  app.get<{ Params: { id: string }; Querystring: DifferenceQuerystring }>(
    '/api/inventories/:id/differences/report',
    { config: { permission: 'read' }, schema: { tags, params: idParam, querystring: { type: 'object', properties: { ...differenceQuery, ...formatQuery } }, response: { 200: FILE_RESPONSE } } },
    async (req, reply) => sendFile(reply, await differenceReport(ctxOf(req), Number(req.params.id), toQuery(req.query), req.query.format ?? 'pdf', req.query.csvStyle)),
  );
  app.get<{ Params: { id: string }; Querystring: { format?: ExportFormat; csvStyle?: CsvStyle } }>(
    '/api/lists/:id/count-sheet',
    { config: { permission: 'lists' }, schema: { tags, params: idParam, querystring: { type: 'object', properties: formatQuery }, response: { 200: FILE_RESPONSE } } },
    async (req, reply) => sendFile(reply, await countSheet(ctxOf(req), Number(req.params.id), req.query.format ?? 'pdf', req.query.csvStyle)),
  );
}
