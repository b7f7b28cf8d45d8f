import type { Kysely } from 'kysely';
import { col, createTable } from './helpers.ts';

/**
 * Count control (SPEC §11, issue 16): tolerances per warehouse and per ABC
 * class, reason codes, approval decisions per stock key, recount lists,
 * the approver flag of a user, the freeze option and the reversal of a
 * posted inventory.
 *
 * Percentages are scaled integers with 2 decimals ("5.00" % = 500); values
 * are money (2 decimals), like every amount.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('count_control')
    .addColumn('warehouse_id', 'integer', (c) => c.primaryKey().references('warehouses.id'))
    .addColumn('quantity_tolerance_pct', 'bigint', col.scaled)
    .addColumn('value_tolerance', 'bigint', col.scaled)
    .addColumn('recount', 'integer', col.flag)
    .addColumn('approval', 'integer', col.flag)
    .addColumn('updated_by', 'text', col.text)
    .addColumn('updated_at', 'text', col.text)
    .execute();
  /** per ABC class: its own tolerances (null: the warehouse's) and how often a year it is counted */
  await db.schema
    .createTable('count_control_classes')
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('class', 'text', col.required)
    .addColumn('quantity_tolerance_pct', 'bigint')
    .addColumn('value_tolerance', 'bigint')
    .addColumn('counts_per_year', 'integer', col.required)
    .addPrimaryKeyConstraint('count_control_classes_pk', ['warehouse_id', 'class'])
    .execute();
  await createTable(db, 'reason_codes', (t) =>
    t
      .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
      .addColumn('code', 'text', col.required)
      .addColumn('description', 'text', col.text),
  );
  await db.schema.createIndex('reason_codes_uq').unique().on('reason_codes').columns(['warehouse_id', 'code']).execute();
  /** an approver's decision on one stock key of an inventory (the key as the differences compute it) */
  await createTable(db, 'inventory_decisions', (t) =>
    t
      .addColumn('inventory_id', 'integer', (c) => c.notNull().references('inventories.id'))
      .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
      .addColumn('variant', 'text', col.text)
      .addColumn('lot', 'text', col.text)
      .addColumn('serial', 'text', col.text)
      .addColumn('location', 'text', col.text)
      .addColumn('job_order', 'text', col.text)
      .addColumn('account', 'text', col.text)
      .addColumn('reason_code_id', 'integer', (c) => c.references('reason_codes.id'))
      /** 'approve' | 'recount' */
      .addColumn('decision', 'text', col.required)
      .addColumn('decided_by', 'text', col.required)
      .addColumn('decided_at', 'text', col.required),
  );
  await db.schema
    .createIndex('inventory_decisions_key_uq')
    .unique()
    .on('inventory_decisions')
    .columns(['inventory_id', 'warehouse_id', 'item_id', 'variant', 'lot', 'serial', 'location', 'job_order', 'account'])
    .execute();
  /** 0: a first count; n: the n-th recount round of the inventory (a blind list for another employee) */
  await db.schema.alterTable('inventory_lists').addColumn('recount_round', 'integer', col.flag).execute();
  /** 0: a key pre-filled by a recount list and not counted yet (ignored by the differences until counted) */
  await db.schema.alterTable('inventory_lines').addColumn('counted', 'integer', col.flagOn).execute();
  /** freeze option: records moving a key of a counted warehouse are refused while the count runs */
  await db.schema.alterTable('inventories').addColumn('freeze', 'integer', col.flag).execute();
  /** set when a posted inventory was reversed (and so reopened); the reversal records carry origin 'reversal' */
  await db.schema.alterTable('inventories').addColumn('reversed_at', 'text').execute();
  await db.schema.alterTable('inventories').addColumn('reversed_by', 'text').execute();
  /** a supervisor who may also approve inventory differences (SPEC §10); the role `approver` always may */
  await db.schema.alterTable('users').addColumn('approver', 'integer', col.flag).execute();
}
