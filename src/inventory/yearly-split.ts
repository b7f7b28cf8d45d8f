/**
 * SPEC §12 on the stock differences: the yearly split of each row into its
 * compensated, allowed (natural loss) and imputable parts, from the
 * confusion groups and loss allowances of the differing items.
 */
import type { Db } from '../db/db.ts';
import { confusionGroupsOf } from '../masterdata/confusion-groups.ts';
import { allowancePctOf } from '../masterdata/loss-allowances.ts';
import type { InventoryRow } from './common.ts';
import { compensate, type CompensationResult } from './compensation.ts';
import type { ControlledRow } from './difference-control.ts';

/** SPEC §12 on the rows: the pure result and each row's confusion group */
export type Yearly = CompensationResult & { groupOfRow: (string | null)[] };

/**
 * SPEC §12: compensation within the confusion groups of the stock date's
 * year, then natural-loss allowances on the issued quantity since the
 * warehouse's previous posted inventory (else 1 January). Reads only the
 * groups and percentages of the differing items and, for the items with a
 * shortage and a percentage, their unloads in the period (indexed by
 * warehouse, item and date). Undefined when no group or percentage concerns
 * the differences: then nothing changes (SPEC §5).
 */
export async function yearlyRules(
  db: Db,
  inv: InventoryRow,
  stockDate: string,
  rows: ControlledRow[],
  items: Map<number, { code: string }>,
): Promise<Yearly | undefined> {
  const differing = rows.filter((r) => r.difference !== 0n);
  if (differing.length === 0) return undefined;
  const itemIds = [...new Set(differing.map((r) => r.itemId))];
  const groupOf = await confusionGroupsOf(db, Number(stockDate.slice(0, 4)), itemIds);
  const pctOf = await allowancePctOf(db, [...new Set(differing.filter((r) => r.difference < 0n).map((r) => r.itemId))]);
  if (groupOf.size === 0 && pctOf.size === 0) return undefined;
  const idOf = new Map([...items].map(([id, i]) => [i.code, id]));
  const issued = new Map<string, bigint>();
  const byWarehouse = new Map<number, Set<number>>();
  for (const r of differing) if (r.difference < 0n && pctOf.has(r.itemId)) (byWarehouse.get(r.warehouseId) ?? byWarehouse.set(r.warehouseId, new Set()).get(r.warehouseId)!).add(r.itemId);
  for (const [wh, ids] of byWarehouse) {
    for (const [itemId, q] of await issuedSince(db, inv.id, wh, [...ids], stockDate)) issued.set(`${wh}/${itemId}`, q);
  }
  const compRows = rows.map((r) => ({
    warehouseId: r.warehouseId,
    item: items.get(r.itemId)!.code,
    group: groupOf.get(r.itemId) ?? null,
    difference: r.difference,
    unitCost: r.pricing?.unitCost ?? 0n,
  }));
  const result = compensate({
    rows: compRows,
    pctOf: (item) => pctOf.get(idOf.get(item)!),
    issuedOf: (wh, item) => issued.get(`${wh}/${idOf.get(item)}`) ?? 0n,
  });
  return { ...result, groupOfRow: compRows.map((r) => r.group) };
}

/**
 * Σ |unload quantity| per item of one warehouse from the stock date of its
 * previous posted inventory (exclusive; else 1 January of the stock date's
 * year, inclusive) to the stock date (inclusive); records of inventories and
 * their reversals, and closing records, are not issues.
 */
export async function issuedSince(db: Db, inventoryId: number, warehouseId: number, itemIds: number[], stockDate: string): Promise<Map<number, bigint>> {
  const previous = await db
    .selectFrom('inventory_lists as l')
    .innerJoin('inventories as i', 'i.id', 'l.inventory_id')
    .select((eb) => eb.fn.max<string>(eb.fn.coalesce('i.stock_date', 'i.date')).as('d'))
    .where('l.warehouse_id', '=', warehouseId)
    .where('i.id', '<>', inventoryId)
    .where('i.posted_at', 'is not', null)
    .where((eb) => eb(eb.fn.coalesce('i.stock_date', 'i.date'), '<', stockDate))
    .executeTakeFirst();
  const after = previous?.d ?? null;
  const out = new Map<number, bigint>();
  for (let i = 0; i < itemIds.length; i += 500) {
    let q = db
      .selectFrom('movements as m')
      .innerJoin('records as r', 'r.id', 'm.record_id')
      .select(['m.item_id', (eb) => eb.fn.sum<bigint>('m.quantity').as('q')])
      .where('m.warehouse_id', '=', warehouseId)
      .where('m.item_id', 'in', itemIds.slice(i, i + 500))
      .where('m.date', '<=', stockDate)
      .where('m.quantity', '<', 0n)
      .where('r.origin', 'not in', ['inventory', 'reversal', 'closing']);
    q = after ? q.where('m.date', '>', after) : q.where('m.date', '>=', `${stockDate.slice(0, 4)}-01-01`);
    for (const r of await q.groupBy('m.item_id').execute()) out.set(r.item_id, -BigInt(String(r.q)));
  }
  return out;
}
