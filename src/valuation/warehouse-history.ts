/**
 * Warehouse history (SPEC §8 "Arhivă gestiune"): rows saved by the valued
 * inventory report with historicize, and the costs the `history` method reads
 * back from them.
 *
 * A row is keyed by (item, warehouse) — warehouse null when the report was
 * grouped by item. "The latest snapshot on or before a date" is resolved per
 * key: for every (item, warehouse-or-null) the row of the latest run (by
 * snapshot date, then run id) dated on or before it. So partial runs
 * (one warehouse, one item range) only replace what they saved.
 *
 * The history unit cost of an item in warehouse w at H:
 *   1. the newer of its (item, w) row and its (item, null) row;
 *   2. else the item's latest per-warehouse rows together: round(Σ value / Σ quantity, 5);
 *   3. else none (the caller falls back to the registry average cost).
 */
import { parseSort } from '../core/sort.ts';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../core/context.ts';
import { Money, Quantity, UnitCost, moneyToExact, unitCostOf } from '../core/decimal.ts';
import { nowTimestamp } from '../core/dates.ts';
import { audit } from '../db/audit.ts';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/db.ts';
import { COST_METHOD_IDS, storedCostMethod } from './cost-methods.ts';

export interface HistoryRowInput {
  warehouseId: number | null;
  itemId: number;
  managementAreaId: number | null;
  fiscalCategory: string;
  quantity: Quantity;
  lastCost: UnitCost;
  averageCost: UnitCost;
  method: string;
  unitCost: UnitCost;
  value: Money;
}

export interface HistoryRun {
  date: string;
  method: string;
  groupBy: string;
  filters: Record<string, unknown>;
}

const INSERT_CHUNK = 1000;

/** Saves one run and its rows inside the caller's transaction, audited; returns the run id. */
export async function saveHistoryRun(trx: Kysely<Database>, actor: Actor, run: HistoryRun, rows: readonly HistoryRowInput[]): Promise<number> {
  const { id } = await trx
    .insertInto('warehouse_history_runs')
    .values({
      snapshot_date: run.date,
      method: run.method,
      group_by: run.groupBy,
      filters: JSON.stringify(run.filters),
      created_by: actor.username,
      created_at: nowTimestamp(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('warehouse_history')
      .values(
        rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          run_id: id,
          snapshot_date: run.date,
          warehouse_id: r.warehouseId,
          item_id: r.itemId,
          management_area_id: r.managementAreaId,
          fiscal_category: r.fiscalCategory,
          quantity: r.quantity,
          last_cost: r.lastCost,
          average_cost: r.averageCost,
          method: r.method,
          unit_cost: r.unitCost,
          value: r.value,
        })),
      )
      .execute();
  }
  await audit(trx, actor, 'warehouseHistory', id, 'historicize', null, { ...run, rows: rows.length });
  return id;
}

interface LatestRow {
  run_id: number;
  snapshot_date: string;
  warehouse_id: number | null;
  item_id: number;
  quantity: bigint;
  unit_cost: bigint;
  value: bigint;
}

/** Per (item, warehouse-or-null): the latest row on or before `date`, of the given items. */
function latestRows(db: Db, date: string, itemIds?: readonly number[]) {
  let inner = db
    .selectFrom('warehouse_history')
    .selectAll()
    .select(sql<number>`row_number() over (partition by item_id, coalesce(warehouse_id, 0) order by snapshot_date desc, run_id desc)`.as('rn'))
    .where('snapshot_date', '<=', date);
  if (itemIds) inner = inner.where('item_id', 'in', itemIds as number[]);
  return db.selectFrom(inner.as('h')).where('h.rn', '=', 1);
}

export interface HistoryCosts {
  /** the history unit cost of the item in the warehouse, undefined when the history has none */
  costOf(itemId: number, warehouseId: number): UnitCost | undefined;
}

/** The history costs of a batch of items as of `date` (see the file comment). */
export async function historyCosts(db: Db, date: string, itemIds: readonly number[]): Promise<HistoryCosts> {
  if (itemIds.length === 0) return { costOf: () => undefined };
  const rows = (await latestRows(db, date, itemIds)
    .select(['h.run_id', 'h.snapshot_date', 'h.warehouse_id', 'h.item_id', 'h.quantity', 'h.unit_cost', 'h.value'])
    .execute()) as LatestRow[];
  const byItem = new Map<number, { itemRow?: LatestRow; perWarehouse: Map<number, LatestRow>; pooled?: UnitCost }>();
  for (const r of rows) {
    let e = byItem.get(r.item_id);
    if (!e) byItem.set(r.item_id, (e = { perWarehouse: new Map() }));
    if (r.warehouse_id === null) e.itemRow = r;
    else e.perWarehouse.set(r.warehouse_id, r);
  }
  for (const e of byItem.values()) {
    let q = 0n;
    let v = 0n;
    for (const r of e.perWarehouse.values()) {
      q += r.quantity;
      v += r.value;
    }
    if (q !== 0n) e.pooled = unitCostOf(moneyToExact(v as Money), q);
  }
  const newer = (a: LatestRow | undefined, b: LatestRow | undefined) => {
    if (!a) return b;
    if (!b) return a;
    return a.snapshot_date > b.snapshot_date || (a.snapshot_date === b.snapshot_date && a.run_id > b.run_id) ? a : b;
  };
  return {
    costOf(itemId, warehouseId) {
      const e = byItem.get(itemId);
      if (!e) return undefined;
      const row = newer(e.perWarehouse.get(warehouseId), e.itemRow);
      if (row) return UnitCost.raw(row.unit_cost);
      return e.pooled;
    },
  };
}

export interface WarehouseHistoryQuery {
  /** as of this date: the latest row per (item, warehouse) on or before it; all rows when absent */
  date?: string;
  itemId?: number;
  warehouseId?: number;
  limit?: number;
  offset?: number;
  /** `field` or `-field`, one of HISTORY_SORTS; default `-date` */
  sort?: string;
}

/** What GET /api/warehouse-history sorts by; every order ends with (date, run, item, warehouse) in its direction (by date: item and warehouse ascending). */
export const HISTORY_SORTS = ['date', 'item', 'description', 'warehouse', 'quantity', 'unitCost', 'value'] as const;
const HISTORY_SORT_COLUMNS = { date: 'h.snapshot_date', item: 'i.code', description: 'i.description', warehouse: 'w.code', quantity: 'h.quantity', unitCost: 'h.unit_cost', value: 'h.value' } as const;

export interface WarehouseHistoryView {
  runId: number;
  date: string;
  warehouse: string | null;
  item: string;
  description: string;
  managementArea: string | null;
  fiscalCategory: string;
  quantity: string;
  lastCost: string;
  averageCost: string;
  method: string;
  unitCost: string;
  value: string;
}

/** GET /api/warehouse-history rows (permission checked by the caller). */
export async function listHistory(db: Db, query: WarehouseHistoryQuery): Promise<{ items: WarehouseHistoryView[]; total: number }> {
  const base = query.date !== undefined ? latestRows(db, query.date) : db.selectFrom('warehouse_history as h');
  let q = base
    .innerJoin('items as i', 'i.id', 'h.item_id')
    .leftJoin('warehouses as w', 'w.id', 'h.warehouse_id')
    .leftJoin('management_areas as a', 'a.id', 'h.management_area_id');
  if (query.itemId !== undefined) q = q.where('h.item_id', '=', query.itemId);
  if (query.warehouseId !== undefined) q = q.where('h.warehouse_id', '=', query.warehouseId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const order = parseSort<(typeof HISTORY_SORTS)[number]>(query.sort, HISTORY_SORTS, { field: 'date', direction: 'desc' });
  const rows = await q
    .select([
      'h.run_id',
      'h.snapshot_date',
      'w.code as warehouse',
      'i.code as item',
      'i.description',
      'a.code as area',
      'h.fiscal_category',
      'h.quantity',
      'h.last_cost',
      'h.average_cost',
      'h.method',
      'h.unit_cost',
      'h.value',
    ])
    .$call((qb) => (order.field === 'date' ? qb : qb.orderBy(HISTORY_SORT_COLUMNS[order.field], order.direction)))
    .orderBy('h.snapshot_date', order.direction)
    .orderBy('h.run_id', order.direction)
    // by date (the default, newest first) a snapshot's rows keep reading by item and warehouse
    .orderBy('i.code', order.field === 'date' ? 'asc' : order.direction)
    .orderBy('w.code', order.field === 'date' ? 'asc' : order.direction)
    .limit(query.limit ?? 1000)
    .offset(query.offset ?? 0)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      runId: r.run_id,
      date: r.snapshot_date,
      warehouse: r.warehouse ?? null,
      item: r.item,
      description: r.description,
      managementArea: r.area ?? null,
      fiscalCategory: r.fiscal_category,
      quantity: Quantity.format(r.quantity),
      lastCost: UnitCost.format(r.last_cost),
      averageCost: UnitCost.format(r.average_cost),
      method: storedCostMethod(r.method, COST_METHOD_IDS, { entity: 'warehouseHistory', key: r.run_id }),
      unitCost: UnitCost.format(r.unit_cost),
      value: Money.format(r.value),
    })),
  };
}
