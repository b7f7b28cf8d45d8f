import { sql, type Kysely } from 'kysely';
import { isSqlite } from './helpers.ts';

/**
 * A version of the static master data (issue 20): one row whose `version`
 * takes a new value, in the writing transaction, whenever a table the
 * requests cache changes (masterdata/shared-cache.ts). A request reads the
 * version (one statement) instead of the warehouse, template, item, unit,
 * location, list type, year parameter and closing rows it would otherwise
 * read every time.
 *
 * The new value is never one seen before (SQLite `random()`, 64 bits;
 * PostgreSQL a sequence): a rolled-back change leaves the committed version
 * unlike anything a cache filled inside that transaction was labelled with.
 * Items count only by the columns a request reads: the cost columns a
 * posting copies into the registry (update-item-cost) change nothing here.
 */
export const VERSIONED_TABLES: readonly { table: string; columns?: readonly string[] }[] = [
  { table: 'warehouses' },
  { table: 'locations' },
  { table: 'items', columns: ['code', 'description', 'uom', 'lot_managed', 'serial_managed'] },
  { table: 'item_variants' },
  { table: 'item_units' },
  { table: 'item_barcodes' },
  { table: 'units' },
  { table: 'templates' },
  { table: 'list_types' },
  { table: 'year_params' },
  { table: 'closings' },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('master_data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('master_data_version').values({ id: 1, version: 0 }).execute();
  if (isSqlite(db)) {
    for (const { table, columns } of VERSIONED_TABLES) {
      for (const event of ['insert', 'update', 'delete']) {
        const on = event === 'update' && columns ? `update of ${columns.join(', ')}` : event;
        await sql
          .raw(`create trigger ${table}_${event}_version after ${on} on ${table} begin update master_data_version set version = random(); end`)
          .execute(db);
      }
    }
    return;
  }
  await sql`create sequence master_data_version_seq`.execute(db);
  await sql
    .raw(
      `create function master_data_changed() returns trigger language plpgsql as $$
       begin update master_data_version set version = nextval('master_data_version_seq'); return null; end $$`,
    )
    .execute(db);
  for (const { table, columns } of VERSIONED_TABLES) {
    const update = columns ? `update of ${columns.join(', ')}` : 'update';
    await sql
      .raw(`create trigger ${table}_version after insert or ${update} or delete or truncate on ${table} for each statement execute function master_data_changed()`)
      .execute(db);
  }
}
