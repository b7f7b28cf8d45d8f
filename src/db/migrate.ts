import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './connection.ts';
import * as m0001 from './migrations/0001_foundation.ts';

/** Migrations in order; each module exports up(db). Names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
