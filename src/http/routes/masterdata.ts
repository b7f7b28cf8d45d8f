/** Master data routes (API.md "Master data"): parse, call the service, answer. */
import type { FastifyInstance } from 'fastify';
import type { CtxOf } from '../app.ts';
import { bool, code, date, decimal, idParam, nullable, page, pagination, sortOf, year } from '../schemas.ts';
import type { CodeEntityService } from '../../masterdata/crud.ts';
import { parseCsv } from '../../core/csv.ts';
import * as employees from '../../masterdata/employees.ts';
import * as users from '../../masterdata/users.ts';
import * as areas from '../../masterdata/management-areas.ts';
import { costMethodSchema } from '../../valuation/cost-methods.ts';
import * as warehouses from '../../masterdata/warehouses.ts';
import * as listTypes from '../../masterdata/list-types.ts';
import * as units from '../../masterdata/units.ts';
import * as items from '../../masterdata/items.ts';
import * as templates from '../../masterdata/templates.ts';
import * as yearParams from '../../masterdata/year-params.ts';
import * as stockDiff from '../../masterdata/stock-difference-params.ts';
import * as confusionGroups from '../../masterdata/confusion-groups.ts';
import * as lossAllowances from '../../masterdata/loss-allowances.ts';
import { readOnly, takeBack } from '../round-trip.ts';

const codeParam = { type: 'object', required: ['code'], properties: { code } } as const;
const listQuery = { type: 'object', properties: pagination } as const;
type ListQuery = { limit?: string; offset?: string };

const description = { type: 'string', maxLength: 200 } as const;
const shortText = { type: 'string', maxLength: 40 } as const;
/** an account (SPEC §9): the service checks its shape (INV_ERR_BAD_ACCOUNT) */
const account = { type: 'string', maxLength: 40 } as const;
const barcodes = { type: 'array', items: { type: 'string', minLength: 1, maxLength: 64 } } as const;

interface BodySchema {
  type: 'object';
  required: readonly string[];
  additionalProperties: false;
  properties: Record<string, unknown>;
}

/** PUT bodies: the POST body, the code coming from the URL. */
const forUpdate = <B extends BodySchema>(body: B): B => ({ ...body, required: body.required.filter((r) => r !== 'code') });

/** GET list / POST / GET one / PUT for a code-keyed master-data entity. */
function codeRoutes<V, I extends { code: string }>(
  app: FastifyInstance,
  ctxOf: CtxOf,
  path: string,
  tag: string,
  body: BodySchema,
  service: CodeEntityService<V, I>,
): void {
  app.get<{ Querystring: ListQuery }>(path, { config: { permission: 'read' }, schema: { tags: [tag], querystring: listQuery } }, async (req) => page(await service.list(ctxOf(req)), req.query));
  app.post<{ Body: I }>(path, { config: { permission: 'masterData' }, schema: { tags: [tag], body } }, async (req, reply) => reply.status(201).send(await service.create(ctxOf(req), req.body as I)));
  app.get<{ Params: { code: string } }>(`${path}/:code`, { config: { permission: 'read' }, schema: { tags: [tag], params: codeParam } }, async (req) => service.get(ctxOf(req), req.params.code));
  app.put<{ Params: { code: string }; Body: I }>(`${path}/:code`, { config: { permission: 'masterData' }, schema: { tags: [tag], params: codeParam, body: forUpdate(body) } }, async (req) =>
    service.update(ctxOf(req), req.params.code, req.body as I),
  );
}

export async function masterDataRoutes(app: FastifyInstance, ctxOf: CtxOf): Promise<void> {
  const employeeBody = {
    type: 'object',
    required: ['code', 'name'],
    additionalProperties: false,
    properties: { code, name: { type: 'string', minLength: 1, maxLength: 120 }, active: bool },
  } as const;
  app.get<{ Querystring: { limit?: string; offset?: string } }>(
    '/api/employees',
    { config: { permission: 'read' }, schema: { tags: ['employees'], querystring: listQuery } },
    async (req) => page(await employees.listEmployees(ctxOf(req)), req.query),
  );
  app.post<{ Body: employees.EmployeeInput }>('/api/employees', { config: { permission: 'masterData' }, schema: { tags: ['employees'], body: employeeBody } }, async (req, reply) =>
    reply.status(201).send(await employees.createEmployee(ctxOf(req), req.body)),
  );
  app.get<{ Params: { code: string } }>('/api/employees/:code', { config: { permission: 'read' }, schema: { tags: ['employees'], params: codeParam } }, async (req) =>
    employees.getEmployee(ctxOf(req), req.params.code),
  );
  app.put<{ Params: { code: string }; Body: employees.EmployeeInput }>(
    '/api/employees/:code',
    { config: { permission: 'masterData' }, schema: { tags: ['employees'], params: codeParam, body: { ...employeeBody, required: ['name'] } } },
    async (req) => employees.updateEmployee(ctxOf(req), req.params.code, req.body),
  );
  app.delete<{ Params: { code: string } }>('/api/employees/:code', { config: { permission: 'masterData' }, schema: { tags: ['employees'], params: codeParam } }, async (req, reply) => {
    await employees.deleteEmployee(ctxOf(req), req.params.code);
    return reply.status(204).send();
  });

  app.get<{ Querystring: { limit?: string; offset?: string } }>('/api/users', { config: { permission: 'admin' }, schema: { tags: ['users'], querystring: listQuery } }, async (req) =>
    page(await users.listUsers(ctxOf(req)), req.query),
  );
  app.post<{ Body: users.UserInput }>(
    '/api/users',
    { config: { permission: 'masterData' },
      schema: {
        tags: ['users'],
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: {
            username: code,
            password: { type: 'string', minLength: 6 },
            role: { type: 'string', enum: ['admin', 'supervisor', 'counter', 'viewer', 'approver'] },
            employee: { anyOf: [code, { type: 'null' }] },
            approver: { type: 'boolean', description: 'a supervisor who may also approve inventory differences (SPEC §10, §11)' },
            language: { anyOf: [{ type: 'string', enum: ['ro', 'en'] }, { type: 'null' }] },
          },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await users.createUser(ctxOf(req), req.body)),
  );
  app.delete<{ Params: { username: string } }>(
    '/api/users/:username/tokens',
    {
      config: { permission: 'masterData' },
      schema: { tags: ['users'], summary: "end every session of a user: their tokens stop working", params: { type: 'object', required: ['username'], properties: { username: code } } },
    },
    async (req) => users.revokeTokens(ctxOf(req), req.params.username),
  );

  codeRoutes(app, ctxOf, '/api/management-areas', 'management areas', {
    type: 'object',
    required: ['code', 'description', 'method'],
    additionalProperties: false,
    properties: { code, description, method: costMethodSchema(areas.AREA_METHODS) },
  }, { list: areas.listManagementAreas, get: areas.getManagementArea, create: areas.createManagementArea, update: areas.updateManagementArea });

  codeRoutes(app, ctxOf, '/api/units', 'units of measure', {
    type: 'object',
    required: ['code', 'decimals'],
    additionalProperties: false,
    properties: { code, description, decimals: { type: 'integer', minimum: 0, maximum: 3 } },
  }, { list: units.listUnits, get: units.getUnit, create: units.createUnit, update: units.updateUnit });

  codeRoutes(app, ctxOf, '/api/list-types', 'list types', {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code, description, maintainLocation: bool, blindCount: bool },
  }, { list: listTypes.listListTypes, get: listTypes.getListType, create: listTypes.createListType, update: listTypes.updateListType });

  codeRoutes(app, ctxOf, '/api/warehouses', 'warehouses', {
    type: 'object',
    required: ['code', 'description'],
    additionalProperties: false,
    properties: { code, description, managementArea: nullable(code), validUntil: nullable(date) },
  }, { list: warehouses.listWarehouses, get: warehouses.getWarehouse, create: warehouses.createWarehouse, update: warehouses.updateWarehouse });

  const warehouseParam = { type: 'object', required: ['code'], properties: { code } } as const;
  app.get<{ Params: { code: string }; Querystring: ListQuery }>(
    '/api/warehouses/:code/locations',
    { config: { permission: 'scan' }, schema: { tags: ['warehouses'], params: warehouseParam, querystring: listQuery } },
    async (req) => page(await warehouses.listLocations(ctxOf(req), req.params.code), req.query),
  );
  app.post<{ Params: { code: string }; Body: warehouses.LocationInput }>(
    '/api/warehouses/:code/locations',
    { config: { permission: 'masterData' },
      schema: {
        tags: ['warehouses'],
        params: warehouseParam,
        body: {
          type: 'object',
          required: ['code', 'description'],
          additionalProperties: false,
          properties: { code, description, parent: nullable(code) },
        },
      },
    },
    async (req, reply) => reply.status(201).send(await warehouses.createLocation(ctxOf(req), req.params.code, req.body)),
  );

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
    async (req, reply) => reply.status(201).send(await items.importItems(ctxOf(req), parseCsv(req.body))),
  );
  app.post<{ Body: items.ItemInput }>('/api/items', { config: { permission: 'masterData' }, schema: { tags: ['items'], body: itemBody } }, async (req, reply) =>
    reply.status(201).send(await items.createItem(ctxOf(req), req.body)),
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
    async (req) => items.updateItem(ctxOf(req), req.params.code, req.body),
  );
  app.delete<{ Params: { code: string } }>('/api/items/:code', { config: { permission: 'masterData' }, schema: { tags: ['items'], params: codeParam } }, async (req, reply) => {
    await items.deleteItem(ctxOf(req), req.params.code);
    return reply.status(204).send();
  });

  const templateBody = {
    type: 'object',
    required: ['code', 'description', 'type'],
    additionalProperties: false,
    properties: {
      code: { ...code, maxLength: templates.TEMPLATE_CODE_MAX },
      description: { type: 'string', maxLength: templates.TEMPLATE_DESCRIPTION_MAX },
      type: { type: 'string', enum: templates.TEMPLATE_TYPES },
      proposedCost: { type: 'string', enum: templates.PROPOSED_COSTS },
      updateAverageCost: bool,
      updateLastCost: bool,
      updateSalePrice: bool,
      updateItemCost: bool,
      fiscalInterest: bool,
      lotManagement: bool,
      mandatoryDocument: bool,
      mandatoryAccount: bool,
      physicalInventory: bool,
      oddments: bool,
      considerZeroMovements: bool,
      offsetWarehouse: nullable(code),
      offsetTemplate: nullable(code),
      defaultLocation: nullable(code),
      debitAccount: nullable(account),
      creditAccount: nullable(account),
      saftMovementType: nullable({ type: 'string', maxLength: 20 }),
    },
  } as const;
  const whParam = { type: 'object', required: ['wh'], properties: { wh: code } } as const;
  const templateParams = { type: 'object', required: ['wh', 'code'], properties: { wh: code, code } } as const;
  app.get<{ Params: { wh: string }; Querystring: ListQuery }>(
    '/api/warehouses/:wh/templates',
    { config: { permission: 'read' }, schema: { tags: ['templates'], params: whParam, querystring: listQuery } },
    async (req) => page(await templates.listTemplates(ctxOf(req), req.params.wh), req.query),
  );
  app.post<{ Params: { wh: string }; Body: templates.TemplateInput }>(
    '/api/warehouses/:wh/templates',
    { config: { permission: 'masterData' }, schema: { tags: ['templates'], params: whParam, body: templateBody } },
    async (req, reply) => reply.status(201).send(await templates.createTemplate(ctxOf(req), req.params.wh, req.body)),
  );
  app.get<{ Params: { wh: string; code: string } }>(
    '/api/warehouses/:wh/templates/:code',
    { config: { permission: 'read' }, schema: { tags: ['templates'], params: templateParams } },
    async (req) => templates.getTemplate(ctxOf(req), req.params.wh, req.params.code),
  );
  app.put<{ Params: { wh: string; code: string }; Body: templates.TemplateInput }>(
    '/api/warehouses/:wh/templates/:code',
    { config: { permission: 'masterData' }, schema: { tags: ['templates'], params: templateParams, body: forUpdate(templateBody) } },
    async (req) => templates.updateTemplate(ctxOf(req), req.params.wh, req.params.code, req.body),
  );

  const flags = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, bool]));
  const yearParam = { type: 'object', required: ['year'], properties: { year } } as const;
  app.get<{ Params: { year: string } }>('/api/year-params/:year', { config: { permission: 'read' }, schema: { tags: ['year parameters'], params: yearParam } }, async (req) =>
    yearParams.getYearParams(ctxOf(req), Number(req.params.year)),
  );
  app.put<{ Params: { year: string }; Body: yearParams.YearParamsInput }>(
    '/api/year-params/:year',
    { config: { permission: 'masterData' },
      schema: {
        tags: ['year parameters'],
        params: yearParam,
        body: {
          type: 'object',
          required: ['periodStart', 'periodEnd'],
          additionalProperties: false,
          properties: {
            year: readOnly({ type: 'integer' }),
            lastClosingDate: nullable(date),
            periodStart: date,
            periodEnd: date,
            ...flags(['allowNegativeStock', 'valuePerWarehouse']),
            warehouses: {
              type: 'array',
              items: {
                type: 'object',
                required: ['warehouse'],
                additionalProperties: false,
                properties: { warehouse: code, ...flags(yearParams.WAREHOUSE_FLAG_NAMES) },
              },
            },
          },
        },
      },
    },
    async (req) => yearParams.putYearParams(ctxOf(req), Number(req.params.year), takeBack(req.body, { year: Number(req.params.year) })),
  );

  app.get<{ Params: { code: string } }>(
    '/api/stock-difference-params/:code',
    { config: { permission: 'read' }, schema: { tags: ['stock difference parameters'], params: codeParam } },
    async (req) => stockDiff.getStockDifferenceParams(ctxOf(req), req.params.code),
  );
  app.put<{ Params: { code: string }; Body: stockDiff.StockDifferenceParamsInput }>(
    '/api/stock-difference-params/:code',
    { config: { permission: 'masterData' },
      schema: {
        tags: ['stock difference parameters'],
        params: codeParam,
        body: {
          type: 'object',
          required: ['loadTemplate', 'unloadTemplate'],
          additionalProperties: false,
          properties: {
            warehouse: readOnly(code),
            loadTemplate: code,
            unloadTemplate: code,
            compensationLoadTemplate: nullable(code),
            compensationUnloadTemplate: nullable(code),
            allowanceTemplate: nullable(code),
            imputableTemplate: nullable(code),
          },
        },
      },
    },
    async (req) => stockDiff.putStockDifferenceParams(ctxOf(req), req.params.code, takeBack(req.body, { warehouse: req.params.code })),
  );

  // SPEC §12: confusion groups (compensation) and natural-loss allowances
  const confusionGroupBody = {
    type: 'object',
    required: ['year', 'code', 'items'],
    additionalProperties: false,
    properties: {
      id: readOnly({ type: 'integer' }),
      year: { type: 'integer', minimum: 1900, maximum: 2999 },
      code: { ...code, maxLength: 20 },
      description,
      items: { type: 'array', maxItems: 1000, items: code },
    },
  } as const;
  app.get<{ Querystring: ListQuery & { year?: string } }>(
    '/api/confusion-groups',
    { config: { permission: 'read' }, schema: { tags: ['confusion groups'], querystring: { type: 'object', properties: { ...pagination, year } } } },
    async (req) => page(await confusionGroups.listConfusionGroups(ctxOf(req), req.query.year === undefined ? undefined : Number(req.query.year)), req.query),
  );
  app.post<{ Body: confusionGroups.ConfusionGroupInput }>(
    '/api/confusion-groups',
    { config: { permission: 'masterData' }, schema: { tags: ['confusion groups'], body: confusionGroupBody } },
    async (req, reply) => reply.status(201).send(await confusionGroups.createConfusionGroup(ctxOf(req), req.body)),
  );
  app.get<{ Params: { id: string } }>('/api/confusion-groups/:id', { config: { permission: 'read' }, schema: { tags: ['confusion groups'], params: idParam } }, async (req) =>
    confusionGroups.getConfusionGroup(ctxOf(req), Number(req.params.id)),
  );
  app.put<{ Params: { id: string }; Body: confusionGroups.ConfusionGroupInput }>(
    '/api/confusion-groups/:id',
    { config: { permission: 'masterData' }, schema: { tags: ['confusion groups'], params: idParam, body: confusionGroupBody } },
    async (req) => confusionGroups.updateConfusionGroup(ctxOf(req), Number(req.params.id), takeBack(req.body, { id: Number(req.params.id) })),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/confusion-groups/:id',
    { config: { permission: 'masterData' }, schema: { tags: ['confusion groups'], params: idParam } },
    async (req, reply) => {
      await confusionGroups.deleteConfusionGroup(ctxOf(req), Number(req.params.id));
      return reply.status(204).send();
    },
  );
  app.get('/api/loss-allowances', { config: { permission: 'read' }, schema: { tags: ['loss allowances'] } }, async (req) => lossAllowances.getLossAllowances(ctxOf(req)));
  app.put<{ Body: { items: lossAllowances.LossAllowanceEntry[] } }>(
    '/api/loss-allowances',
    {
      config: { permission: 'masterData' },
      schema: {
        tags: ['loss allowances'],
        body: {
          type: 'object',
          required: ['items'],
          additionalProperties: false,
          properties: {
            items: {
              type: 'array',
              maxItems: 10000,
              items: {
                type: 'object',
                required: ['pct'],
                additionalProperties: false,
                properties: { item: nullable(code), itemGroup: nullable({ type: 'string', maxLength: 40 }), pct: decimal },
              },
            },
          },
        },
      },
    },
    async (req) => lossAllowances.putLossAllowances(ctxOf(req), req.body),
  );
}
