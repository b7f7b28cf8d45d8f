/**
 * The PostgreSQL advisory locks that serialise writers (transaction-scoped:
 * released at commit or rollback). SQLite has one writer at a time, so every
 * function here is a no-op on it. The keys:
 *   - (7301, warehouse id): postings of a warehouse (numbers, stock checks);
 *   - (7302, 0): closings and restores of a closing;
 *   - (7302, year): the numbering of a year's inventories.
 * Advisory locks belong to the whole database, not to a schema: with a
 * schema (several stores in one database, as the tests run), the class key is
 * mixed with the schema's name, so stores in different schemas never wait on
 * each other (a collision only serialises them).
 * Locks are always taken in this order (the ledger lock before warehouses,
 * warehouses by ascending id), so two writers never wait on each other in a
 * cycle.
 */
import { sql } from 'kysely';
import type { Store } from './connection.ts';
import type { Db } from './db.ts';


const POSTING = 7301;
const LEDGER = 7302;

/** The lock's class key for the store's schema: the class itself without one, else FNV-1a of the schema name plus the class (int4). */
function classKey(store: Store, cls: number): number {
  if (!store.schema) return cls;
  let h = 0x811c9dc5;
  for (const ch of store.schema) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h + cls) | 0;
}

/** Serialises postings per warehouse. */
export async function lockWarehouses(store: Store, trx: Db, warehouseIds: Iterable<number>): Promise<void> {
  if (store.dialect !== 'postgres') return;
  for (const id of [...new Set(warehouseIds)].sort((a, b) => a - b)) await sql`select pg_advisory_xact_lock(${classKey(store, POSTING)}, ${id})`.execute(trx);
}

/**
 * Keeps the whole ledger still until the transaction ends: the closing lock
 * and every warehouse's posting lock, so no record is posted, edited or
 * closed meanwhile (closings, restores, re-valuations).
 */
export async function lockLedger(store: Store, trx: Db): Promise<void> {
  if (store.dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${classKey(store, LEDGER)}, 0)`.execute(trx);
  const warehouses = await trx.selectFrom('warehouses').select('id').orderBy('id').execute();
  await lockWarehouses(store, trx, warehouses.map((w) => w.id));
}

/** Serialises the numbering of a year's inventories. */
export async function lockInventoryNumbers(store: Store, trx: Db, year: number): Promise<void> {
  if (store.dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${classKey(store, LEDGER)}, ${year})`.execute(trx);
}
