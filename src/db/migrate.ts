import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './connection.ts';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_inventory.ts';
import * as m0003 from './migrations/0003_valuation.ts';
import * as m0004closing from './migrations/0004_closing.ts';
import * as m0004 from './migrations/0004_ledger_stock_index.ts';
import * as m0005auth from './migrations/0005_auth_security.ts';
import * as m0007 from './migrations/0007_cost_method_ids.ts';
import * as m0008 from './migrations/0008_units_of_measure.ts';
import * as m0011 from './migrations/0011_records_mirror_of_index.ts';
import * as m0012 from './migrations/0012_count_control.ts';
import * as m0013 from './migrations/0013_count_accuracy.ts';
import * as m0015 from './migrations/0015_cycle_count_indexes.ts';
import * as m0016 from './migrations/0016_accounting_master.ts';
import * as m0017 from './migrations/0017_journal.ts';
import * as m0019 from './migrations/0019_stock_key_index.ts';
import * as m0020 from './migrations/0020_yearly_commission.ts';
import * as m0021 from './migrations/0021_compensation.ts';
import * as m0022 from './migrations/0022_movement_partitions.ts';
import * as m0023 from './migrations/0023_master_data_version.ts';

/** Migrations in order; each module exports up(db). Names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_inventory': m0002,
  '0003_valuation': m0003,
  '0004_closing': m0004closing,
  '0004_ledger_stock_index': m0004,
  '0005_auth_security': m0005auth,
  '0007_cost_method_ids': m0007,
  '0008_units_of_measure': m0008,
  '0011_records_mirror_of_index': m0011,
  '0012_count_control': m0012,
  '0013_count_accuracy': m0013,
  '0015_cycle_count_indexes': m0015,
  '0016_accounting_master': m0016,
  '0017_journal': m0017,
  '0019_stock_key_index': m0019,
  '0020_yearly_commission': m0020,
  '0021_compensation': m0021,
  '0022_movement_partitions': m0022,
  '0023_master_data_version': m0023,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(store: Store): Promise<string[]> {
  // a store named into a schema of its own (`?schema=`, INVENTAR_PG_SCHEMA) starts there, even on a new database
  if (store.dialect === 'postgres' && store.schema) await sql`create schema if not exists ${sql.id(store.schema)}`.execute(store.db);
  // the migration tables live in the store's own schema, never found in another one
  // branches merged in any order may land a lower-numbered migration after a higher one already ran on a
  // database (0013 after 0015): each runs once, whatever the order; migrations never depend on a later number
  const migrator = new Migrator({ db: store.db, provider, allowUnorderedMigrations: true, ...(store.schema ? { migrationTableSchema: store.schema } : {}) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    // Kysely looks for its migration table by listing the tables of every schema; a schema dropped by
    // another connection during that catalogue read fails it (3F000 naming that other schema): read again
    if (attempt < 5 && droppedMeanwhile(error, store.schema)) continue;
    throw error;
  }
}

function droppedMeanwhile(error: unknown, own: string | undefined): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === '3F000' && typeof e.message === 'string' && !(own && e.message.includes(`"${own}"`));
}
