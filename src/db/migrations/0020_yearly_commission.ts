import type { Kysely } from 'kysely';
import { col } from './helpers.ts';

/**
 * The Romanian yearly inventory (SPEC §12, issue 18):
 * - `inventory_commissions`: the decision (number, date) and the president of
 *   an inventory's commission; `inventory_commission_members` its members in
 *   the order given; `inventory_storekeepers` the storekeeper (gestionar) of
 *   each counted warehouse.
 * - `inventory_declarations`: the storekeeper's declaration per warehouse.
 * - `inventory_list_totals`: the inventory list's values (form 14-3-12) per
 *   warehouse and stock account, stored when the differences are posted, so
 *   the registrul-inventar never depends on today's ledger.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inventory_commissions')
    .addColumn('inventory_id', 'integer', (c) => c.primaryKey().references('inventories.id'))
    .addColumn('decision_number', 'text', col.text)
    .addColumn('decision_date', 'text', col.required)
    .addColumn('president_id', 'integer', (c) => c.notNull().references('employees.id'))
    .addColumn('updated_by', 'text', col.text)
    .addColumn('updated_at', 'text', col.text)
    .execute();
  await db.schema
    .createTable('inventory_commission_members')
    .addColumn('inventory_id', 'integer', (c) => c.notNull().references('inventories.id'))
    .addColumn('position', 'integer', col.flag)
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id'))
    .addPrimaryKeyConstraint('inventory_commission_members_pk', ['inventory_id', 'employee_id'])
    .execute();
  await db.schema
    .createTable('inventory_storekeepers')
    .addColumn('inventory_id', 'integer', (c) => c.notNull().references('inventories.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('employee_id', 'integer', (c) => c.notNull().references('employees.id'))
    .addPrimaryKeyConstraint('inventory_storekeepers_pk', ['inventory_id', 'warehouse_id'])
    .execute();
  await db.schema
    .createTable('inventory_declarations')
    .addColumn('inventory_id', 'integer', (c) => c.notNull().references('inventories.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('last_receipt', 'text', col.text)
    .addColumn('last_issue', 'text', col.text)
    .addColumn('third_party_goods', 'text', col.text)
    .addColumn('known_differences', 'text', col.text)
    .addColumn('updated_by', 'text', col.text)
    .addColumn('updated_at', 'text', col.text)
    .addPrimaryKeyConstraint('inventory_declarations_pk', ['inventory_id', 'warehouse_id'])
    .execute();
  await db.schema
    .createTable('inventory_list_totals')
    .addColumn('inventory_id', 'integer', (c) => c.notNull().references('inventories.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('stock_account', 'text', col.text)
    .addColumn('stock_date', 'text', col.required)
    .addColumn('lines', 'integer', col.flag)
    .addColumn('book_value', 'bigint', col.scaled)
    .addColumn('inventory_value', 'bigint', col.scaled)
    .addPrimaryKeyConstraint('inventory_list_totals_pk', ['inventory_id', 'warehouse_id', 'stock_account'])
    .execute();
  // the register reads a year's posted lists by stock date
  await db.schema.createIndex('inventory_list_totals_date').on('inventory_list_totals').columns(['stock_date']).execute();
}
