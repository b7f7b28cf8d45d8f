/**
 * A count import's line writes (src/inventory/count-import.ts), in the caller's
 * transaction: new inventory lines (their ids handed back) and counted
 * quantities of existing ones. SQLite: prepared statements with named
 * parameters, one run per line; PostgreSQL: multi-row inserts of 2000 lines
 * with RETURNING id, one update per changed line.
 */
import type { Store } from './connection.ts';
import type { Db } from './db.ts';


export const INVENTORY_LINE_COLUMNS = [
  'list_id', 'item_id', 'variant', 'lot', 'serial', 'location', 'job_order', 'account', 'expiry', 'uom',
  'book_quantity', 'counted_quantity', 'counted', 'inserted_at', 'inserted_by', 'updated_at', 'updated_by',
] as const;

/** A new line's values by column. */
export type InventoryLineRow = { [C in (typeof INVENTORY_LINE_COLUMNS)[number]]: unknown };

/** What a count changes on an existing line (it becomes counted). */
export interface CountedLineUpdate {
  id: number;
  counted_quantity: bigint;
  expiry: string;
  updated_at: string | null;
  updated_by: string | null;
}

/** Inserts `fresh` and updates `changed`; the ids of `fresh`, in order. */
export async function writeInventoryLines(trx: Db, store: Store, fresh: readonly InventoryLineRow[], changed: readonly CountedLineUpdate[]): Promise<number[]> {
  const ids: number[] = [];
  if (store.sqlite) {
    const sqlite = store.sqlite;
    const cols = INVENTORY_LINE_COLUMNS;
    const insert = sqlite.prepare(`insert into inventory_lines (${cols.join(', ')}) values (${cols.map((c) => `@${c}`).join(', ')})`);
    const update = sqlite.prepare('update inventory_lines set counted_quantity = @counted_quantity, counted = 1, expiry = @expiry, updated_at = @updated_at, updated_by = @updated_by where id = @id');
    for (const row of fresh) ids.push(Number(insert.run(row).lastInsertRowid));
    for (const u of changed) update.run(u);
    return ids;
  }
  for (let i = 0; i < fresh.length; i += 2000) {
    const batch = fresh.slice(i, i + 2000);
    const rows = await trx.insertInto('inventory_lines').values(batch as never).returning('id').execute();
    for (const r of rows) ids.push(Number(r.id));
  }
  for (const u of changed) {
    await trx
      .updateTable('inventory_lines')
      .set({ counted_quantity: u.counted_quantity, counted: 1, expiry: u.expiry, updated_at: u.updated_at, updated_by: u.updated_by })
      .where('id', '=', u.id)
      .execute();
  }
  return ids;
}
