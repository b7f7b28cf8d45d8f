import type { Kysely } from 'kysely';
import { col, createTable } from './helpers.ts';

/** Master data, users and audit, the stock ledger and the closing register. */
export async function up(db: Kysely<any>): Promise<void> {
  await createTable(db, 'employees', (t) =>
    t.addColumn('code', 'text', col.required).addColumn('name', 'text', col.text).addColumn('active', 'integer', col.flagOn),
  );
  await createTable(db, 'users', (t) =>
    t
      .addColumn('username', 'text', col.required)
      .addColumn('password_hash', 'text', col.required)
      .addColumn('role', 'text', col.required)
      .addColumn('employee_id', 'integer', (c) => c.references('employees.id'))
      .addColumn('language', 'text')
      .addColumn('created_at', 'text', col.required),
  );
  await db.schema
    .createTable('auth_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', col.required)
    .addColumn('expires_at', 'text', col.required)
    .execute();
  await createTable(db, 'audit_log', (t) =>
    t
      .addColumn('at', 'text', col.required)
      .addColumn('username', 'text', col.required)
      .addColumn('entity', 'text', col.required)
      .addColumn('entity_key', 'text', col.required)
      .addColumn('action', 'text', col.required)
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text'),
  );
  await createTable(db, 'management_areas', (t) =>
    t.addColumn('code', 'text', col.required).addColumn('description', 'text', col.text).addColumn('method', 'text', col.required),
  );
  await createTable(db, 'warehouses', (t) =>
    t
      .addColumn('code', 'text', col.required)
      .addColumn('description', 'text', col.text)
      .addColumn('management_area_id', 'integer', (c) => c.references('management_areas.id'))
      .addColumn('valid_until', 'text'),
  );
  await createTable(db, 'locations', (t) =>
    t
      .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
      .addColumn('code', 'text', col.required)
      .addColumn('description', 'text', col.text)
      .addColumn('parent_id', 'integer', (c) => c.references('locations.id')),
  );
  await createTable(db, 'items', (t) =>
    t
      .addColumn('code', 'text', col.required)
      .addColumn('description', 'text', col.text)
      .addColumn('uom', 'text', col.required)
      .addColumn('item_type', 'text', col.text)
      .addColumn('fiscal_category', 'text', col.text)
      .addColumn('merchandise_category', 'text', col.text)
      .addColumn('fiscal_interest', 'integer', col.flagOn)
      .addColumn('lot_managed', 'integer', col.flag)
      .addColumn('serial_managed', 'integer', col.flag)
      .addColumn('standard_cost', 'bigint', col.scaled)
      .addColumn('average_cost', 'bigint', col.scaled)
      .addColumn('last_cost', 'bigint', col.scaled)
      .addColumn('sale_price', 'bigint', col.scaled),
  );
  await db.schema
    .createTable('item_variants')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('code', 'text', col.required)
    .addColumn('description', 'text', col.text)
    .addPrimaryKeyConstraint('item_variants_pk', ['item_id', 'code'])
    .execute();
  await db.schema
    .createTable('item_barcodes')
    .addColumn('barcode', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('variant', 'text', col.text)
    .execute();
  await db.schema
    .createTable('item_units')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id').onDelete('cascade'))
    .addColumn('uom', 'text', col.required)
    .addColumn('factor', 'bigint', col.scaled)
    .addPrimaryKeyConstraint('item_units_pk', ['item_id', 'uom'])
    .execute();
  await createTable(db, 'templates', (t) =>
    t
      .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
      .addColumn('code', 'text', col.required)
      .addColumn('description', 'text', col.text)
      .addColumn('type', 'text', col.required)
      .addColumn('proposed_cost', 'text', (c) => c.notNull().defaultTo('none'))
      .addColumn('update_average_cost', 'integer', col.flag)
      .addColumn('update_last_cost', 'integer', col.flag)
      .addColumn('update_sale_price', 'integer', col.flag)
      .addColumn('update_item_cost', 'integer', col.flag)
      .addColumn('fiscal_interest', 'integer', col.flagOn)
      .addColumn('lot_management', 'integer', col.flag)
      .addColumn('mandatory_document', 'integer', col.flag)
      .addColumn('mandatory_account', 'integer', col.flag)
      .addColumn('physical_inventory', 'integer', col.flag)
      .addColumn('oddments', 'integer', col.flag)
      .addColumn('consider_zero_movements', 'integer', col.flag)
      .addColumn('offset_warehouse_id', 'integer', (c) => c.references('warehouses.id'))
      .addColumn('offset_template_id', 'integer', (c) => c.references('templates.id'))
      .addColumn('default_location', 'text', col.text),
  );
  await db.schema
    .createTable('year_params')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_closing_date', 'text')
    .addColumn('period_start', 'text', col.required)
    .addColumn('period_end', 'text', col.required)
    .addColumn('allow_negative_stock', 'integer', col.flag)
    .addColumn('value_per_warehouse', 'integer', col.flag)
    .execute();
  await db.schema
    .createTable('year_warehouse_params')
    .addColumn('year', 'integer', (c) => c.notNull().references('year_params.year').onDelete('cascade'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('negative_stock', 'integer', col.flag)
    .addColumn('check_location', 'integer', col.flag)
    .addColumn('check_job_order', 'integer', col.flag)
    .addColumn('check_account', 'integer', col.flag)
    .addColumn('close_by_variant', 'integer', col.flag)
    .addColumn('close_by_location', 'integer', col.flag)
    .addColumn('close_by_lot', 'integer', col.flag)
    .addColumn('close_by_job_order', 'integer', col.flag)
    .addColumn('close_by_account', 'integer', col.flag)
    .addPrimaryKeyConstraint('year_warehouse_params_pk', ['year', 'warehouse_id'])
    .execute();
  await db.schema
    .createTable('stock_difference_params')
    .addColumn('warehouse_id', 'integer', (c) => c.primaryKey().references('warehouses.id'))
    .addColumn('load_template_id', 'integer', (c) => c.notNull().references('templates.id'))
    .addColumn('unload_template_id', 'integer', (c) => c.notNull().references('templates.id'))
    .execute();
  await createTable(db, 'list_types', (t) =>
    t
      .addColumn('code', 'text', col.required)
      .addColumn('description', 'text', col.text)
      .addColumn('maintain_location', 'integer', col.flag)
      .addColumn('blind_count', 'integer', col.flag),
  );
  await createTable(db, 'closings', (t) =>
    t
      .addColumn('closing_date', 'text', col.required)
      .addColumn('method', 'text', col.required)
      .addColumn('previous_closing_date', 'text')
      .addColumn('created_by', 'text', col.required)
      .addColumn('created_at', 'text', col.required),
  );
  await createTable(
    db,
    'records',
    (t) =>
      t
        .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
        .addColumn('template_id', 'integer', (c) => c.notNull().references('templates.id'))
        .addColumn('date', 'text', col.required)
        .addColumn('number', 'integer', col.required)
        .addColumn('internal_document', 'text', col.text)
        .addColumn('internal_document_date', 'text')
        .addColumn('reference_document', 'text', col.text)
        .addColumn('account', 'text', col.text)
        .addColumn('job_order', 'text', col.text)
        .addColumn('notes', 'text', col.text)
        .addColumn('origin', 'text', col.required)
        .addColumn('mirror_of', 'bigint', (c) => c.references('records.id').onDelete('cascade'))
        .addColumn('inventory_id', 'integer')
        .addColumn('closing_id', 'integer', (c) => c.references('closings.id'))
        .addColumn('created_by', 'text', col.required)
        .addColumn('created_at', 'text', col.required)
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'text'),
    { bigId: true },
  );
  await createTable(
    db,
    'movements',
    (t) =>
      t
        .addColumn('record_id', 'bigint', (c) => c.notNull().references('records.id').onDelete('cascade'))
        .addColumn('line_no', 'integer', col.required)
        .addColumn('date', 'text', col.required)
        .addColumn('record_number', 'integer', col.required)
        .addColumn('warehouse_id', 'integer', col.required)
        .addColumn('template_id', 'integer', col.required)
        .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
        .addColumn('variant', 'text', col.text)
        .addColumn('location', 'text', col.text)
        .addColumn('lot', 'text', col.text)
        .addColumn('serial', 'text', col.text)
        .addColumn('job_order', 'text', col.text)
        .addColumn('account', 'text', col.text)
        .addColumn('quantity', 'bigint', col.scaled)
        .addColumn('alt_uom', 'text', col.text)
        .addColumn('alt_quantity', 'bigint', col.scaled)
        .addColumn('unit_cost', 'bigint', col.scaled)
        .addColumn('amount', 'bigint', col.scaled)
        .addColumn('notes', 'text', col.text),
    { bigId: true },
  );

  const unique = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).unique().on(table).columns(columns).execute();
  const index = (name: string, table: string, columns: string[]) => db.schema.createIndex(name).on(table).columns(columns).execute();
  for (const t of ['employees', 'management_areas', 'warehouses', 'items', 'list_types']) await unique(`${t}_code_uq`, t, ['code']);
  await unique('users_username_uq', 'users', ['username']);
  await unique('locations_code_uq', 'locations', ['warehouse_id', 'code']);
  await unique('templates_code_uq', 'templates', ['warehouse_id', 'code']);
  await unique('records_number_uq', 'records', ['warehouse_id', 'date', 'number']);
  await index('records_template_ix', 'records', ['template_id']);
  await index('records_date_ix', 'records', ['date']);
  await index('item_barcodes_item_ix', 'item_barcodes', ['item_id']);
  // stock of a key at a date, and an item's movements in ledger order
  await index('movements_item_ix', 'movements', ['item_id', 'date', 'record_number', 'record_id', 'line_no']);
  // a warehouse's stock at a date (checks, closings, count sheets)
  await index('movements_warehouse_ix', 'movements', ['warehouse_id', 'date']);
  await index('movements_record_ix', 'movements', ['record_id', 'line_no']);
  await index('audit_log_entity_ix', 'audit_log', ['entity', 'entity_key']);
}
