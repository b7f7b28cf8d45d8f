/**
 * Registry cost updates after posting (SPEC §2): templates with
 * update-item-cost copy the ledger's current costs into the item registry.
 * The posting session (posting.ts) collects the items per batch and applies
 * the updates once, when it finishes.
 */
import type { Db } from '../db/db.ts';
import { unitCostAt } from '../valuation/item-cost.ts';
import { storedClosingHistory } from '../valuation/closing/history-source.ts';
import type { PlannedRecord } from './plan.ts';

export type ItemCostUpdates = Map<number, { average: boolean; last: boolean; sale: boolean }>;

/** The registry costs posted records ask to update (templates with update-item-cost), per item. */
export function collectItemCostUpdates(records: PlannedRecord[], into: ItemCostUpdates): void {
  for (const r of records) {
    const t = r.template;
    if (!t.update_item_cost) continue;
    for (const m of r.lines) {
      const e = into.get(m.itemId) ?? { average: false, last: false, sale: false };
      e.average ||= t.update_average_cost === 1;
      e.last ||= t.update_last_cost === 1;
      e.sale ||= t.update_sale_price === 1;
      into.set(m.itemId, e);
    }
  }
}

/**
 * Templates with update-item-cost copy the ledger's current costs into the
 * item registry after posting (SPEC §2): average and last as of the latest
 * posting, sale price from the latest line of an update-sale-price template.
 */
export async function applyItemCostUpdates(db: Db, todo: ItemCostUpdates): Promise<void> {
  const END = '9999-12-31';
  for (const [itemId, e] of todo) {
    const set: { average_cost?: bigint; last_cost?: bigint; sale_price?: bigint } = {};
    if (e.average) set.average_cost = await unitCostAt(db, { itemId }, END, 'average', storedClosingHistory);
    if (e.last) set.last_cost = await unitCostAt(db, { itemId }, END, 'last', storedClosingHistory);
    if (e.sale) {
      const row = await db
        .selectFrom('movements as m')
        .innerJoin('templates as t', 't.id', 'm.template_id')
        .select('m.unit_cost')
        .where('m.item_id', '=', itemId)
        .where('t.update_sale_price', '=', 1)
        .where('m.quantity', '<>', 0n)
        .orderBy('m.date', 'desc')
        .orderBy('m.record_number', 'desc')
        .orderBy('m.record_id', 'desc')
        .orderBy('m.line_no', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (row) set.sale_price = row.unit_cost;
    }
    if (Object.keys(set).length) await db.updateTable('items').set(set).where('id', '=', itemId).execute();
  }
}
