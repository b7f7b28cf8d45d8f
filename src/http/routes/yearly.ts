/** Romanian yearly inventory routes (API.md "Romanian yearly inventory", SPEC §12): commission, declarations, documents. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CtxOf } from '../app.ts';
import { code, date, differenceQuery, id, idParam, toDifferenceQuery as toQuery, year, type DifferenceQuerystring } from '../schemas.ts';
import { readOnlyProperties, takeBack } from '../round-trip.ts';
import * as yearly from '../../inventory/yearly.ts';
import { inventoryListFile } from '../../reports/inventory-list-document.ts';
import { procesVerbalFile } from '../../reports/proces-verbal.ts';
import { inventoryRegisterFile } from '../../reports/registrul-inventar.ts';
import type { ReportFile } from '../../reports/count-sheet.ts';
import { CSV_STYLES, type CsvStyle } from '../../core/csv.ts';
import { CONTENT_TYPES, fileResponse, type ExportFormat } from '../../reports/export-table.ts';

/** a document number or a short statement of the declaration */
const shortText = { type: 'string', maxLength: 200 } as const;
const longText = { type: 'string', maxLength: 2000 } as const;

const commissionBody = {
  type: 'object',
  required: ['decisionNumber', 'decisionDate', 'president', 'members', 'storekeepers'],
  additionalProperties: false,
  properties: {
    decisionNumber: { type: 'string', minLength: 1, maxLength: 60, pattern: '\\S' },
    decisionDate: date,
    president: code,
    members: { type: 'array', maxItems: 50, items: code },
    storekeepers: {
      type: 'array',
      maxItems: 500,
      items: { type: 'object', required: ['warehouse', 'employee'], additionalProperties: false, properties: { warehouse: code, employee: code } },
    },
  },
} as const;
/** what GET shows beside the fields a PUT sets: taken back, not acted on */
const COMMISSION_READ_ONLY = ['defined', 'names', 'updatedBy', 'updatedAt'] as const;

const declarationBody = {
  type: 'object',
  required: ['lastReceipt', 'lastIssue', 'thirdPartyGoods', 'knownDifferences'],
  additionalProperties: false,
  properties: { lastReceipt: shortText, lastIssue: shortText, thirdPartyGoods: longText, knownDifferences: longText },
} as const;
const DECLARATION_READ_ONLY = ['defined', 'updatedBy', 'updatedAt'] as const;

const declarationParams = { type: 'object', required: ['id', 'warehouse'], properties: { id, warehouse: code } } as const;

const csvStyle = { type: 'string', enum: [...CSV_STYLES], description: 'CSV style (API.md "Formats"): ro = BOM, `;`, decimal comma; en = `,`, dot; default: the request\'s language' } as const;

interface DocumentQuery extends DifferenceQuerystring {
  warehouse?: string;
  format?: ExportFormat;
  csvStyle?: CsvStyle;
}

function sendFile(reply: FastifyReply, file: ReportFile) {
  return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
}

export async function yearlyInventoryRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  const tags = ['romanian yearly inventory'];
  app.get<{ Params: { id: string } }>(
    '/api/inventories/:id/commission',
    { config: { permission: 'read' }, schema: { tags, summary: 'the inventory commission (SPEC §12)', params: idParam } },
    async (req) => yearly.getCommission(ctxOf(req), Number(req.params.id)),
  );
  app.put<{ Params: { id: string }; Body: yearly.CommissionInput }>(
    '/api/inventories/:id/commission',
    {
      config: { permission: 'inventory' },
      schema: {
        tags,
        summary: 'sets the inventory commission; 422 INV_ERR_STOREKEEPER_ON_OWN_COMMISSION when a storekeeper sits on it',
        params: idParam,
        body: { ...commissionBody, properties: { ...commissionBody.properties, inventoryId: { readOnly: true }, ...readOnlyProperties(COMMISSION_READ_ONLY) } },
      },
    },
    async (req) => yearly.putCommission(ctxOf(req), Number(req.params.id), takeBack(req.body, { inventoryId: Number(req.params.id) }, COMMISSION_READ_ONLY)),
  );
  app.get<{ Params: { id: string; warehouse: string } }>(
    '/api/inventories/:id/declarations/:warehouse',
    { config: { permission: 'read' }, schema: { tags, summary: "the storekeeper's declaration of a warehouse (SPEC §12)", params: declarationParams } },
    async (req) => yearly.getDeclaration(ctxOf(req), Number(req.params.id), req.params.warehouse),
  );
  app.put<{ Params: { id: string; warehouse: string }; Body: yearly.DeclarationInput }>(
    '/api/inventories/:id/declarations/:warehouse',
    {
      config: { permission: 'inventory' },
      schema: {
        tags,
        params: declarationParams,
        body: { ...declarationBody, properties: { ...declarationBody.properties, inventoryId: { readOnly: true }, warehouse: { readOnly: true }, ...readOnlyProperties(DECLARATION_READ_ONLY) } },
      },
    },
    async (req) =>
      yearly.putDeclaration(ctxOf(req), Number(req.params.id), req.params.warehouse, takeBack(req.body, { inventoryId: Number(req.params.id), warehouse: req.params.warehouse }, DECLARATION_READ_ONLY)),
  );
  app.get<{ Params: { id: string }; Querystring: DocumentQuery }>(
    '/api/inventories/:id/inventory-list',
    {
      config: { permission: 'read' },
      schema: {
        tags,
        summary: 'the inventory list, form 14-3-12 (of one warehouse or all)',
        params: idParam,
        querystring: { type: 'object', properties: { ...differenceQuery, warehouse: code, format: { type: 'string', enum: ['pdf', 'csv', 'xlsx'] }, csvStyle } },
        response: { 200: fileResponse([CONTENT_TYPES.pdf, CONTENT_TYPES.csv, CONTENT_TYPES.xlsx]) },
      },
    },
    async (req, reply) => sendFile(reply, await inventoryListFile(ctxOf(req), Number(req.params.id), toQuery(req.query), req.query.warehouse, req.query.format ?? 'pdf', req.query.csvStyle)),
  );
  app.get<{ Params: { id: string }; Querystring: DocumentQuery }>(
    '/api/inventories/:id/report',
    {
      config: { permission: 'read' },
      schema: {
        tags,
        summary: 'the proces-verbal of the inventory results',
        params: idParam,
        querystring: { type: 'object', properties: { ...differenceQuery, format: { type: 'string', enum: ['pdf'] } } },
        response: { 200: fileResponse([CONTENT_TYPES.pdf]) },
      },
    },
    async (req, reply) => sendFile(reply, await procesVerbalFile(ctxOf(req), Number(req.params.id), toQuery(req.query))),
  );
  app.get<{ Querystring: { year: string; format?: ExportFormat; csvStyle?: CsvStyle } }>(
    '/api/reports/inventory-register',
    {
      config: { permission: 'read' },
      schema: {
        tags,
        summary: 'the registrul-inventar of a year: per stock account and warehouse, the list values of the last posted inventory of the year',
        querystring: { type: 'object', required: ['year'], properties: { year, format: { type: 'string', enum: ['pdf', 'csv', 'xlsx'] }, csvStyle } },
        response: { 200: fileResponse([CONTENT_TYPES.pdf, CONTENT_TYPES.csv, CONTENT_TYPES.xlsx]) },
      },
    },
    async (req, reply) => sendFile(reply, await inventoryRegisterFile(ctxOf(req), Number(req.query.year), req.query.format ?? 'pdf', req.query.csvStyle)),
  );
}
