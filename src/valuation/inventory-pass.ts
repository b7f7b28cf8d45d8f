/**
 * The valuation pass behind the valued quantity inventory (SPEC §6, §8):
 * one ordered read of the movements after the last closing C up to the
 * valuation date D, one item at a time (ledger-reader.ts `streamItems`), each
 * item's rows fed to its pure valuing (item-valuation.ts), which emits the
 * item's lines at its end. Per batch of items this loop reads what the valuing
 * is handed: the closing history (from the caller's source) and, for the
 * method history, the warehouse history snapshots. Memory is one item's
 * methods and lines (plus the item master list), never the ledger.
 */
import type { Store } from '../db/connection.ts';
import { loadClosingHistory, type ClosingHistorySource } from './closing-history.ts';
import { itemValuing, type PassItem, type PassLine, type ValuingOptions } from './item-valuation.ts';
import { streamItems, transferTemplateIds } from './ledger-reader.ts';
import { historyCosts } from './warehouse-history.ts';

export type { PassItem, PassLine, PassWarehouse } from './item-valuation.ts';

export interface PassOptions extends ValuingOptions {
  /** C: the last closing date before D, '' when none */
  after: string;
  /** the items to value, ascending by id */
  items: readonly PassItem[];
  /** method history: the snapshot date to read (default D) */
  historyDate?: string;
  /** items per batch (closing history and ledger reads are batched) */
  batchSize?: number;
  /** awaited between batches (background valuations: a turn of the event loop, so requests are served meanwhile) */
  pause?: () => Promise<void>;
  /** where the closing state and closed years come from (the caller's: storedClosingHistory in the services) */
  closingSource: ClosingHistorySource;
}

export async function valuationPass(store: Store, o: PassOptions, emit: (line: PassLine) => void): Promise<void> {
  const db = store.db;
  const valuing = itemValuing(o);
  // costs per item: a transfer's load follows its unload (ledger-reader.ts transfersInOrder)
  const transfers = o.perWarehouse || valuing.sqlWarehouse !== undefined ? undefined : await transferTemplateIds(db);
  let first = true;
  await streamItems(store, {
    items: o.items,
    batchSize: o.batchSize ?? 500,
    read: { after: o.after, date: o.date, warehouseId: valuing.sqlWarehouse, lots: valuing.needsLot, dims: o.detail, transfers },
    batch: async (batch) => {
      if (!first && o.pause) await o.pause();
      first = false;
      const ids = batch.map((b) => b.id);
      const closing = await loadClosingHistory(db, { closingDate: o.after, itemIds: ids, perWarehouse: o.perWarehouse }, o.closingSource);
      const history = o.method === 'history' ? await historyCosts(db, o.historyDate ?? o.date, ids) : undefined;
      return (it) => valuing.item(it, { closing, history }, emit);
    },
  });
}
