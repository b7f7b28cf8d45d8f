import type { Kysely } from 'kysely';
import { col, createTable } from './helpers.ts';

/**
 * Physical inventory (SPEC §4): inventories, their lists, the counted lines
 * and the scan ids that make a scan idempotent.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'inventories', (t) =>
    t
      .addColumn('year', 'integer', col.required)
      .addColumn('number', 'integer', col.required)
      .addColumn('date', 'text', col.required)
      .addColumn('description', 'text', col.text)
      .addColumn('notes', 'text', col.text)
      .addColumn('operator_id', 'integer', (c) => c.notNull().references('employees.id'))
      .addColumn('closed', 'integer', col.flag)
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      /** set when the stock differences were posted (which also closes it) */
      .addColumn('posted_at', 'text')
      .addColumn('created_by', 'text', col.required)
      .addColumn('created_at', 'text', col.required),
  );
  await createTable(db, 'inventory_lists', (t) =>
    t
      .addColumn('inventory_id', 'integer', (c) => c.notNull().references('inventories.id'))
      .addColumn('list_type_id', 'integer', (c) => c.notNull().references('list_types.id'))
      .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id'))
      .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
      .addColumn('closing_date', 'text')
      /** maintain-location lists: the location of the last scan that named one */
      .addColumn('current_location', 'text', col.text)
      .addColumn('created_by', 'text', col.required)
      .addColumn('created_at', 'text', col.required)
      /** touched by every scan first: the row lock that serialises a list's scans on both dialects */
      .addColumn('updated_at', 'text'),
  );
  await createTable(
    db,
    'inventory_lines',
    (t) =>
      t
        .addColumn('list_id', 'integer', (c) => c.notNull().references('inventory_lists.id'))
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
        .addColumn('variant', 'text', col.text)
        .addColumn('lot', 'text', col.text)
        .addColumn('serial', 'text', col.text)
        .addColumn('location', 'text', col.text)
        .addColumn('job_order', 'text', col.text)
        .addColumn('account', 'text', col.text)
        /** GS1 AI 17, YYYY-MM-DD, '' when unknown */
        .addColumn('expiry', 'text', col.text)
        .addColumn('uom', 'text', col.required)
        .addColumn('book_quantity', 'bigint', col.scaled)
        .addColumn('counted_quantity', 'bigint', col.scaled)
        .addColumn('inserted_at', 'text', col.required)
        .addColumn('inserted_by', 'text', col.required)
        .addColumn('updated_at', 'text')
        .addColumn('updated_by', 'text'),
    { bigId: true },
  );
  await db.schema
    .createTable('inventory_scans')
    .addColumn('list_id', 'integer', (c) => c.notNull().references('inventory_lists.id'))
    .addColumn('scan_id', 'text', col.required)
    .addColumn('line_id', 'bigint', col.required)
    .addColumn('status', 'integer', col.required)
    .addColumn('response_json', 'text', col.required)
    .addColumn('created_by', 'text', col.required)
    .addColumn('created_at', 'text', col.required)
    .addPrimaryKeyConstraint('inventory_scans_pk', ['list_id', 'scan_id'])
    .execute();

  await db.schema.createIndex('inventories_number_uq').unique().on('inventories').columns(['year', 'number']).execute();
  await db.schema.createIndex('inventory_lists_inventory_ix').on('inventory_lists').columns(['inventory_id']).execute();
  await db.schema.createIndex('inventory_lists_employee_ix').on('inventory_lists').columns(['employee_id']).execute();
  // the line key within a list: never two lines for one key, even under concurrent scans
  await db.schema
    .createIndex('inventory_lines_key_uq')
    .unique()
    .on('inventory_lines')
    .columns(['list_id', 'item_id', 'variant', 'lot', 'serial', 'location', 'job_order', 'account'])
    .execute();
  await db.schema.createIndex('records_inventory_ix').on('records').columns(['inventory_id']).execute();
}
