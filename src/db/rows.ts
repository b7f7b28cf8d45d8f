/**
 * Bulk reads where per-row objects cost more than the work (inventories of
 * 100,000 keys): the dialect-specific fast paths live here, behind one
 * signature for both databases.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { chunks } from '../core/arrays.ts';
import type { Store } from './connection.ts';
import type { Database } from './schema.ts';

/** Runs a select and returns each row as an array of its values in select order (SQLite: through the raw handle). */
export async function selectArrays(store: Store, query: SelectQueryBuilder<Database, any, any>): Promise<unknown[][]> {
  if (store.dialect === 'sqlite' && store.sqlite) {
    const compiled = query.compile();
    return store.sqlite
      .prepare(compiled.sql)
      .raw(true)
      .all(...(compiled.parameters as unknown[])) as unknown[][];
  }
  const rows = (await query.execute()) as Record<string, unknown>[];
  return rows.map((r) => Object.values(r));
}

/**
 * The items (of those given) with a movement in the warehouse dated after
 * `date`: one index probe each on SQLite (a prepared statement, no query
 * building), chunks of 500 on PostgreSQL. `db` is the caller's transaction
 * (on SQLite the raw handle is that same connection).
 */
export async function itemsMovedAfter(db: Kysely<Database>, store: Store, warehouseId: number, items: number[], date: string): Promise<Set<number>> {
  const out = new Set<number>();
  if (store.dialect === 'sqlite' && store.sqlite) {
    const probe = store.sqlite.prepare('select 1 from movements where warehouse_id = ? and item_id = ? and date > ? limit 1').pluck();
    for (const item of items) if (probe.get(warehouseId, item, date) !== undefined) out.add(item);
    return out;
  }
  for (const chunk of chunks(items, 500)) {
    const rows = await db.selectFrom('movements').select('item_id').distinct().where('warehouse_id', '=', warehouseId).where('item_id', 'in', chunk).where('date', '>', date).execute();
    for (const r of rows) out.add(r.item_id);
  }
  return out;
}
