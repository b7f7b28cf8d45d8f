import type { Kysely } from 'kysely';

/**
 * The stock index in stock key order (issue 16/20: book stock of a whole
 * warehouse for a 100,000-line inventory on a 10M-line ledger).
 *
 * movements_stock_ix (0004) had the date right after the item: a grouped book
 * stock by full stock key had to sort every movement of the warehouse (SQLite:
 * a temporary B-tree over millions of rows). movements_stock_key_ix keeps the
 * whole stock key first and the date after it, so the same query reads its
 * groups in index order and sums as it goes; the stock of one key at a date
 * is still one range of the index, and the stock of one item in one warehouse
 * is the item's range with the date as a filter. It replaces the old index
 * (one index fewer for each posted line to maintain).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('movements_stock_key_ix')
    .ifNotExists()
    .on('movements')
    .columns(['warehouse_id', 'item_id', 'variant', 'location', 'lot', 'serial', 'job_order', 'account', 'date', 'quantity'])
    .execute();
  await db.schema.dropIndex('movements_stock_ix').ifExists().execute();
}
