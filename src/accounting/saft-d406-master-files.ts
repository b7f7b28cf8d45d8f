/**
 * SAF-T D406, MasterFiles: the master data the document needs (small: held)
 * and its tables, UOMTable, MovementTypeTable and Products (every item of the
 * registry, by code).
 */
import type { Db } from '../db/db.ts';
import type { PassItem } from '../valuation/inventory-pass.ts';
import { PASS_ITEM_COLUMNS, passItemOf, passWarehouses } from '../valuation/pass-master-data.ts';
import { CODE, LONG, MIDDLE1, MIDDLE2, PRODUCT, text } from './saft-d406-rows.ts';
import type { DocumentWriter } from './saft-d406-writer.ts';

export interface ItemInfo extends PassItem {
  stockAccount: string;
  ncCode: string;
}

export interface TemplateInfo {
  code: string;
  description: string;
  movementType: string;
  load: boolean;
}

export type MasterData = Awaited<ReturnType<typeof readMasterData>>;

/** items by code, warehouses (with their order), templates and units */
export async function readMasterData(db: Db) {
  const itemRows = await db
    .selectFrom('items')
    .select([...PASS_ITEM_COLUMNS, 'stock_account', 'nc_code'])
    .orderBy('code')
    .execute();
  const items: ItemInfo[] = itemRows.map((r) => ({ ...passItemOf(r), stockAccount: r.stock_account.trim(), ncCode: r.nc_code.trim() }));
  const itemById = new Map(items.map((i) => [i.id, i]));
  // as the valued inventory by management area: a warehouse without one is valued by average
  const warehouses = await passWarehouses(db, true);
  const warehouseOrder = new Map([...warehouses.keys()].map((id, i) => [id, i]));
  const templateRows = await db.selectFrom('templates').select(['id', 'code', 'description', 'type', 'saft_movement_type']).orderBy('id').execute();
  const templates = new Map<number, TemplateInfo>(
    templateRows.map((t) => [t.id, { code: t.code, description: t.description, movementType: t.saft_movement_type.trim() || t.code, load: t.type === 'load' }]),
  );
  const unitRows = await db.selectFrom('units').select(['code', 'description']).orderBy('code').execute();
  const units = new Map(unitRows.map((u) => [u.code, u.description]));
  for (const it of items) if (!units.has(it.uom)) units.set(it.uom, it.uom);
  return { items, itemById, warehouses, warehouseOrder, templates, units };
}

/** UOMTable, MovementTypeTable and Products (the rest of MasterFiles is the caller's) */
export async function writeMasterTables(w: DocumentWriter, m: MasterData): Promise<void> {
  const { xml, sink, leaf, section } = w;
  const { units, templates, items } = m;
  xml.ele('UOMTable');
  for (const [code, description] of [...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    xml.ele('UOMTableEntry');
    leaf('UnitOfMeasure', text(code, CODE));
    leaf('Description', text(description || code, LONG));
    xml.up();
  }
  xml.up();
  xml.ele('MovementTypeTable');
  const movementTypes = new Map<string, string>();
  for (const t of templates.values()) if (!movementTypes.has(t.movementType)) movementTypes.set(t.movementType, t.description || t.code);
  for (const [type, description] of [...movementTypes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    xml.ele('MovementTypeTableEntry');
    leaf('MovementType', text(type, CODE));
    leaf('Description', text(description, LONG));
    xml.up();
  }
  xml.up();

  section('Products');
  for (const it of items) {
    sink.push(PRODUCT([text(it.code, MIDDLE2), '01', text(it.description || it.code, LONG), text(it.ncCode || '0', MIDDLE1), text(it.uom, CODE), text(it.uom, CODE), '1']));
    await sink.flush();
  }
  xml.up();
}
