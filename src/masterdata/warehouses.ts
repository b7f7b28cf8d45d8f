/** Warehouses and their locations (a tree per warehouse), SPEC §2. */
import type { Ctx } from '../core/context.ts';
import { fail } from '../core/errors.ts';
import { parseDate } from '../core/input.ts';
import { requirePermission } from '../core/roles.ts';
import { audit } from '../db/audit.ts';
import { adminWrite, codeEntityService } from './crud.ts';
import { locationIdOf, managementAreaIdOf, warehouseOf } from './lookup.ts';
import type { Db } from '../db/db.ts';

export interface WarehouseInput {
  code: string;
  description: string;
  managementArea?: string | null;
  validUntil?: string | null;
}

export interface WarehouseView {
  code: string;
  description: string;
  managementArea: string | null;
  validUntil: string | null;
}

export interface LocationInput {
  code: string;
  description: string;
  parent?: string | null;
}

export interface LocationView {
  code: string;
  description: string;
  parent: string | null;
}

async function warehouseFields(trx: Db, input: Omit<WarehouseInput, 'code'>) {
  return {
    description: input.description,
    management_area_id: await managementAreaIdOf(trx, input.managementArea),
    valid_until: input.validUntil || null,
  };
}

const service = codeEntityService<WarehouseView, WarehouseInput>({
  entity: 'warehouse',
  async read(db, code) {
    let q = db
      .selectFrom('warehouses')
      .leftJoin('management_areas', 'management_areas.id', 'warehouses.management_area_id')
      .select(['warehouses.code', 'warehouses.description', 'warehouses.valid_until', 'management_areas.code as area'])
      .orderBy('warehouses.code');
    if (code !== undefined) q = q.where('warehouses.code', '=', code);
    const rows = await q.execute();
    return rows.map((r) => ({ code: r.code, description: r.description, managementArea: r.area, validUntil: r.valid_until }));
  },
  validate(input, problems) {
    parseDate(input.validUntil ?? undefined, '/validUntil', problems);
  },
  async insert(trx, input) {
    await trx.insertInto('warehouses').values({ code: input.code, ...(await warehouseFields(trx, input)) }).execute();
  },
  async update(trx, code, input) {
    await trx.updateTable('warehouses').set(await warehouseFields(trx, input)).where('code', '=', code).execute();
  },
});

export const listWarehouses = service.list;
export const getWarehouse = service.get;
export const createWarehouse = service.create;
export const updateWarehouse = service.update;

async function locationViews(db: Db, warehouseId: number, code?: string): Promise<LocationView[]> {
  let q = db
    .selectFrom('locations as l')
    .leftJoin('locations as p', 'p.id', 'l.parent_id')
    .select(['l.code', 'l.description', 'p.code as parent'])
    .where('l.warehouse_id', '=', warehouseId)
    .orderBy('l.code');
  if (code !== undefined) q = q.where('l.code', '=', code);
  return q.execute();
}

export async function listLocations(ctx: Ctx, warehouse: string): Promise<LocationView[]> {
  requirePermission(ctx.actor, 'scan');
  const wh = await warehouseOf(ctx.store.db, warehouse);
  return locationViews(ctx.store.db, wh.id);
}

/** Adds a location; its parent, when given, is a location of the same warehouse (422 otherwise). */
export async function createLocation(ctx: Ctx, warehouse: string, input: LocationInput): Promise<LocationView> {
  const key = `${warehouse}/${input.code}`;
  return adminWrite(ctx, { entity: 'location', key: input.code }, async (trx) => {
    const wh = await warehouseOf(trx, warehouse);
    if ((await locationViews(trx, wh.id, input.code)).length > 0) fail('INV_ERR_DUPLICATE', { entity: 'location', key: input.code });
    const parentId = input.parent ? await locationIdOf(trx, wh, input.parent) : null;
    await trx.insertInto('locations').values({ warehouse_id: wh.id, code: input.code, description: input.description, parent_id: parentId }).execute();
    const [after] = await locationViews(trx, wh.id, input.code);
    await audit(trx, ctx.actor, 'location', key, 'create', null, after);
    return after;
  });
}
