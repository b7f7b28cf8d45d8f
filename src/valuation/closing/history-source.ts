/**
 * The closing history as valuation reads it: the `ClosingHistorySource` of
 * src/valuation/closing-history.ts, over the `closing_history` and
 * `closing_years` tables a closing writes.
 *
 * For a closing at C and a batch of items:
 *   - closingState(scope): the row of the closing at C for the scope, as a
 *     `ClosingState` (average, moving-average rate, last cost, fifo layers and
 *     fifo's last consumed cost);
 *   - years(item): every closed year of the item from every closing on or
 *     before C, in closing date order (several rows of one year are merged by
 *     the yearly methods: purchases summed, the last one's closing quantity).
 *
 * A closing keeps costs at the granularity of value-per-warehouse in the year
 * after it (the year whose valuations continue from it). When valuation asks
 * at the other granularity (the flag changed between years), the answer
 * degrades instead of failing:
 *   - asked per item and warehouse, kept per item: every warehouse gets the
 *     item's costs but no fifo layers (fifo restarts from the opening lines,
 *     which carry the closing's unit cost);
 *   - asked per item, kept per warehouse: averages and rates weighted by the
 *     warehouses' quantities, the last cost of the first warehouse that has
 *     one, no fifo layers.
 */
import { Quantity, UnitCost, unitCostOf, type ExactValue, type UnitCost as UnitCostT } from '../../core/decimal.ts';
import type { Selectable } from 'kysely';
import type { ClosingHistoryTable } from '../../db/schema.ts';
import type { Db } from '../../db/db.ts';
import {
  NO_CLOSING_HISTORY,
  type ClosingHistoryBatch,
  type ClosingHistoryRequest,
  type ClosingHistorySource,
  type CostScope,
} from '../closing-history.ts';
import type { ClosingState, FifoLayer, YearHistory } from '../movement.ts';
import type { YearLayer } from '../result.ts';

/** fifo layers as stored: decimal strings, oldest first. */
export function fifoLayersToJson(layers: readonly FifoLayer[]): string {
  return JSON.stringify(layers.map((l) => ({ date: l.date, quantity: Quantity.format(l.quantity), unitCost: UnitCost.format(l.unitCost) })));
}

export function fifoLayersFromJson(text: string): FifoLayer[] {
  if (!text) return [];
  return (JSON.parse(text) as { date: string; quantity: string; unitCost: string }[]).map((l) => ({
    date: l.date,
    quantity: Quantity.parse(l.quantity)!,
    unitCost: UnitCost.parse(l.unitCost)!,
  }));
}

/** lifo-yearly layers as stored, newest year first. */
export function yearLayersToJson(layers: readonly YearLayer[]): string {
  return JSON.stringify(layers.map((l) => ({ year: l.year, quantity: Quantity.format(l.quantity), unitCost: UnitCost.format(l.unitCost) })));
}

export function yearLayersFromJson(text: string): YearLayer[] {
  if (!text) return [];
  return (JSON.parse(text) as { year: number; quantity: string; unitCost: string }[]).map((l) => ({
    year: l.year,
    quantity: Quantity.parse(l.quantity)!,
    unitCost: UnitCost.parse(l.unitCost)!,
  }));
}

/** Scope key inside a batch: 0 = the item scope (warehouse ids are > 0). */
export const ITEM_SCOPE = 0;

const scopeKey = (itemId: number, warehouseKey: number) => `${itemId}|${warehouseKey}`;

/** The closing history of a batch, with what the closing itself needs besides lookups. */
export interface LoadedHistory extends ClosingHistoryBatch {
  /** the scopes (warehouse id, or ITEM_SCOPE) the closing kept for the item, at the requested granularity */
  scopes(itemId: number): readonly number[];
}

const EMPTY: LoadedHistory = { ...NO_CLOSING_HISTORY, scopes: () => [] };

type StoredRow = Pick<
  Selectable<ClosingHistoryTable>,
  'item_id' | 'warehouse_id' | 'quantity' | 'average_cost' | 'moving_average_rate' | 'last_cost' | 'fifo_last_consumed_cost' | 'fifo_layers'
>;

function stateOf(closingDate: string, r: StoredRow, withLayers: boolean): ClosingState {
  const state: ClosingState = {
    closingDate,
    quantity: Quantity.raw(r.quantity),
    averageCost: UnitCost.raw(r.average_cost),
    movingAverageRate: UnitCost.raw(r.moving_average_rate),
    lastCost: UnitCost.raw(r.last_cost),
    fifoLayers: withLayers ? fifoLayersFromJson(r.fifo_layers) : [],
  };
  if (r.fifo_last_consumed_cost !== null) state.fifoLastConsumedCost = UnitCost.raw(r.fifo_last_consumed_cost);
  return state;
}

/** Per item, from per-warehouse rows: quantity-weighted costs, no layers. */
function mergedState(closingDate: string, rows: StoredRow[]): ClosingState {
  let q = 0n;
  let avg = 0n;
  let rate = 0n;
  for (const r of rows) {
    const w = r.quantity > 0n ? r.quantity : 0n;
    q += w;
    avg += w * r.average_cost;
    rate += w * r.moving_average_rate;
  }
  const first = rows[0];
  const weighted = (sum: bigint, fallback: bigint): UnitCostT => (q > 0n ? unitCostOf(sum, q) : UnitCost.raw(fallback));
  return {
    closingDate,
    quantity: Quantity.raw(rows.reduce((s, r) => s + r.quantity, 0n)),
    averageCost: weighted(avg, first.average_cost),
    movingAverageRate: weighted(rate, first.moving_average_rate),
    lastCost: UnitCost.raw(rows.find((r) => r.last_cost !== 0n)?.last_cost ?? 0n),
    fifoLayers: [],
  };
}

/**
 * Loads the history of the closing at `closingDate` for some items (ascending
 * ids, a few hundred at most: one `in` list per query).
 */
export async function loadHistory(db: Db, request: ClosingHistoryRequest): Promise<LoadedHistory> {
  const { closingDate, itemIds, perWarehouse } = request;
  if (closingDate === '' || itemIds.length === 0) return EMPTY;
  const closing = await db.selectFrom('closings').select(['id', 'per_warehouse']).where('closing_date', '=', closingDate).executeTakeFirst();
  if (!closing) return EMPTY;
  const ids = [...itemIds];
  const [rows, years] = await Promise.all([
    db
      .selectFrom('closing_history')
      .select(['item_id', 'warehouse_id', 'quantity', 'average_cost', 'moving_average_rate', 'last_cost', 'fifo_last_consumed_cost', 'fifo_layers'])
      .where('closing_id', '=', closing.id)
      .where('item_id', 'in', ids)
      .orderBy('item_id')
      .orderBy('warehouse_id')
      .execute(),
    db
      .selectFrom('closing_years as y')
      .innerJoin('closings as c', 'c.id', 'y.closing_id')
      .select(['y.item_id', 'y.year', 'y.closing_quantity', 'y.purchased_quantity', 'y.purchased_exact', 'y.average_purchase_cost'])
      .where('c.closing_date', '<=', closingDate)
      .where('y.item_id', 'in', ids)
      .orderBy('y.item_id')
      .orderBy('c.closing_date')
      .orderBy('y.year')
      .execute(),
  ]);
  const keptPerWarehouse = closing.per_warehouse === 1;
  const states = new Map<string, ClosingState>();
  const scopes = new Map<number, number[]>();
  const addScope = (itemId: number, key: number) => {
    const list = scopes.get(itemId) ?? scopes.set(itemId, []).get(itemId)!;
    list.push(key);
  };
  let itemOnly: Map<number, StoredRow> | undefined;
  if (keptPerWarehouse === perWarehouse) {
    for (const r of rows as StoredRow[]) {
      const key = r.warehouse_id ?? ITEM_SCOPE;
      states.set(scopeKey(r.item_id, key), stateOf(closingDate, r, true));
      addScope(r.item_id, key);
    }
  } else if (perWarehouse) {
    // kept per item, asked per warehouse: answered in closingState below
    itemOnly = new Map((rows as StoredRow[]).map((r) => [r.item_id, r]));
  } else {
    const byItem = new Map<number, StoredRow[]>();
    for (const r of rows as StoredRow[]) (byItem.get(r.item_id) ?? byItem.set(r.item_id, []).get(r.item_id)!).push(r);
    for (const [itemId, list] of byItem) {
      states.set(scopeKey(itemId, ITEM_SCOPE), mergedState(closingDate, list));
      addScope(itemId, ITEM_SCOPE);
    }
  }
  const yearsOf = new Map<number, YearHistory[]>();
  for (const y of years) {
    const list = yearsOf.get(y.item_id) ?? yearsOf.set(y.item_id, []).get(y.item_id)!;
    list.push({
      year: y.year,
      closingQuantity: Quantity.raw(y.closing_quantity),
      purchasedQuantity: Quantity.raw(y.purchased_quantity),
      purchasedValue: y.purchased_exact as ExactValue,
      averagePurchaseCost: UnitCost.raw(y.average_purchase_cost),
    });
  }
  return {
    closingState(scope: CostScope): ClosingState | undefined {
      if (itemOnly) {
        const r = itemOnly.get(scope.itemId);
        return r ? stateOf(closingDate, r, false) : undefined;
      }
      return states.get(scopeKey(scope.itemId, scope.warehouseId ?? ITEM_SCOPE));
    },
    years: (itemId) => yearsOf.get(itemId) ?? [],
    scopes: (itemId) => scopes.get(itemId) ?? [],
  };
}

/**
 * The closing history as stored by the closings: what the services (valued
 * inventory, proposed costs, registry updates, book stock) pass to valuation.
 */
export const storedClosingHistory: ClosingHistorySource = { load: loadHistory };
