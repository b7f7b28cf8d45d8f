import type { Kysely } from 'kysely';
import { col } from './helpers.ts';

/**
 * Accounting on master data (SPEC §9, §13; issue 17):
 * - `items.stock_account`: the item's stock account (371, 301, 345, 371.01 …),
 *   always the effective one: the default of the item type is written when an
 *   item is saved without one;
 * - `items.nc_code`: the 8-digit combined nomenclature code SAF-T D406 needs;
 * - `templates.debit_account` / `credit_account`: free text of up to 20
 *   characters, `STOCK` standing for the line item's stock account; a template
 *   without accounts produces no journal entries;
 * - `templates.saft_movement_type`: the SAF-T movement type code of its lines.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('items').addColumn('stock_account', 'varchar(20)', col.text).execute();
  await db.schema.alterTable('items').addColumn('nc_code', 'varchar(8)', col.text).execute();
  await db.schema.alterTable('templates').addColumn('debit_account', 'varchar(20)', col.text).execute();
  await db.schema.alterTable('templates').addColumn('credit_account', 'varchar(20)', col.text).execute();
  await db.schema.alterTable('templates').addColumn('saft_movement_type', 'varchar(9)', col.text).execute();
}
