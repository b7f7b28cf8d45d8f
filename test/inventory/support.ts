/** What the inventory tests add to the shared fixture: list types, barcodes, stock difference templates. */
import { expect } from 'vitest';
import type { Store } from '../../src/db/connection.ts';
import type { Response, TestApi } from '../helpers/api.ts';

export const GTIN_A = '5901234123457'; // GTIN-13 of item A (stored as 13 digits)
export const GTIN_LOT = '05901234123464'; // GTIN-14 of item LOT (stored with the leading zero)
export const EAN_VAR_RED = '4006381333931'; // EAN-13 of item VAR, variant RED

export async function seedInventoryFixture(store: Store): Promise<void> {
  const db = store.db;
  await db.insertInto('list_types').values([
    { code: 'STD', description: 'Listă standard', maintain_location: 0, blind_count: 0 },
    { code: 'ORB', description: 'Numărare oarbă', maintain_location: 0, blind_count: 1 },
    { code: 'LOC', description: 'Păstrează locația', maintain_location: 1, blind_count: 0 },
  ]).execute();
  const id = (table: 'items' | 'warehouses', code: string) =>
    db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirstOrThrow().then((r) => r.id);
  await db.insertInto('item_barcodes').values([
    { barcode: GTIN_A, item_id: await id('items', 'A'), variant: '' },
    { barcode: GTIN_LOT, item_id: await id('items', 'LOT'), variant: '' },
    { barcode: EAN_VAR_RED, item_id: await id('items', 'VAR'), variant: 'RED' },
  ]).execute();
  for (const [warehouse, loadCost, unloadCost] of [
    ['MAIN', 'average', 'average'],
    ['SHOP', 'last', 'standard'],
  ] as const) {
    const wh = await id('warehouses', warehouse);
    const load = await db
      .insertInto('templates')
      .values({ warehouse_id: wh, code: 'PLU', description: 'Plus de inventar', type: 'load', proposed_cost: loadCost, physical_inventory: 1, lot_management: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const unload = await db
      .insertInto('templates')
      .values({ warehouse_id: wh, code: 'MIN', description: 'Minus de inventar', type: 'unload', proposed_cost: unloadCost, physical_inventory: 1, lot_management: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('stock_difference_params').values({ warehouse_id: wh, load_template_id: load.id, unload_template_id: unload.id }).execute();
  }
}

export function expectStatus(r: Response, status: number, code?: string): void {
  expect(r.status, `${r.status} ${JSON.stringify(r.body)}`).toBe(status);
  if (code) expect(r.body.code).toBe(code);
}

/** Row counts of everything counting and posting write, audit included. */
export async function writeCounts(api: TestApi): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['inventories', 'inventory_lists', 'inventory_lines', 'inventory_scans', 'records', 'movements', 'audit_log'] as const) {
    const r = await api.store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/** Runs a request that must be refused with status and code, and checks nothing was written. */
export async function refused(api: TestApi, status: number, code: string, request: () => Promise<Response>): Promise<Response> {
  const before = await writeCounts(api);
  const r = await request();
  expectStatus(r, status, code);
  expect(r.headers['content-type']).toMatch(/problem\+json/);
  expect(await writeCounts(api)).toEqual(before);
  return r;
}

/** Extracts the text of a PDF (pdf-parse v2): the shared helper. */
export { pdfText } from '../helpers/pdf-text.ts';
