/**
 * The accuracy figures of an inventory's difference rows (SPEC §11), per
 * warehouse, and their storing when the inventory is posted.
 *
 * Keys counted are the rows some line counted (uncounted keys zeroed by the
 * option are not counts). A key's book value is round(|book| × unit cost, 2)
 * at the stock date: the unit cost its difference is posted at, and for a key
 * without difference the proposed cost of the warehouse's shortage (unload)
 * template (average cost when the warehouse has no stock difference
 * parameters). Difference value: Σ |value| of the rows, as posted.
 */
import { abs, valueOf, type Quantity, type UnitCost } from '../core/decimal.ts';
import type { Store } from '../db/connection.ts';
import type { Db } from '../db/db.ts';
import { stockDifferenceTemplatesOf } from '../masterdata/stock-difference-params.ts';
import { proposedCosts, type CostRequest } from './book.ts';
import type { ProposedCost } from '../valuation/proposed-cost.ts';
import { addFigures, NO_FIGURES, type AccuracyFigures } from './accuracy.ts';
import type { Computed } from './stock-differences.ts';

/** The figures of the computed rows, per warehouse id. */
export async function figuresOf(db: Db, store: Store, c: Pick<Computed, 'rows' | 'stockDate'>): Promise<Map<number, AccuracyFigures>> {
  const counted = c.rows.filter((r) => !r.uncounted);
  const howOf = new Map<number, ProposedCost>();
  for (const wh of new Set(counted.filter((r) => !r.pricing).map((r) => r.warehouseId))) {
    howOf.set(wh, (await stockDifferenceTemplatesOf(db, wh))?.unload.proposed_cost ?? 'average');
  }
  const requests: CostRequest[] = counted.filter((r) => !r.pricing).map((r) => ({ itemId: r.itemId, warehouseId: r.warehouseId, how: howOf.get(r.warehouseId)! }));
  const costOf = requests.length ? await proposedCosts(db, store, requests, c.stockDate) : () => 0n as UnitCost;
  const out = new Map<number, AccuracyFigures>();
  for (const r of counted) {
    const cost = r.pricing?.unitCost ?? costOf({ itemId: r.itemId, warehouseId: r.warehouseId, how: howOf.get(r.warehouseId)! });
    const f: AccuracyFigures = {
      keys: 1,
      keysWithoutDifference: r.difference === 0n ? 1 : 0,
      bookValue: valueOf(abs(r.book) as Quantity, cost),
      differenceValue: abs(r.value),
    };
    out.set(r.warehouseId, addFigures(out.get(r.warehouseId) ?? NO_FIGURES, f));
  }
  return out;
}

/** Stores the figures of a posting (replacing those of an earlier posting of the same inventory). */
export async function storeAccuracy(db: Db, store: Store, inventoryId: number, c: Pick<Computed, 'rows' | 'stockDate'>): Promise<void> {
  const figures = await figuresOf(db, store, c);
  await db.deleteFrom('inventory_accuracy').where('inventory_id', '=', inventoryId).execute();
  if (figures.size === 0) return;
  await db
    .insertInto('inventory_accuracy')
    .values(
      [...figures].map(([warehouseId, f]) => ({
        inventory_id: inventoryId,
        warehouse_id: warehouseId,
        keys: f.keys,
        keys_without_difference: f.keysWithoutDifference,
        book_value: f.bookValue,
        difference_value: f.differenceValue,
      })),
    )
    .execute();
}
