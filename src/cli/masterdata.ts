/**
 * Master data from the command line: `inventar <entity> list|show|create|update`
 * over the same services as the HTTP API. Bodies are the API's JSON, given
 * inline or as @file.json.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { Ctx } from '../core/context.ts';
import { printJson, printRows } from './output.ts';
import { lazy } from './lazy.ts';

const employees = lazy(() => import('../masterdata/employees.ts'));
const users = lazy(() => import('../masterdata/users.ts'));
const areas = lazy(() => import('../masterdata/management-areas.ts'));
const warehouses = lazy(() => import('../masterdata/warehouses.ts'));
const items = lazy(() => import('../masterdata/items.ts'));
const itemWrites = lazy(() => import('../masterdata/item-writes.ts'));
const templates = lazy(() => import('../masterdata/templates.ts'));
const listTypes = lazy(() => import('../masterdata/list-types.ts'));
const yearParams = lazy(() => import('../masterdata/year-params.ts'));
const diffParams = lazy(() => import('../masterdata/stock-difference-params.ts'));

interface Scope {
  warehouse?: string;
}

interface Entity {
  description: string;
  /** the entity lives inside a warehouse (templates, locations) */
  perWarehouse?: boolean;
  list?: (ctx: Ctx, s: Scope) => Promise<object[]>;
  show?: (ctx: Ctx, key: string, s: Scope) => Promise<object>;
  create?: (ctx: Ctx, body: any, s: Scope) => Promise<object>;
  update?: (ctx: Ctx, key: string, body: any, s: Scope) => Promise<object>;
}

const wh = (s: Scope) => {
  if (!s.warehouse) throw new Error('--warehouse <code> is required');
  return s.warehouse;
};

const ENTITIES: Record<string, Entity> = {
  employees: { description: 'employees', list: employees.listEmployees, show: employees.getEmployee, create: employees.createEmployee, update: employees.updateEmployee },
  users: { description: 'users and roles', list: users.listUsers, create: users.createUser },
  'management-areas': {
    description: 'management areas and their cost method',
    list: areas.listManagementAreas,
    show: areas.getManagementArea,
    create: areas.createManagementArea,
    update: areas.updateManagementArea,
  },
  warehouses: { description: 'warehouses', list: warehouses.listWarehouses, show: warehouses.getWarehouse, create: warehouses.createWarehouse, update: warehouses.updateWarehouse },
  locations: {
    description: 'locations of a warehouse',
    perWarehouse: true,
    list: (ctx, s) => warehouses.listLocations(ctx, wh(s)),
    create: (ctx, body, s) => warehouses.createLocation(ctx, wh(s), body),
  },
  items: {
    description: 'items (variants, barcodes, registry costs)',
    list: async (ctx) => (await items.listItems(ctx)).items,
    show: items.getItem,
    create: itemWrites.createItem,
    update: itemWrites.updateItem,
  },
  templates: {
    description: 'warehouse templates',
    perWarehouse: true,
    list: (ctx, s) => templates.listTemplates(ctx, wh(s)),
    show: (ctx, code, s) => templates.getTemplate(ctx, wh(s), code),
    create: (ctx, body, s) => templates.createTemplate(ctx, wh(s), body),
    update: (ctx, code, body, s) => templates.updateTemplate(ctx, wh(s), code, body),
  },
  'list-types': { description: 'inventory list types', list: listTypes.listListTypes, show: listTypes.getListType, create: listTypes.createListType, update: listTypes.updateListType },
  'year-params': {
    description: 'warehouse initial parameters of a year (key: the year)',
    show: (ctx, year) => yearParams.getYearParams(ctx, Number(year)),
    update: (ctx, year, body) => yearParams.putYearParams(ctx, Number(year), body),
  },
  'stock-difference-params': {
    description: 'surplus and shortage templates of a warehouse (key: the warehouse)',
    show: diffParams.getStockDifferenceParams,
    update: diffParams.putStockDifferenceParams,
  },
};

/** JSON inline, or @path to read it from a file */
function body(text: string): unknown {
  return JSON.parse(text.startsWith('@') ? fs.readFileSync(text.slice(1), 'utf8') : text);
}

export function masterDataCommands(program: Command, open: () => Promise<Ctx>): void {
  for (const [name, e] of Object.entries(ENTITIES)) {
    const cmd = program.command(name).description(e.description);
    const scoped = (c: Command) => (e.perWarehouse ? c.requiredOption('--warehouse <code>', 'warehouse') : c);
    if (e.list) {
      scoped(cmd.command('list').option('--json', 'print JSON')).action(async (o: Scope & { json?: boolean }) => {
        printRows((await e.list!(await open(), o)) as Record<string, unknown>[], !!o.json);
      });
    }
    if (e.show) {
      scoped(cmd.command('show <key>')).action(async (key: string, o: Scope) => printJson(await e.show!(await open(), key, o)));
    }
    if (e.create) {
      scoped(cmd.command('create <json>').description('JSON body as in the API, or @file.json')).action(async (json: string, o: Scope) =>
        printJson(await e.create!(await open(), body(json), o)),
      );
    }
    if (e.update) {
      scoped(cmd.command('update <key> <json>').description('JSON body as in the API, or @file.json')).action(async (key: string, json: string, o: Scope) =>
        printJson(await e.update!(await open(), key, body(json), o)),
      );
    }
  }
}
