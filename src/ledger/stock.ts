/**
 * Book stock (SPEC §3): the sum of signed quantities dated on or before D.
 * After a closing at C the opening records (dated C+1) restate the stock, so
 * a query at D reads only movements after the latest closing before D.
 */
import { sql } from 'kysely';
import type { Ctx } from '../core/context.ts';
import { Quantity } from '../core/decimal.ts';
import { today } from '../core/dates.ts';
import { requirePermission } from '../core/roles.ts';
import { itemOf, warehouseOf } from '../masterdata/lookup.ts';
import type { Db } from '../db/db.ts';
import type { SharedMasterData } from '../masterdata/shared-cache.ts';
import { DIMENSION_COLUMN, type Dimension, type StockKey } from './keys.ts';

/**
 * The latest closing date strictly before `date`, or '' when there is none;
 * from the store's shared master data when given (the register's dates read
 * once while nothing changed them).
 */
export async function closingBefore(db: Db, date: string, shared?: SharedMasterData): Promise<string> {
  if (shared) {
    const dates = (shared.closingDates ??= Object.freeze(
      (await db.selectFrom('closings').select('closing_date').orderBy('closing_date').execute()).map((r) => r.closing_date),
    ));
    let before = '';
    for (const d of dates) if (d < date) before = d;
    return before;
  }
  const row = await db
    .selectFrom('closings')
    .select((eb) => eb.fn.max('closing_date').as('d'))
    .where('closing_date', '<', date)
    .executeTakeFirst();
  return row?.d ?? '';
}

export interface StockFilter {
  date: string;
  warehouseId?: number;
  itemId?: number;
  /** exact values for some dimensions (a key, or part of one) */
  where?: Partial<Pick<StockKey, Dimension>>;
  /** dimensions to keep in the result rows; the others are summed over */
  by?: Dimension[];
}

export interface StockRow {
  warehouse_id: number;
  item_id: number;
  quantity: bigint;
  variant?: string;
  location?: string;
  lot?: string;
  serial?: string;
  job_order?: string;
  account?: string;
}

/** Stock rows grouped by warehouse, item and the requested dimensions; zero rows left out. */
export async function stockRows(db: Db, filter: StockFilter): Promise<StockRow[]> {
  const from = await closingBefore(db, filter.date);
  const dims = (filter.by ?? []).map((d) => DIMENSION_COLUMN[d]);
  let q = db
    .selectFrom('movements')
    .select(['warehouse_id', 'item_id', ...dims])
    .select((eb) => eb.fn.sum<bigint>('quantity').as('quantity'))
    .where('date', '<=', filter.date)
    .where('date', '>', from);
  if (filter.itemId !== undefined) q = q.where('item_id', '=', filter.itemId);
  if (filter.warehouseId !== undefined) q = q.where('warehouse_id', '=', filter.warehouseId);
  for (const [dim, value] of Object.entries(filter.where ?? {})) q = q.where(DIMENSION_COLUMN[dim as Dimension], '=', value as string);
  let grouped = q
    .groupBy(['warehouse_id', 'item_id', ...dims])
    .having(sql`sum(quantity)`, '<>', 0)
    .orderBy('warehouse_id')
    .orderBy('item_id');
  // the same order on both databases, whatever plan (or partition) the rows come from
  for (const d of dims) grouped = grouped.orderBy(d);
  const rows = await grouped.execute();
  return rows as unknown as StockRow[];
}

/** Book stock of one key (or of a partial key, summed) at a date. */
export async function stockOf(db: Db, key: Partial<StockKey> & { itemId: number }, date: string, shared?: SharedMasterData): Promise<Quantity> {
  const from = await closingBefore(db, date, shared);
  let q = db
    .selectFrom('movements')
    .select((eb) => eb.fn.sum<bigint>('quantity').as('quantity'))
    .where('item_id', '=', key.itemId)
    .where('date', '<=', date)
    .where('date', '>', from);
  if (key.warehouseId !== undefined) q = q.where('warehouse_id', '=', key.warehouseId);
  for (const [dim, column] of Object.entries(DIMENSION_COLUMN)) {
    const v = key[dim as Dimension];
    if (v !== undefined) q = q.where(column, '=', v);
  }
  const row = await q.executeTakeFirst();
  return Quantity.raw(row?.quantity ?? 0n);
}

export interface StockQuery {
  date?: string;
  warehouse?: string;
  item?: string;
  by?: Dimension[];
}

export interface StockView {
  warehouse: string;
  item: string;
  variant?: string;
  location?: string;
  lot?: string;
  serial?: string;
  jobOrder?: string;
  account?: string;
  quantity: string;
}

/** GET /api/stock */
export async function queryStock(ctx: Ctx, query: StockQuery): Promise<{ date: string; rows: StockView[] }> {
  requirePermission(ctx.actor, 'read');
  const db = ctx.store.db;
  const date = query.date ?? today();
  const warehouseId = query.warehouse ? (await warehouseOf(db, query.warehouse)).id : undefined;
  const itemId = query.item ? (await itemOf(db, query.item)).id : undefined;
  const by = query.by ?? [];
  const rows = await stockRows(db, { date, warehouseId, itemId, by });
  const [warehouses, items] = await Promise.all([
    db.selectFrom('warehouses').select(['id', 'code']).execute(),
    itemId !== undefined
      ? db.selectFrom('items').select(['id', 'code']).where('id', '=', itemId).execute()
      : db.selectFrom('items').select(['id', 'code']).where('id', 'in', db.selectFrom('movements').select('item_id').distinct()).execute(),
  ]);
  const whCode = new Map(warehouses.map((w) => [w.id, w.code]));
  const itemCode = new Map(items.map((i) => [i.id, i.code]));
  return {
    date,
    rows: rows.map((r) => {
      const view: StockView = { warehouse: whCode.get(r.warehouse_id)!, item: itemCode.get(r.item_id)!, quantity: Quantity.format(r.quantity) };
      for (const d of by) (view as unknown as Record<string, string>)[d] = (r as unknown as Record<string, string>)[DIMENSION_COLUMN[d]];
      return view;
    }),
  };
}
