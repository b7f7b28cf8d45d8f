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
 */
import { sql } from 'kysely';
import type { Store } from './connection.ts';
import type { Db } from './db.ts';


export type TransactionMode = 'write' | 'read';

export async function inTransaction<T>(store: Store, work: (trx: Db) => Promise<T>, mode: TransactionMode = 'write'): Promise<T> {
  if (store.dialect !== 'sqlite') return (mode === 'read' ? store.db.transaction().setIsolationLevel('repeatable read') : store.db.transaction()).execute(work);
  return store.db.connection().execute(async (conn) => {
    await sql.raw(mode === 'write' ? 'begin immediate' : 'begin').execute(conn);
    try {
      const result = await work(conn);
      await sql.raw('commit').execute(conn);
      return result;
    } catch (error) {
      await sql.raw('rollback').execute(conn);
      throw error;
    }
  });
}

/** Locks the selected rows until the transaction ends on PostgreSQL ('update': exclusive, 'share': shared); SQLite's writer lock covers it. */
export function withRowLock<Q extends { forUpdate(): Q; forShare(): Q }>(store: Store, q: Q, lock: 'update' | 'share' | 'none'): Q {
  if (store.dialect !== 'postgres' || lock === 'none') return q;
  return lock === 'update' ? q.forUpdate() : q.forShare();
}
