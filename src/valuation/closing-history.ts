/**
 * The seam between valuation and the warehouse closing (SPEC §7, issue 5).
 *
 * A closing at date C stores, per cost scope (item, or item + warehouse with
 * value-per-warehouse), what the cost methods need to continue after C as if
 * they had walked the full history: a `ClosingState` (average, moving-average
 * rate, last cost, fifo layers, fifo's last consumed cost), and per item the
 * closed years (`YearHistory`) for lifo-yearly / fifo-yearly.
 *
 * Valuation reads them through a `ClosingHistorySource` that its caller
 * passes in explicitly (issue 12 point 8: no module-level source, so no code
 * path can value without closings because it did not import the closing
 * module). The services pass `storedClosingHistory`
 * (closing/history-source.ts: the `closing_history` and `closing_years`
 * tables); tests may pass their own:
 *
 *   { async load(db, { closingDate, itemIds, perWarehouse }) { ...one query per batch...; return { closingState, years } } }
 *
 * `load` is asked once per batch of items (up to a few hundred item ids,
 * ascending) before their movements are valued, so a source answers with a
 * handful of queries per batch, never one per item, and holds only the batch
 * in memory. The lookups on the returned batch are synchronous: the report
 * calls them while it streams movements.
 */
import type { Db } from '../db/db.ts';
import type { ClosingState, YearHistory } from './movement.ts';

/** Where costs are kept: per item, or per item and warehouse (value-per-warehouse). */
export interface CostScope {
  itemId: number;
  /** set when costs are kept per item and warehouse */
  warehouseId?: number;
}

export interface ClosingHistoryRequest {
  /** C: the last closing date before the valuation date ('' = none; then nothing is asked) */
  closingDate: string;
  /** the items of the batch, ascending */
  itemIds: readonly number[];
  /** whether the scopes asked will carry a warehouse (value-per-warehouse in the year of D) */
  perWarehouse: boolean;
}

/** The closing history of one batch of items. */
export interface ClosingHistoryBatch {
  /** what the closing at C left for the scope; undefined when it left nothing */
  closingState(scope: CostScope): ClosingState | undefined;
  /** the item's closed years, any order (per item: SPEC §6 keeps stock history per item) */
  years(itemId: number): readonly YearHistory[];
}

export interface ClosingHistorySource {
  load(db: Db, request: ClosingHistoryRequest): Promise<ClosingHistoryBatch>;
}

export const NO_CLOSING_HISTORY: ClosingHistoryBatch = {
  closingState: () => undefined,
  years: () => [],
};

/** A source that knows no closing history (every method falls back to the registry, SPEC §6): for pure tests. */
export const emptyClosingHistorySource: ClosingHistorySource = {
  load: async () => NO_CLOSING_HISTORY,
};

/** Loads a batch from the caller's source, skipping it entirely when there is no closing before D. */
export async function loadClosingHistory(db: Db, request: ClosingHistoryRequest, source: ClosingHistorySource): Promise<ClosingHistoryBatch> {
  if (request.closingDate === '' || request.itemIds.length === 0) return NO_CLOSING_HISTORY;
  return source.load(db, request);
}
