/**
 * The ledger's streaming reads in index order (movements_item_ix: item, then
 * posting date, record number, record id, line number) for valuation
 * (src/valuation/ledger-reader.ts, which chooses the columns and turns the
 * raw rows into what the cost methods see). Items are read in batches of
 * item ids (ascending, no duplicates):
 *   - SQLite: prepared statements (kept per handle and text), raw rows;
 *     `readLedgerRows` iterates one statement over the batch, so nothing but
 *     the current row is held; `readLedgerItemPages` reads each item as one
 *     indexed range of at most `pageSize` rows per call;
 *   - PostgreSQL: keyset pages over the same order through the pool (LIMIT
 *     per page), so at most one page is held, however many movements an item has.
 * On SQLite nothing may write on the connection while rows are handed over.
 */
import type { Store } from './connection.ts';

export interface LedgerRange {
  /** movements dated strictly after this date ('' = from the beginning) */
  after: string;
  /** up to this date, inclusive */
  date: string;
  /** the batch: item ids, ascending, no duplicates */
  itemIds: readonly number[];
  /** only this warehouse's movements */
  warehouseId?: number;
  /** page size (rows): PostgreSQL's keyset pages, SQLite's per-item pages of `readLedgerItemPages` */
  pageSize?: number;
}

const ORDER = 'item_id, date, record_number, record_id, line_no';

type Prepared = {
  iterate(...params: unknown[]): IterableIterator<unknown[]>;
  all(...params: unknown[]): unknown[][];
};
/** SQLite statements by text, per handle: prepared once. */
const sqliteStatements = new WeakMap<object, Map<string, Prepared>>();

function prepared(store: Store, text: string): Prepared {
  const sqlite = store.sqlite!;
  let cache = sqliteStatements.get(sqlite);
  if (!cache) sqliteStatements.set(sqlite, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) {
    stmt = sqlite.prepare(text).raw(true) as unknown as Prepared;
    cache.set(text, stmt);
  }
  return stmt;
}

/**
 * PostgreSQL: keyset pages in ledger order over the item range of the batch
 * (ids of the range outside the batch are skipped). `onPage` gets each page's
 * rows; the select list is `cols` (which include `date`) then item_id,
 * record_number, record_id, line_no.
 */
async function pgPages(store: Store, range: LedgerRange, cols: readonly string[], onPage: (rows: unknown[][], itemAt: number) => void): Promise<void> {
  if (!store.pool) throw new Error('no database handle to read the ledger');
  const ids = range.itemIds;
  const wanted = new Set(ids);
  const pageSize = range.pageSize ?? 20_000;
  const base: unknown[] = [ids[0], ids[ids.length - 1], range.after, range.date];
  const whFilter = range.warehouseId !== undefined ? ` and warehouse_id + 0 = $${base.length + 1}` : '';
  if (range.warehouseId !== undefined) base.push(range.warehouseId);
  const k = cols.length;
  const dateAt = cols.indexOf('date');
  const select = `select ${cols.join(', ')}, item_id, record_number, record_id, line_no from movements where item_id >= $1 and item_id <= $2 and date > $3 and date <= $4${whFilter}`;
  let after: unknown[] | undefined;
  for (;;) {
    const values = [...base];
    let text = select;
    if (after) {
      const n = values.length;
      text += ` and (item_id, date, record_number, record_id, line_no) > ($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5})`;
      values.push(...after);
    }
    text += ` order by ${ORDER} limit ${pageSize}`;
    const result = await store.pool.query({ text, values, rowMode: 'array' });
    const rows = result.rows as unknown[][];
    onPage(rows.filter((r) => wanted.has(Number(r[k]))), k);
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = [last[k], last[dateAt], last[k + 1], String(last[k + 2]), last[k + 3]];
  }
}

/**
 * Calls `onRow` with every movement of the batch's items in ledger order, as
 * a raw row of the columns `cols` (code-made SQL over `movements`, never user
 * input; they include `date`). `onRow` is synchronous.
 */
export async function readLedgerRows(store: Store, range: LedgerRange, cols: readonly string[], onRow: (row: unknown[]) => void): Promise<void> {
  const ids = range.itemIds;
  if (ids.length === 0) return;
  if (store.sqlite) {
    // `+warehouse_id` keeps the planner on the item index (no sort of the batch)
    const stmt = prepared(
      store,
      `select ${cols.join(', ')} from movements where item_id in (${ids.map(() => '?').join(',')}) and date > ? and date <= ?` +
        (range.warehouseId !== undefined ? ' and +warehouse_id = ?' : '') +
        ` order by ${ORDER}`,
    );
    const params: unknown[] = [...ids, range.after, range.date];
    if (range.warehouseId !== undefined) params.push(range.warehouseId);
    for (const r of stmt.iterate(...params)) onRow(r);
    return;
  }
  await pgPages(store, range, cols, (rows) => rows.forEach(onRow));
}

/**
 * The batch's movements in ledger order as raw rows of `cols` (as for
 * `readLedgerRows`), handed over item by item in pages: `onRows(itemId,
 * rows)` is called one or more times per item that has movements, items
 * ascending. On SQLite each item is one indexed range read of at most
 * `pageSize` (default 50,000) rows per call; on PostgreSQL keyset pages over the batch.
 */
export async function readLedgerItemPages(
  store: Store,
  range: LedgerRange,
  cols: readonly string[],
  onRows: (itemId: number, rows: unknown[][]) => void,
): Promise<void> {
  const ids = range.itemIds;
  if (ids.length === 0) return;
  if (store.sqlite) {
    const pageSize = range.pageSize ?? 50_000;
    const stmt = prepared(
      store,
      `select ${cols.join(', ')} from movements where item_id = ? and date > ? and date <= ?` +
        (range.warehouseId !== undefined ? ' and +warehouse_id = ?' : '') +
        ` order by ${ORDER} limit ? offset ?`,
    );
    const params: unknown[] = [0, range.after, range.date];
    if (range.warehouseId !== undefined) params.push(range.warehouseId);
    params.push(pageSize, 0);
    const offsetAt = params.length - 1;
    for (const id of ids) {
      params[0] = id;
      for (let offset = 0; ; offset += pageSize) {
        params[offsetAt] = offset;
        const rows = stmt.all(...params);
        if (rows.length > 0) onRows(id, rows);
        if (rows.length < pageSize) break;
      }
    }
    return;
  }
  await pgPages(store, range, cols, (rows, itemAt) => {
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i === rows.length || rows[i][itemAt] !== rows[start][itemAt]) {
        onRows(Number(rows[start][itemAt]), rows.slice(start, i));
        start = i;
      }
    }
  });
}
