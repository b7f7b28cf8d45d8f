/**
 * SQLite checks every foreign key of every inserted row with a look-up in the
 * parent table: for a movement line, one in `records` and a random one in
 * `items` (about a second per million lines). The posting engine's bulk path
 * refers only to rows it resolved or inserted itself inside the same write
 * transaction (items, warehouses and templates read from the registry, record
 * ids just given), and no other writer can remove them before it commits, so
 * there the check proves nothing the code has not already ensured.
 */
import { sql, type Kysely } from 'kysely';
import type { Store } from './connection.ts';
import type { Database } from './schema.ts';

/**
 * Runs `work` on the store's one connection (reserved, so nothing else runs
 * on it meanwhile) with foreign key checks off on SQLite, and turns them on
 * again whatever happens. The pragma is a no-op inside a transaction, so
 * `work` opens its own. PostgreSQL runs `work` unchanged.
 */
export async function withoutForeignKeyChecks<T>(store: Store, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (store.dialect !== 'sqlite') return work(store.db);
  return store.db.connection().execute(async (db) => {
    await sql`pragma foreign_keys = off`.execute(db);
    try {
      return await work(db);
    } finally {
      await sql`pragma foreign_keys = on`.execute(db);
    }
  });
}
