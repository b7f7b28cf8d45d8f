/**
 * The stock-difference preview reused by the posting (issue 20): posting
 * 100,000 counted keys recomputes the same differences the preview just
 * showed (book stock and proposed costs read from the whole ledger). The
 * posting may take the preview's result instead, only when it is provably
 * what it would compute now:
 *
 * - same store connection, same inventory, same query (every field of it but
 *   the posting date, compared as canonical JSON, so a field added later
 *   takes part without change here);
 * - the same change stamp (src/db/change-stamp.ts): read as the first
 *   statement of the preview's read transaction and as the first statement
 *   of the posting's write transaction (under SQLite's write lock, before
 *   the posting closes the inventory). Equal stamps: not one row of any
 *   table was written in between by anyone (records, counts, lists,
 *   closings, items and their costs, parameters...), so the computation,
 *   a function of the database and the query only, gives the same result.
 *
 * One entry per connection (the latest preview), taken by the posting that
 * uses it. PostgreSQL has no stamp: it always recomputes.
 */
import type { Store } from '../db/connection.ts';
import type { ChangeStamp } from '../db/change-stamp.ts';

interface Entry<T> {
  inventoryId: number;
  query: string;
  stamp: ChangeStamp;
  value: T;
}

/** by the store's query builder: one per connection (PostgreSQL never stores: it has no stamp) */
const entries = new WeakMap<object, Entry<unknown>>();

/** How often the posting reused a preview / recomputed (for tests and the bench). */
export const differenceCacheStats = { reused: 0, recomputed: 0 };

/**
 * The query as compute resolves it (SPEC §5 defaults: processing date = the
 * inventory's date, stock date = the processing date, zeroUncounted only
 * when true, zero scope 'warehouse'), as canonical JSON: keys sorted; any
 * other field (one added later) taken as given; the posting date left out.
 * Keep in step with the defaults in stock-differences.ts#compute.
 */
function canonical(inventoryDate: string, query: object): string {
  const q = query as Record<string, unknown>;
  const processingDate = q.processingDate ?? inventoryDate;
  const resolved: Record<string, unknown> = { ...q, processingDate, stockDate: q.stockDate ?? processingDate, zeroUncounted: q.zeroUncounted === true, zeroScope: q.zeroScope ?? 'warehouse' };
  const fields = Object.entries(resolved)
    .filter(([k, v]) => k !== 'postingDate' && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(fields);
}

/** Keeps the preview's result, computed in a transaction whose first statement read `stamp`. */
export function rememberDifferences<T>(store: Store, inv: { id: number; date: string }, query: object, stamp: ChangeStamp | undefined, value: T): void {
  if (stamp === undefined) return;
  entries.set(store.db, { inventoryId: inv.id, query: canonical(inv.date, query), stamp, value });
}

/**
 * The remembered result when nothing changed since it was computed (`stamp`
 * read first in the caller's write transaction); the entry is dropped either way.
 */
export function takeDifferences<T>(store: Store, inv: { id: number; date: string }, query: object, stamp: ChangeStamp | undefined): T | undefined {
  const e = entries.get(store.db);
  entries.delete(store.db);
  if (e && stamp !== undefined && e.stamp === stamp && e.inventoryId === inv.id && e.query === canonical(inv.date, query)) {
    differenceCacheStats.reused++;
    return e.value as T;
  }
  differenceCacheStats.recomputed++;
  return undefined;
}
