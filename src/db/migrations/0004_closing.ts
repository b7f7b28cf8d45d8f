import type { Kysely } from 'kysely';
import { col, createTable } from './helpers.ts';

/**
 * Warehouse closing (SPEC §7, §8 "Istoric închideri").
 *
 * - `closings` (created in 0001) gains how its costs were kept (per item or
 *   per item and warehouse) and what a restore must put back (`undo_json`:
 *   the previous last closing date of the closing's year, the next year's
 *   parameters it created).
 * - `closing_history`: one row per cost scope (item, or item + warehouse) and
 *   closing: quantities, costs, the period's purchases and the kept layers.
 *   Quantities scale 3, unit costs 5, `value` / `purchased_value` 2,
 *   `purchased_exact` 8 (Σ quantity × unit cost before rounding).
 * - `closing_years`: per item, closing and calendar year of the closed period
 *   (a period may span years): stock at the year's end inside the period,
 *   purchases of the year inside the period, a(y). What lifo-yearly and
 *   fifo-yearly read as the closed years.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('closings').addColumn('per_warehouse', 'integer', col.flag).execute();
  await db.schema.alterTable('closings').addColumn('undo_json', 'text', col.text).execute();
  await createTable(
    db,
    'closing_history',
    (t) =>
      t
        .addColumn('closing_id', 'integer', (c) => c.notNull().references('closings.id'))
        .addColumn('closing_date', 'text', col.required)
        .addColumn('year', 'integer', col.required)
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
        // null: costs kept per item
        .addColumn('warehouse_id', 'integer', (c) => c.references('warehouses.id'))
        .addColumn('quantity', 'bigint', col.scaled)
        .addColumn('average_cost', 'bigint', col.scaled)
        .addColumn('moving_average_rate', 'bigint', col.scaled)
        .addColumn('last_cost', 'bigint', col.scaled)
        .addColumn('fifo_last_consumed_cost', 'bigint')
        .addColumn('purchased_quantity', 'bigint', col.scaled)
        .addColumn('purchased_value', 'bigint', col.scaled)
        .addColumn('purchased_exact', 'bigint', col.scaled)
        .addColumn('fifo_layers', 'text', col.text)
        .addColumn('lifo_layers', 'text', col.text)
        .addColumn('value', 'bigint', col.scaled),
    { bigId: true },
  );
  await db.schema.createIndex('closing_history_closing_ix').on('closing_history').columns(['closing_id', 'item_id']).execute();
  await db.schema.createIndex('closing_history_item_ix').on('closing_history').columns(['item_id']).execute();
  await db.schema
    .createTable('closing_years')
    .addColumn('closing_id', 'integer', (c) => c.notNull().references('closings.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('year', 'integer', col.required)
    .addColumn('closing_quantity', 'bigint', col.scaled)
    .addColumn('purchased_quantity', 'bigint', col.scaled)
    .addColumn('purchased_exact', 'bigint', col.scaled)
    .addColumn('average_purchase_cost', 'bigint', col.scaled)
    .addPrimaryKeyConstraint('closing_years_pk', ['closing_id', 'item_id', 'year'])
    .execute();
  await db.schema.createIndex('closing_years_item_ix').on('closing_years').columns(['item_id', 'closing_id']).execute();
  await db.schema.createIndex('closings_date_ix').on('closings').columns(['closing_date']).execute();
  await db.schema.createIndex('records_closing_ix').on('records').columns(['closing_id']).execute();
}
