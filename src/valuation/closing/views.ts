/** The closing history screens' data (SPEC §8 "Istoric închideri"): closings and their rows, with filters. */
import { sql } from 'kysely';
import { parseSort } from '../../core/sort.ts';
import type { Ctx } from '../../core/context.ts';
import { Money, Quantity, UnitCost } from '../../core/decimal.ts';
import { addDays, yearOf } from '../../core/dates.ts';
import { fail } from '../../core/errors.ts';
import { requirePermission } from '../../core/roles.ts';
import type { Db } from '../../db/db.ts';
import { itemOf, warehouseOf } from '../../masterdata/lookup.ts';
import { CLOSING_METHOD_IDS, storedCostMethod } from '../cost-methods.ts';
import { fifoLayersFromJson, yearLayersFromJson } from './history-source.ts';

export interface ClosingView {
  id: number;
  closingDate: string;
  year: number;
  /** the opening records' method, or 'template' (each warehouse's oddments template proposed cost) */
  method: string;
  previousClosingDate: string | null;
  /** costs kept per item and warehouse */
  perWarehouse: boolean;
  /** date of the opening records */
  openingDate: string;
  openingRecordIds: number[];
  historyRows: number;
  createdBy: string;
  createdAt: string;
}

export interface ClosingRowView {
  id: number;
  year: number;
  closingDate: string;
  /** null when costs are kept per item */
  warehouse: string | null;
  item: string;
  description: string;
  quantity: string;
  averageCost: string;
  movingAverageRate: string;
  lastCost: string;
  purchasedQuantity: string;
  purchasedValue: string;
  fifoLayers: { date: string; quantity: string; unitCost: string }[];
  fifoLastConsumedCost: string | null;
  lifoLayers: { year: number; quantity: string; unitCost: string }[];
  value: string;
}

export interface ClosingListQuery {
  item?: string;
  warehouse?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
  /** `field` or `-field`, one of CLOSING_SORTS; default `-closingDate` */
  sort?: string;
}

/** What GET /api/closings sorts by; every order ends with the closing id. */
export const CLOSING_SORTS = ['closingDate', 'method', 'createdAt', 'createdBy'] as const;
/** the sort fields of a closing's rows (GET /api/closings/{id}/rows) */
export const CLOSING_ROW_SORTS = ['item', 'description', 'warehouse', 'quantity', 'averageCost', 'lastCost', 'value'] as const;
const CLOSING_SORT_COLUMNS = { closingDate: 'c.closing_date', method: 'c.method', createdAt: 'c.created_at', createdBy: 'c.created_by' } as const;

export interface ClosingRowsQuery {
  item?: string;
  warehouse?: string;
  year?: number;
  /** `field` or `-field`, one of CLOSING_ROW_SORTS; default `item` (then warehouse) */
  sort?: string;
  limit?: number;
  offset?: number;
}

async function views(db: Db, ids: number[]): Promise<ClosingView[]> {
  if (ids.length === 0) return [];
  const [heads, records, counts] = await Promise.all([
    db.selectFrom('closings').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('records').select(['id', 'closing_id']).where('closing_id', 'in', ids).orderBy('id').execute(),
    db
      .selectFrom('closing_history')
      .select(['closing_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('closing_id', 'in', ids)
      .groupBy('closing_id')
      .execute(),
  ]);
  const byId = new Map(heads.map((h) => [h.id, h]));
  return ids
    .filter((id) => byId.has(id))
    .map((id) => {
      const h = byId.get(id)!;
      return {
        id: h.id,
        closingDate: h.closing_date,
        year: yearOf(h.closing_date),
        // 'template': each warehouse's oddments template proposed cost
        method: h.method === 'template' ? h.method : storedCostMethod(h.method, CLOSING_METHOD_IDS, { entity: 'closing', key: h.id }),
        previousClosingDate: h.previous_closing_date,
        perWarehouse: h.per_warehouse === 1,
        openingDate: addDays(h.closing_date, 1),
        openingRecordIds: records.filter((r) => r.closing_id === id).map((r) => r.id),
        historyRows: Number(counts.find((c) => c.closing_id === id)?.n ?? 0),
        createdBy: h.created_by,
        createdAt: h.created_at,
      };
    });
}

/** GET /api/closings: newest first. `item` / `warehouse`: closings that kept that item / moved that warehouse. */
export async function listClosings(ctx: Ctx, query: ClosingListQuery = {}): Promise<{ items: ClosingView[]; total: number }> {
  requirePermission(ctx.actor, 'read');
  const db = ctx.store.db;
  let q = db.selectFrom('closings as c');
  if (query.item) {
    const item = await itemOf(db, query.item);
    q = q.where((eb) => eb.exists(eb.selectFrom('closing_history as h').select('h.id').whereRef('h.closing_id', '=', 'c.id').where('h.item_id', '=', item.id)));
  }
  if (query.warehouse) {
    const wh = await warehouseOf(db, query.warehouse);
    q = q.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('records as r').select('r.id').whereRef('r.closing_id', '=', 'c.id').where('r.warehouse_id', '=', wh.id)),
        eb.exists(eb.selectFrom('closing_history as h').select('h.id').whereRef('h.closing_id', '=', 'c.id').where('h.warehouse_id', '=', wh.id)),
      ]),
    );
  }
  if (query.from) q = q.where('c.closing_date', '>=', query.from);
  if (query.to) q = q.where('c.closing_date', '<=', query.to);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const order = parseSort<(typeof CLOSING_SORTS)[number]>(query.sort, CLOSING_SORTS, { field: 'closingDate', direction: 'desc' });
  const ids = await q
    .select('c.id')
    .orderBy(CLOSING_SORT_COLUMNS[order.field], order.direction)
    .orderBy('c.id', order.direction)
    .limit(query.limit ?? 100)
    .offset(query.offset ?? 0)
    .execute();
  return { items: await views(db, ids.map((r) => r.id)), total: Number(total.n) };
}

/** GET /api/closings/{id} */
export async function getClosing(ctx: Ctx, id: number): Promise<ClosingView> {
  requirePermission(ctx.actor, 'read');
  const [v] = await views(ctx.store.db, [id]);
  if (!v) fail('INV_ERR_NOT_FOUND', { entity: 'closing', key: id });
  return v;
}

/** a row without a warehouse (costs per item) sorts as the empty code in both dialects */
const rowWarehouse = sql<string>`coalesce(w.code, '')`;
const CLOSING_ROW_SORT_COLUMNS = { description: 'i.description', quantity: 'h.quantity', averageCost: 'h.average_cost', lastCost: 'h.last_cost', value: 'h.value' } as const;

/**
 * GET /api/closings/{id}/rows, by `sort` (default item code), ties on the
 * row's key: item code, warehouse, then the row's id. `warehouse`: the
 * rows of that warehouse, or with costs per item the items the closing
 * opened in that warehouse.
 */
export async function closingRows(ctx: Ctx, id: number, query: ClosingRowsQuery = {}): Promise<{ closing: ClosingView; items: ClosingRowView[]; total: number }> {
  const closing = await getClosing(ctx, id);
  const order = parseSort<(typeof CLOSING_ROW_SORTS)[number]>(query.sort, CLOSING_ROW_SORTS, { field: 'item', direction: 'asc' });
  const db = ctx.store.db;
  let q = db
    .selectFrom('closing_history as h')
    .innerJoin('items as i', 'i.id', 'h.item_id')
    .leftJoin('warehouses as w', 'w.id', 'h.warehouse_id')
    .where('h.closing_id', '=', id);
  if (query.item) q = q.where('i.code', '=', query.item);
  if (query.year !== undefined) q = q.where('h.year', '=', query.year);
  if (query.warehouse) {
    const wh = await warehouseOf(db, query.warehouse);
    const opening = db.selectFrom('records').select('id').where('closing_id', '=', id).where('warehouse_id', '=', wh.id);
    q = q.where((eb) =>
      eb.or([
        eb('h.warehouse_id', '=', wh.id),
        eb.and([eb('h.warehouse_id', 'is', null), eb('h.item_id', 'in', db.selectFrom('movements').select('item_id').where('record_id', 'in', opening))]),
      ]),
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('h')
    .select(['i.code as item', 'i.description', 'w.code as warehouse'])
    .$call((qb) => {
      if (order.field === 'item') return qb;
      if (order.field === 'warehouse') return qb.orderBy(rowWarehouse, order.direction);
      return qb.orderBy(CLOSING_ROW_SORT_COLUMNS[order.field], order.direction);
    })
    .orderBy('i.code', order.direction)
    .orderBy(rowWarehouse, order.direction)
    .orderBy('h.id', order.direction)
    .limit(query.limit ?? 1000)
    .offset(query.offset ?? 0)
    .execute();
  return {
    closing,
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      year: r.year,
      closingDate: r.closing_date,
      warehouse: r.warehouse ?? null,
      item: r.item,
      description: r.description,
      quantity: Quantity.format(r.quantity),
      averageCost: UnitCost.format(r.average_cost),
      movingAverageRate: UnitCost.format(r.moving_average_rate),
      lastCost: UnitCost.format(r.last_cost),
      purchasedQuantity: Quantity.format(r.purchased_quantity),
      purchasedValue: Money.format(r.purchased_value),
      fifoLayers: fifoLayersFromJson(r.fifo_layers).map((l) => ({ date: l.date, quantity: Quantity.format(l.quantity), unitCost: UnitCost.format(l.unitCost) })),
      fifoLastConsumedCost: r.fifo_last_consumed_cost === null ? null : UnitCost.format(r.fifo_last_consumed_cost),
      lifoLayers: yearLayersFromJson(r.lifo_layers).map((l) => ({ year: l.year, quantity: Quantity.format(l.quantity), unitCost: UnitCost.format(l.unitCost) })),
      value: Money.format(r.value),
    })),
  };
}
