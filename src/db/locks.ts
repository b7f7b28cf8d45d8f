/**
 * The PostgreSQL advisory locks that serialise writers (transaction-scoped:
 * released at commit or rollback). SQLite has one writer at a time, so every
 * function here is a no-op on it. The keys:
 *   - (7301, warehouse id): postings of a warehouse (numbers, stock checks);
 *   - (7302, 0): closings and restores of a closing;
 *   - (7302, year): the numbering of a year's inventories.
 * Locks are always taken in this order (the ledger lock before warehouses,
 * warehouses by ascending id), so two writers never wait on each other in a
 * cycle.
 */
import { sql } from 'kysely';
import type { Store } from './connection.ts';
import type { Db } from './db.ts';


const POSTING = 7301;
const LEDGER = 7302;

/** Serialises postings per warehouse. */
export async function lockWarehouses(store: Store, trx: Db, warehouseIds: Iterable<number>): Promise<void> {
  if (store.dialect !== 'postgres') return;
  for (const id of [...new Set(warehouseIds)].sort((a, b) => a - b)) await sql`select pg_advisory_xact_lock(${POSTING}, ${id})`.execute(trx);
}

/**
 * Keeps the whole ledger still until the transaction ends: the closing lock
 * and every warehouse's posting lock, so no record is posted, edited or
 * closed meanwhile (closings, restores, re-valuations).
 */
export async function lockLedger(store: Store, trx: Db): Promise<void> {
  if (store.dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${LEDGER}, 0)`.execute(trx);
  const warehouses = await trx.selectFrom('warehouses').select('id').orderBy('id').execute();
  await lockWarehouses(store, trx, warehouses.map((w) => w.id));
}

/** Serialises the numbering of a year's inventories. */
export async function lockInventoryNumbers(store: Store, trx: Db, year: number): Promise<void> {
  if (store.dialect !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(${LEDGER}, ${year})`.execute(trx);
}
