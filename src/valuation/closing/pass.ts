/**
 * The closing pass: ONE ordered read of the movements after the previous
 * closing up to the closing date C, one item at a time (ledger-reader.ts
 * `streamItems`, order: item, date, record number, record id, line number),
 * each item's rows fed to its pure closing (item-closing.ts). Per batch of
 * items this loop reads the previous closing's history ('close' mode), and
 * after it hands the batch's history rows to `onBatch` and carries over the
 * scopes the previous closing kept for items that did not move. Memory is one
 * item plus the opening lines (one per closing key) and one batch of history
 * rows.
 *
 * Speed (10M lines): the read is valuation's raw hot path (`readLedgerRaw`,
 * one range read per item, rows as arrays) asking only for the dimensions
 * some warehouse closes by, so without closing dimensions the read is
 * covered by an index.
 */
import type { Store } from '../../db/connection.ts';
import type { HistoryRow, YearRow } from '../../db/closing-history-writes.ts';
export type { HistoryRow, YearRow };
import type { Db } from '../../db/db.ts';
import { streamItems, transferTemplateIds } from '../ledger-reader.ts';
import { COLLAPSIBLE_DIMENSIONS } from './collapse.ts';
import { loadHistory, type LoadedHistory } from './history-source.ts';
import { itemClosing, type ClosingOptions, type ClosingSink, type PassItem, type PassResult } from './item-closing.ts';

export { COLLAPSIBLE_DIMENSIONS, type CollapsibleDimension } from './collapse.ts';
export {
  NEGATIVE_CAP,
  type ClosingDims,
  type DroppedDimension,
  type DroppedKey,
  type KeyDims,
  type NegativeKey,
  type OpeningLine,
  type OpeningMethod,
  type PassItem,
  type PassResult,
  type PassWarehouse,
} from './item-closing.ts';

export interface PassOptions extends ClosingOptions {
  store: Store;
  /** the transaction (or handle) history is read with */
  db: Db;
  /** the previous closing ('' = none): movements after it are read */
  after: string;
  /** every item, ascending by id */
  items: readonly PassItem[];
  /** items per batch (one ledger read and one history read per batch) */
  batchSize?: number;
  /** 'close': the batch's history rows, to be written before the next batch is read */
  onBatch?: (history: HistoryRow[], years: YearRow[]) => Promise<void>;
  onProgress?: (itemsDone: number, rowsRead: number) => void;
}

export async function closingPass(o: PassOptions): Promise<PassResult> {
  const costing = o.mode === 'close';
  const closing = itemClosing(o);
  const sink: ClosingSink = {
    result: {
      rowsRead: 0,
      keys: 0,
      negatives: [],
      negativeCount: 0,
      stockWarehouses: new Set(),
      lotsSummed: new Set(),
      dropped: [],
      missingLot: 0,
      loadsWithoutCost: 0,
      opening: new Map(),
      historyRows: 0,
      yearRows: 0,
    },
    droppedBy: new Map(),
    history: [],
    years: [],
  };
  const result = sink.result;
  let itemsDone = 0;
  let history: LoadedHistory | undefined;
  await streamItems(o.store, {
    items: o.items,
    batchSize: o.batchSize ?? 250,
    // costs per item: a transfer's load follows its unload (ledger-reader.ts transfersInOrder)
    read: { after: o.after, date: o.closingDate, lots: true, dims: closing.dims, transfers: o.perWarehouse ? undefined : await transferTemplateIds(o.db) },
    batch: async (batch) => {
      history = costing ? await loadHistory(o.db, { closingDate: o.after, itemIds: batch.map((b) => b.id), perWarehouse: o.perWarehouse }) : undefined;
      return (it) => closing.item(it, history, sink);
    },
    afterBatch: async (batch, seen, start) => {
      if (costing) {
        // scopes kept by the previous closing whose items did not move in the period
        for (const it of batch) {
          if (seen.has(it.id) || (history?.scopes(it.id).length ?? 0) === 0) continue;
          start(it).end();
        }
        result.historyRows += sink.history.length;
        result.yearRows += sink.years.length;
        if (o.onBatch && (sink.history.length || sink.years.length)) await o.onBatch(sink.history, sink.years);
        sink.history = [];
        sink.years = [];
      }
      itemsDone += batch.length;
      o.onProgress?.(itemsDone, result.rowsRead);
    },
  });
  result.dropped = [...sink.droppedBy.values()].sort((a, b) => a.warehouseId - b.warehouseId || COLLAPSIBLE_DIMENSIONS.indexOf(a.dimension) - COLLAPSIBLE_DIMENSIONS.indexOf(b.dimension));
  return result;
}
