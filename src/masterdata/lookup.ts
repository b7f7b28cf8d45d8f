/** Code → row look-ups shared by every service; unknown codes are 404s (or 422s inside a record). */
import type { ItemRow, TemplateRow, WarehouseRow } from '../db/schema.ts';
import type { Db } from '../db/db.ts';
import { fail } from '../core/errors.ts';

export async function employeeIdOf(db: Db, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const row = await db.selectFrom('employees').select('id').where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'employee', key: code });
  return row.id;
}

export async function warehouseOf(db: Db, code: string): Promise<WarehouseRow> {
  const row = await db.selectFrom('warehouses').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'warehouse', key: code });
  return row;
}

export async function itemOf(db: Db, code: string): Promise<ItemRow> {
  const row = await db.selectFrom('items').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'item', key: code });
  return row;
}

export async function templateOf(db: Db, warehouseId: number, code: string): Promise<TemplateRow> {
  const row = await db
    .selectFrom('templates')
    .selectAll()
    .where('warehouse_id', '=', warehouseId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'template', key: code });
  return row;
}

export async function managementAreaIdOf(db: Db, code: string | null | undefined): Promise<number | null> {
  if (!code) return null;
  const row = await db.selectFrom('management_areas').select('id').where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_NOT_FOUND', { entity: 'managementArea', key: code });
  return row.id;
}

/** A location of the warehouse by code; 422 INV_ERR_UNKNOWN_LOCATION when the warehouse has none. */
export async function locationIdOf(db: Db, warehouse: Pick<WarehouseRow, 'id' | 'code'>, code: string): Promise<number> {
  const row = await db.selectFrom('locations').select('id').where('warehouse_id', '=', warehouse.id).where('code', '=', code).executeTakeFirst();
  if (!row) fail('INV_ERR_UNKNOWN_LOCATION', { warehouse: warehouse.code, location: code });
  return row.id;
}
