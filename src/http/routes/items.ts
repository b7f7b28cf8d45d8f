/** Item routes (API.md "Master data"): the registry, barcode look-up and the CSV import. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bool, code, decimal, nullable, pagination, sortOf } from '../schemas.ts';
import { parseCsv } from '../../core/csv.ts';
import * as itemImport from '../../masterdata/item-import.ts';
import * as itemWrites from '../../masterdata/item-writes.ts';
import * as items from '../../masterdata/items.ts';
import { account, barcodes, codeParam, description, forUpdate, shortText, type ListQuery } from './master-data-schemas.ts';

export function itemRoutes(app: FastifyInstance, ctxOf: CtxOf): void {
  const itemBody = {
    type: 'object',
    required: ['code', 'description', 'uom'],
    additionalProperties: false,
    properties: {
      code,
      description,
      uom: { type: 'string', minLength: 1, maxLength: 20 },
      itemType: nullable(shortText),
      fiscalCategory: nullable(shortText),
      merchandiseCategory: nullable(shortText),
      fiscalInterest: bool,
      lotManaged: bool,
      serialManaged: bool,
      variants: {
        type: 'array',
        items: { type: 'object', required: ['code', 'description'], additionalProperties: false, properties: { code, description, barcodes } },
      },
      barcodes,
      alternativeUnits: {
        type: 'array',
        items: {
          type: 'object',
          required: ['uom', 'factor'],
          additionalProperties: false,
          properties: { uom: { type: 'string', minLength: 1, maxLength: 20 }, factor: decimal },
        },
      },
      standardCost: decimal,
      averageCost: decimal,
      lastCost: decimal,
      salePrice: decimal,
      stockAccount: nullable(account),
      ncCode: nullable({ type: 'string', maxLength: 20 }),
    },
  } as const;
  app.get<{ Querystring: ListQuery & { q?: string; sort?: string } }>(
    '/api/items',
    { config: { permission: 'scan' }, schema: { tags: ['items'], querystring: { type: 'object', properties: { ...pagination, q: { type: 'string', maxLength: 200 }, sort: sortOf(items.ITEM_SORTS) } } } },
    async (req) => {
      const found = await items.listItems(ctxOf(req), {
        q: req.query.q,
        sort: req.query.sort,
        limit: req.query.limit === undefined ? undefined : Number(req.query.limit),
        offset: req.query.offset === undefined ? undefined : Number(req.query.offset),
      });
      return { ...found, items: found.items.map((i) => items.itemForReader(req.actor!, i)) };
    },
  );
  app.post<{ Body: string }>(
    '/api/import/items',
    { config: { permission: 'masterData' }, schema: { tags: ['import'], consumes: ['text/csv'], body: { type: 'string' } } },
    async (req, reply) => reply.status(201).send(await itemImport.importItems(ctxOf(req), parseCsv(req.body))),
  );
  app.post<{ Body: items.ItemInput }>('/api/items', { config: { permission: 'masterData' }, schema: { tags: ['items'], body: itemBody } }, async (req, reply) =>
    reply.status(201).send(await itemWrites.createItem(ctxOf(req), req.body)),
  );
  app.get<{ Params: { barcode: string } }>(
    '/api/items/by-barcode/:barcode',
    { config: { permission: 'scan' }, schema: { tags: ['items'], params: { type: 'object', required: ['barcode'], properties: { barcode: { type: 'string', minLength: 1 } } } } },
    async (req) => {
      const hit = await items.getItemByBarcode(ctxOf(req), req.params.barcode);
      return { ...hit, item: items.itemForReader(req.actor!, hit.item) };
    },
  );
  app.get<{ Params: { code: string } }>('/api/items/:code', { config: { permission: 'scan' }, schema: { tags: ['items'], params: codeParam } }, async (req) =>
    items.itemForReader(req.actor!, await items.getItem(ctxOf(req), req.params.code)),
  );
  app.put<{ Params: { code: string }; Body: items.ItemInput }>(
    '/api/items/:code',
    { config: { permission: 'masterData' }, schema: { tags: ['items'], params: codeParam, body: forUpdate(itemBody) } },
    async (req) => itemWrites.updateItem(ctxOf(req), req.params.code, req.body),
  );
  app.delete<{ Params: { code: string } }>('/api/items/:code', { config: { permission: 'masterData' }, schema: { tags: ['items'], params: codeParam } }, async (req, reply) => {
    await itemWrites.deleteItem(ctxOf(req), req.params.code);
    return reply.status(204).send();
  });
}
