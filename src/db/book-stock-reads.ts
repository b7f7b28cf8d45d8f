/**
 * Book stock's grouped read (src/inventory/book.ts) and the exact products
 * its cost sums use, behind one signature for both databases:
 *   - SQLite: through the raw handle as arrays, the query building each
 *     group's text key itself (warehouse, item, variant, lot, serial,
 *     location, job order, account joined by char(1): the format of
 *     ledger/keys.ts `stockKeyString`), once per group;
 *   - PostgreSQL: Kysely rows, the caller's `keyOf` makes the text key.
 * Call inside `inTransaction` so the raw handle is not shared with another request.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Store } from './connection.ts';
import type { Db } from './db.ts';


/** The stock key columns of a group, as PostgreSQL hands them to `keyOf`. */
export interface GroupKeyColumns {
  warehouse_id: number;
  item_id: number;
  variant: string;
  lot: string;
  serial: string;
  location: string;
  job_order: string;
  account: string;
}

export interface BookStockRead {
  warehouseIds: readonly number[];
  /** movements dated after this date … */
  after: string;
  /** … up to this one, inclusive */
  date: string;
  /** only these items */
  itemIds?: readonly number[];
}

/**
 * Σ quantity per full stock key of the warehouses' movements in (after,
 * date]: `onGroup(text key, quantity)` for every group, zero sums included.
 * One grouped query, read in index order from movements_stock_key_ix.
 */
export async function readBookStockGroups(
  db: Db,
  store: Store,
  q: BookStockRead,
  keyOf: (row: GroupKeyColumns) => string,
  onGroup: (key: string, quantity: bigint) => void,
): Promise<void> {
  if (store.sqlite) {
    // the text key of each group is built by the query, once per group
    const compiled = sql`select warehouse_id || char(1) || item_id || char(1) || variant || char(1) || lot || char(1) || serial || char(1) || location || char(1) || job_order || char(1) || account, sum(quantity)
        from movements
        where warehouse_id in (${sql.join([...q.warehouseIds])}) and date <= ${q.date} and date > ${q.after}${q.itemIds ? sql` and item_id in (${sql.join([...q.itemIds])})` : sql``}
        group by warehouse_id, item_id, variant, lot, serial, location, job_order, account`.compile(db);
    for (const r of store.sqlite.prepare(compiled.sql).raw(true).iterate(...(compiled.parameters as unknown[])) as Iterable<unknown[]>) {
      onGroup(r[0] as string, big(r[1]));
    }
    return;
  }
  let query = db
    .selectFrom('movements')
    .where('warehouse_id', 'in', [...q.warehouseIds])
    .where('date', '<=', q.date)
    .where('date', '>', q.after);
  if (q.itemIds) query = query.where('item_id', 'in', [...q.itemIds]);
  const rows = await query
    .select(['warehouse_id', 'item_id', 'variant', 'lot', 'serial', 'location', 'job_order', 'account'])
    .select((eb) => eb.fn.sum<bigint>('quantity').as('quantity'))
    .groupBy(['warehouse_id', 'item_id', 'variant', 'lot', 'serial', 'location', 'job_order', 'account'])
    .execute();
  for (const r of rows) onGroup(keyOf(r), big(r.quantity));
}

const big = (v: unknown) => (typeof v === 'bigint' ? v : BigInt(v as number | string));

/**
 * `a * b` of integer columns (or a column and a literal), exact where the
 * database can: a numeric product on PostgreSQL (no 64-bit overflow); on
 * SQLite the plain integer product, whose overflow (an error, or a float)
 * the caller must detect. `a` and `b` are code-made SQL fragments.
 */
export function exactProduct(store: Store, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<bigint> {
  return store.dialect === 'postgres' ? sql<bigint>`cast(${a} as numeric) * ${b}` : sql<bigint>`${a} * ${b}`;
}
