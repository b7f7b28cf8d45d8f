/**
 * Costs of one item (or item + warehouse) at a date, read from the ledger:
 * what proposed costs and registry updates need (SPEC §2, §6). The rows
 * become cost movements through `toCostMovement` (ledger-reader.ts), the same
 * conversion the valued inventory report streams through; the last closing's
 * state and the closed years come from the closing history source.
 */
import { UnitCost, type UnitCost as UnitCostT } from '../core/decimal.ts';
import { yearOf } from '../core/dates.ts';
import type { Db } from '../db/db.ts';
import { closingBefore } from '../ledger/stock.ts';
import { loadClosingHistory, type ClosingHistorySource, type CostScope } from './closing-history.ts';
import { costTemplateOf, toCostMovement } from './ledger-reader.ts';
import { valueStream, type CostMovement, type CostResult, type RegistryCosts, type StreamCostMethod } from './index.ts';

export type { CostScope } from './closing-history.ts';

export function registryOf(item: { standard_cost: bigint; average_cost: bigint; last_cost: bigint; sale_price: bigint }): RegistryCosts {
  return {
    standardCost: UnitCost.raw(item.standard_cost),
    averageCost: UnitCost.raw(item.average_cost),
    lastCost: UnitCost.raw(item.last_cost),
    salePrice: UnitCost.raw(item.sale_price),
  };
}

/** Whether the year's parameters ask for costs per item and warehouse. */
export async function valuePerWarehouse(db: Db, date: string): Promise<boolean> {
  const row = await db.selectFrom('year_params').select('value_per_warehouse').where('year', '=', yearOf(date)).executeTakeFirst();
  return row?.value_per_warehouse === 1;
}

/** One item's (or item + warehouse's) movements in ledger order, after `after` up to `date`. */
export async function costMovements(db: Db, scope: CostScope, after: string, date: string): Promise<CostMovement[]> {
  let q = db
    .selectFrom('movements as m')
    .innerJoin('templates as t', 't.id', 'm.template_id')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .select([
      'm.date',
      'w.code as warehouse',
      'i.code as item',
      'm.lot',
      'm.quantity',
      'm.unit_cost',
      'm.amount',
      'i.fiscal_interest as item_fiscal',
      't.id',
      't.warehouse_id',
      't.code',
      't.fiscal_interest',
      't.update_average_cost',
      't.update_last_cost',
      't.consider_zero_movements',
      't.oddments',
    ])
    .where('m.item_id', '=', scope.itemId)
    .where('m.date', '>', after)
    .where('m.date', '<=', date);
  if (scope.warehouseId !== undefined) q = q.where('m.warehouse_id', '=', scope.warehouseId);
  const rows = await q.orderBy('m.date').orderBy('m.record_number').orderBy('m.record_id').orderBy('m.line_no').execute();
  return rows.map((r) =>
    toCostMovement(
      { date: r.date, quantity: r.quantity, unitCost: r.unit_cost, amount: r.amount, lot: r.lot },
      costTemplateOf(r),
      { code: r.item, fiscal: r.item_fiscal === 1 },
      r.warehouse,
    ),
  );
}

/**
 * The valuation of one item (or item + warehouse) at a date by a stream
 * method: registry as the last fallback, the last closing's state and the
 * closed years from the caller's closing history source.
 */
export async function valuationAt(db: Db, scope: CostScope, date: string, method: StreamCostMethod, source: ClosingHistorySource): Promise<CostResult> {
  const item = await db
    .selectFrom('items')
    .select(['standard_cost', 'average_cost', 'last_cost', 'sale_price'])
    .where('id', '=', scope.itemId)
    .executeTakeFirstOrThrow();
  const after = await closingBefore(db, date);
  const history = await loadClosingHistory(db, { closingDate: after, itemIds: [scope.itemId], perWarehouse: scope.warehouseId !== undefined }, source);
  const movements = await costMovements(db, scope, after, date);
  return valueStream(method, {
    date,
    registry: registryOf(item),
    closing: history.closingState(scope),
    years: history.years(scope.itemId),
    movements,
  });
}

/** The unit cost of an item at a date by a stream method (proposed costs, registry updates). */
export async function unitCostAt(db: Db, scope: CostScope, date: string, method: StreamCostMethod, source: ClosingHistorySource): Promise<UnitCostT> {
  return (await valuationAt(db, scope, date, method, source)).unitCost;
}
