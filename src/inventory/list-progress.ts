/**
 * A list's progress on the counter's phone (issue 14 point 6): the keys
 * counted, and on a list that shows book stock, the keys with book stock in
 * its warehouse at the inventory date ("12 of 40").
 *
 * The counted keys are read from the list's own lines (its index range). The
 * keys with book stock need the warehouse's movements since the last closing,
 * which grows with the ledger: a request never computes them. They are kept
 * per list, computed in the background on a miss (one at a time per store)
 * and again when older than a minute (a record posted meanwhile shows within
 * that minute); until the first figure is there the answer says `pending`.
 */
import type { Ctx } from '../core/context.ts';
import type { Store } from '../db/connection.ts';
import { bookStock } from './book.ts';
import { inTransaction, listFor, requireRead, showsBook } from './common.ts';
import type { ListProgress } from './list-progress-view.ts';

export type { ListProgress } from './list-progress-view.ts';

const FRESH_MS = 60_000;

interface Known {
  value?: number;
  at: number;
  computing: boolean;
}

interface StoreProgress {
  known: Map<string, Known>;
  queue: { key: string; warehouseId: number; date: string }[];
  running: Promise<void> | undefined;
}

const stores = new WeakMap<Store, StoreProgress>();

function stateOf(store: Store): StoreProgress {
  let s = stores.get(store);
  if (!s) {
    s = { known: new Map(), queue: [], running: undefined };
    stores.set(store, s);
  }
  return s;
}

function drain(store: Store, s: StoreProgress): void {
  if (s.running) return;
  s.running = (async () => {
    for (let job = s.queue.shift(); job; job = s.queue.shift()) {
      const { key, warehouseId, date } = job;
      try {
        const book = await inTransaction(store, (trx) => bookStock(trx, store, { warehouseIds: [warehouseId], date }), 'read');
        s.known.set(key, { value: book.size, at: Date.now(), computing: false });
      } catch {
        // a closed store or a failed read: asked again by the next request
        s.known.delete(key);
      }
      // a turn of the event loop between lists
      await new Promise((r) => setImmediate(r));
    }
  })().finally(() => {
    s.running = undefined;
    if (s.queue.length) drain(store, s);
  });
}

/** Resolves once no book figure is being computed (tests; a server that stops). */
export async function progressSettled(store: Store): Promise<void> {
  const s = stores.get(store);
  while (s?.running) await s.running;
}

/** GET /api/lists/{id}/progress */
export async function listProgress(ctx: Ctx, listId: number): Promise<ListProgress> {
  requireRead(ctx.actor);
  const db = ctx.store.db;
  const list = await listFor(ctx, db, listId);
  const [type, inv, counted] = await Promise.all([
    db.selectFrom('list_types').select('blind_count').where('id', '=', list.list_type_id).executeTakeFirstOrThrow(),
    db.selectFrom('inventories').select('date').where('id', '=', list.inventory_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('inventory_lines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('list_id', '=', listId)
      .where('counted', '=', 1)
      .executeTakeFirstOrThrow(),
  ]);
  const blind = type.blind_count === 1;
  const base = { listId, blind, counted: Number(counted.n) };
  // a blind list tells its counter nothing of the book, not even how many keys it holds
  if (blind || !showsBook(ctx.actor, blind)) return { ...base, withBook: null, pending: false };
  const s = stateOf(ctx.store);
  const key = `${listId}|${list.warehouse_id}|${inv.date}`;
  const known = s.known.get(key);
  if (!known?.computing && (!known || Date.now() - known.at > FRESH_MS)) {
    s.known.set(key, { value: known?.value, at: known?.at ?? 0, computing: true });
    s.queue.push({ key, warehouseId: list.warehouse_id, date: inv.date });
    drain(ctx.store, s);
  }
  const value = s.known.get(key)?.value;
  return { ...base, withBook: value ?? null, pending: value === undefined };
}
