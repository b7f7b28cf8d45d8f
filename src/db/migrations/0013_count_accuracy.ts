import type { Kysely } from 'kysely';
import { col } from './helpers.ts';

/**
 * Count control, second part (SPEC §11, issue 16):
 * - `inventory_decisions.count_round`: the recount round of the key's count a
 *   decision was made on; a later recount of the key makes the decision stale
 *   (a "send to recount" is then done, an "approve" no longer applies).
 * - `inventory_accuracy`: the accuracy figures of an inventory per warehouse,
 *   stored when its differences are posted, so the accuracy of past
 *   inventories never depends on today's ledger.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('inventory_decisions').addColumn('count_round', 'integer', col.flag).execute();
  await db.schema
    .createTable('inventory_accuracy')
    .addColumn('inventory_id', 'integer', (c) => c.notNull().references('inventories.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    /** keys counted (uncounted keys zeroed by the option are not counts) */
    .addColumn('keys', 'integer', col.flag)
    .addColumn('keys_without_difference', 'integer', col.flag)
    /** Σ round(|book| × unit cost, 2) of the counted keys */
    .addColumn('book_value', 'bigint', col.scaled)
    /** Σ |value of the difference| of the counted keys */
    .addColumn('difference_value', 'bigint', col.scaled)
    .addPrimaryKeyConstraint('inventory_accuracy_pk', ['inventory_id', 'warehouse_id'])
    .execute();
}
