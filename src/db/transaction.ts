/**
 * The one way a business action opens its transaction (one action = one
 * transaction), on both dialects.
 *   - SQLite: BEGIN IMMEDIATE for writes (the write lock is taken first,
 *     waiting up to busy_timeout, so a transaction never reads a state that
 *     another connection changes before it writes: no SQLITE_BUSY on a lock
 *     upgrade), a plain deferred BEGIN for reads (one consistent snapshot;
 *     bulk reads through the raw handle happen while Kysely's connection is
 *     held, so they never see another request's uncommitted work).
 *   - PostgreSQL: read committed for writes (row and advisory locks order
 *     them), repeatable read for reads (counts and ledger of one moment).
 * `bulkWrite` is a write whose references the code resolved itself inside
 * the transaction (the ledger's bulk import). SQLite checks every foreign key
 * of every inserted row with a look-up in the parent table (for a movement
 * line one in `records` and a random one in `items`: about a second per
 * million lines); the bulk path refers only to rows it resolved or inserted
 * itself in the same write transaction, and no other writer can remove them
 * before it commits, so the checks are off for it.
 */
import { sql } from 'kysely';
import type { Store } from './connection.ts';
import type { Db } from './db.ts';


export type TransactionMode = 'write' | 'read' | 'bulkWrite';

export async function inTransaction<T>(store: Store, work: (trx: Db) => Promise<T>, mode: TransactionMode = 'write'): Promise<T> {
  if (store.dialect !== 'sqlite') return (mode === 'read' ? store.db.transaction().setIsolationLevel('repeatable read') : store.db.transaction()).execute(work);
  return store.db.connection().execute(async (conn) => {
    // the pragma is a no-op inside a transaction: off before it begins, on again whatever happens
    const bulk = mode === 'bulkWrite';
    if (bulk) await sql`pragma foreign_keys = off`.execute(conn);
    try {
      await sql.raw(mode === 'read' ? 'begin' : 'begin immediate').execute(conn);
      try {
        const result = await work(conn);
        await sql.raw('commit').execute(conn);
        return result;
      } catch (error) {
        await sql.raw('rollback').execute(conn);
        throw error;
      }
    } finally {
      if (bulk) await sql`pragma foreign_keys = on`.execute(conn);
    }
  });
}

/** Locks the selected rows until the transaction ends on PostgreSQL ('update': exclusive, 'share': shared); SQLite's writer lock covers it. */
export function withRowLock<Q extends { forUpdate(): Q; forShare(): Q }>(store: Store, q: Q, lock: 'update' | 'share' | 'none'): Q {
  if (store.dialect !== 'postgres' || lock === 'none') return q;
  return lock === 'update' ? q.forUpdate() : q.forShare();
}
