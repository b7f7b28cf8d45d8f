/**
 * A small company written straight into the tables (independent of the master
 * data services under test elsewhere): two warehouses, items of every kind,
 * templates for each posting rule, and an open 2026.
 */
import type { Store } from '../../src/db/connection.ts';
import type { Insertable } from 'kysely';
import type { TemplateTable } from '../../src/db/schema.ts';
import { UnitCost } from '../../src/core/decimal.ts';

type TemplateFlags = Partial<Omit<Insertable<TemplateTable>, 'warehouse_id' | 'code' | 'type'>>;

export interface Fixture {
  warehouses: Record<'MAIN' | 'SHOP', number>;
  items: Record<string, number>;
}

export async function seedFixture(store: Store): Promise<Fixture> {
  const db = store.db;
  const wh = async (code: string) =>
    (await db.insertInto('warehouses').values({ code, description: `Gestiunea ${code}` }).returning('id').executeTakeFirstOrThrow()).id;
  const MAIN = await wh('MAIN');
  const SHOP = await wh('SHOP');
  for (const [w, code] of [
    [MAIN, 'A1'],
    [MAIN, 'B1'],
    [SHOP, 'R1'],
  ] as const) {
    await db.insertInto('locations').values({ warehouse_id: w, code, description: code }).execute();
  }
  const items: Record<string, number> = {};
  const item = async (code: string, extra: Record<string, unknown> = {}) => {
    items[code] = (
      await db
        .insertInto('items')
        .values({ code, description: `Articol ${code}`, uom: 'buc', standard_cost: UnitCost.parse('9.5')!, sale_price: UnitCost.parse('20')!, ...extra })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  };
  await item('A');
  await item('B');
  await item('LOT', { lot_managed: 1 });
  await item('SER', { serial_managed: 1 });
  await item('VAR');
  await item('NF', { fiscal_interest: 0 });
  await db.insertInto('item_variants').values([
    { item_id: items.VAR, code: 'RED', description: 'Roșu' },
    { item_id: items.VAR, code: 'BLUE', description: 'Albastru' },
  ]).execute();

  const template = async (warehouse: number, code: string, type: 'load' | 'unload', flags: TemplateFlags = {}) =>
    (
      await db
        .insertInto('templates')
        .values({ warehouse_id: warehouse, code, description: `Șablon ${code}`, type, ...flags })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const costs = { update_average_cost: 1, update_last_cost: 1, lot_management: 1 };
  await template(MAIN, 'CAR', 'load', costs);
  await template(MAIN, 'VAN', 'unload', { proposed_cost: 'average', lot_management: 1 });
  await template(MAIN, 'VLA', 'unload', { proposed_cost: 'last' });
  await template(MAIN, 'VST', 'unload', { proposed_cost: 'standard' });
  await template(MAIN, 'ZER', 'load', { ...costs, consider_zero_movements: 1 });
  await template(MAIN, 'DOC', 'load', { mandatory_document: 1, mandatory_account: 1 });
  await template(MAIN, 'UPD', 'load', { ...costs, update_item_cost: 1 });
  await template(MAIN, 'RES', 'load', { oddments: 1 });
  await template(SHOP, 'CAR', 'load', costs);
  await template(SHOP, 'VAN', 'unload', { proposed_cost: 'average' });
  const tri = await template(SHOP, 'TRI', 'load', { default_location: 'R1' });
  await template(MAIN, 'TRF', 'unload', { proposed_cost: 'average', offset_warehouse_id: SHOP, offset_template_id: tri, lot_management: 1 });

  await db.insertInto('year_params').values({ year: 2026, period_start: '2026-01-01', period_end: '2026-12-31' }).execute();
  for (const w of [MAIN, SHOP]) await db.insertInto('year_warehouse_params').values({ year: 2026, warehouse_id: w }).execute();
  return { warehouses: { MAIN, SHOP }, items };
}

/** Row counts of the tables a posting writes: equal before and after a refused request. */
export async function ledgerCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['records', 'movements', 'audit_log', 'items'] as const) {
    const r = await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
