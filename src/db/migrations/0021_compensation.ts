import type { Kysely } from 'kysely';
import { col, createTable } from './helpers.ts';

/**
 * Romanian yearly inventory, compensation and allowances (SPEC §12, issue 18):
 * - `confusion_groups` (year, code) and their items: an item is in at most
 *   one group per year (`confusion_group_items_item_uq`);
 * - `loss_allowances`: natural-loss percentage (scale 4) per item or per item
 *   group (the item's merchandise category); item-level wins;
 * - `stock_difference_params`: four optional templates (compensation load and
 *   unload, allowance, imputable shortage);
 * - `inventories.stock_date`: the stock date a posting used, so the next
 *   inventory knows where the issued quantity of an allowance starts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'confusion_groups', (t) =>
    t
      .addColumn('year', 'integer', col.required)
      .addColumn('code', 'varchar(20)', col.required)
      .addColumn('description', 'varchar(200)', col.text),
  );
  await db.schema.createIndex('confusion_groups_uq').unique().on('confusion_groups').columns(['year', 'code']).execute();
  await db.schema
    .createTable('confusion_group_items')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('confusion_groups.id'))
    .addColumn('year', 'integer', col.required)
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .execute();
  await db.schema.createIndex('confusion_group_items_item_uq').unique().on('confusion_group_items').columns(['year', 'item_id']).execute();
  await db.schema.createIndex('confusion_group_items_group_ix').on('confusion_group_items').columns(['group_id']).execute();
  await createTable(db, 'loss_allowances', (t) =>
    t
      .addColumn('item_id', 'integer', (c) => c.references('items.id'))
      .addColumn('item_group', 'varchar(40)', col.text)
      .addColumn('pct', 'bigint', col.scaled),
  );
  for (const c of ['compensation_load_template_id', 'compensation_unload_template_id', 'allowance_template_id', 'imputable_template_id']) {
    await db.schema.alterTable('stock_difference_params').addColumn(c, 'integer', (x) => x.references('templates.id')).execute();
  }
  await db.schema.alterTable('inventories').addColumn('stock_date', 'text').execute();
}
