import { sql, type Kysely } from 'kysely';
import { isSqlite } from './helpers.ts';

/**
 * Indexes for the stock ledger at 10M movements (issue #2).
 *
 * - movements_stock_ix: stock of one item in one warehouse at a date from the
 *   index alone — (warehouse, item, date), then the rest of the stock key and
 *   the quantity. Point stock queries and the negative stock check of every
 *   posting and import read only this index, never the table.
 * - It replaces movements_warehouse_ix (warehouse, date): a warehouse's stock
 *   at a date is a range of the new index too (covering), and with
 *   (warehouse, date) present a planner without statistics (SQLite before
 *   ANALYZE) chose it for one item in one warehouse, reading the warehouse's
 *   whole history up to the date.
 * - movements_item_ix (item, date, record number, record, line) is dropped when
 *   movements_valuation_ix (0003) exists: that index starts with the same five
 *   columns, so it serves every query the item index served, and each posted
 *   line maintains one index fewer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('movements_warehouse_ix').ifExists().execute();
  await db.schema
    .createIndex('movements_stock_ix')
    .on('movements')
    .columns(['warehouse_id', 'item_id', 'date', 'variant', 'location', 'lot', 'serial', 'job_order', 'account', 'quantity'])
    .execute();
  if (await hasIndex(db, 'movements_valuation_ix')) await db.schema.dropIndex('movements_item_ix').ifExists().execute();
}

async function hasIndex(db: Kysely<any>, name: string): Promise<boolean> {
  const { rows } = isSqlite(db)
    ? await sql`select 1 from sqlite_master where type = 'index' and name = ${name}`.execute(db)
    : await sql`select 1 from pg_indexes where schemaname = current_schema() and indexname = ${name}`.execute(db);
  return rows.length > 0;
}
