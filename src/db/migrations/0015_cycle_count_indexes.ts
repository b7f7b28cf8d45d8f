import { sql, type Kysely } from 'kysely';

/**
 * Indexes of cycle counting (SPEC §11, issue 16 point 5):
 *
 * - movements_outgoing_ix: the ABC classes sum the outgoing value of a
 *   warehouse's items over 12 months (`warehouse = ? and date in (…] and
 *   quantity < 0`, grouped by item). A partial index of the negative lines
 *   only, covering (warehouse, date, item, template, amount): the query reads
 *   one range of it, never the table nor the warehouse's older history. The
 *   query must spell `quantity < 0` literally (a bound parameter cannot prove
 *   the partial index applies).
 * - inventory_lists_warehouse_ix: the last count of each key reads the lists
 *   of one warehouse (then their lines by inventory_lines_key_uq, which
 *   starts with list_id).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('movements_outgoing_ix')
    .on('movements')
    .columns(['warehouse_id', 'date', 'item_id', 'template_id', 'amount'])
    .where(sql.ref('quantity'), '<', sql.lit(0))
    .execute();
  await db.schema.createIndex('inventory_lists_warehouse_ix').on('inventory_lists').columns(['warehouse_id', 'inventory_id']).execute();
}
