/**
 * The re-valuation's walk (SPEC §9, see `revaluation.ts` for the rules): the
 * plan's items in batches, each item's ledger rows fed to the method's
 * accumulator, the unloads whose cost differs handed over as changes;
 * transfers settled by walking an item again with the costs its unloads gave.
 * Nothing is written here.
 */
import {
  roundExactToMoney,
  unitCostOf,
  type Money as MoneyT,
  type Quantity as QuantityT,
  type UnitCost as UnitCostT,
} from '../core/decimal.ts';
import { fail } from '../core/errors.ts';
import type { Store } from '../db/connection.ts';
import type { Db } from '../db/db.ts';
import { loadClosingHistory, NO_CLOSING_HISTORY, type ClosingHistoryBatch, type ClosingHistorySource } from '../valuation/closing-history.ts';
import { storedClosingHistory } from '../valuation/closing/history-source.ts';
import { openValuation, type ValuationStream } from '../valuation/index.ts';
import { costMovementOf, R_DATE, R_QUANTITY, R_TEMPLATE, rawDimsAt, readLedgerRaw, scaledOf, type CostTemplate, type RawLedgerRow } from '../valuation/ledger-reader.ts';
import { type RevaluationStats } from './revaluation-view.ts';
import type { RevaluationChange, RevaluationPlan, WalkItem } from './revaluation-plan.ts';

/** How many times one item may be walked before its transfers settle. */
export const MAX_RUNS = 8;

// --- the walk --------------------------------------------------------------

export interface WalkOptions {
  /** items per batch (closing history and ledger reads, and the writes of apply) */
  batchSize?: number;
  closingSource?: ClosingHistorySource;
}

/** The extra columns the walk reads after the trimmed cost columns. */
function extraColumns(transferTemplateIds: readonly number[]): string[] {
  const partner =
    transferTemplateIds.length === 0
      ? 'null'
      : `case when template_id in (${transferTemplateIds.map((id) => Number(id)).join(', ')}) then coalesce(` +
        '(select r.mirror_of from records r where r.id = movements.record_id), ' +
        '(select min(r.id) from records r where r.mirror_of = movements.record_id)) end';
  return ['id', 'record_id', 'line_no', 'unit_cost', 'amount', partner];
}

interface TransferLoad {
  key: string;
  change: RevaluationChange;
  fed: UnitCostT;
  /** moving-average: the amount counted in its scope's book value, and the book */
  booked?: { amount: MoneyT; book: ScopeBook };
}

/**
 * moving-average: a cost scope's book value (Σ signed amounts of its counted
 * lines as they will be after the re-valuation) and its last re-valued unload
 * that is not a transfer, which absorbs the rounding residual (see `absorbResiduals`).
 */
interface ScopeBook {
  value: bigint;
  last: { change: RevaluationChange; listed: boolean } | undefined;
}

interface ItemWalk {
  item: WalkItem;
  /** transfer load (record:line) → the cost and amount its unload gave it */
  known: Map<string, { unitCost: UnitCostT; amount: MoneyT }>;
  streams: Map<number, ValuationStream>;
  /** moving-average only: per cost scope */
  books: Map<number, ScopeBook>;
  changes: RevaluationChange[];
  loads: TransferLoad[];
}

const ITEM_SCOPE = 0;

/**
 * Walks the plan's items and hands the changes over one item batch at a time
 * (`onChanges`, awaited: apply writes them, a CSV export streams them).
 * Changes of an item come in ledger order of its unloads, its transfer
 * loads after them; items walked again come after the rest of their batch.
 */
export async function revaluationWalk(
  store: Store,
  db: Db,
  plan: RevaluationPlan,
  onChanges: (changes: RevaluationChange[]) => Promise<void>,
  options: WalkOptions = {},
): Promise<RevaluationStats> {
  const batchSize = options.batchSize ?? 500;
  const source = options.closingSource ?? storedClosingHistory;
  const { from, method } = plan;
  const filterWarehouse = plan.warehouse?.id;
  const templateById: (CostTemplate | undefined)[] = [];
  for (const t of plan.templates.values()) templateById[t.id] = t;
  const extra = extraColumns(plan.transferTemplateIds);
  // costs per item: a transfer's load follows its unload (ledger-reader.ts transfersInOrder), so its new cost is known when it is fed
  const transfers = plan.perWarehouse ? undefined : plan.transferTemplateIds;
  const at = rawDimsAt(false);
  const X_ID = at;
  const X_RECORD = at + 1;
  const X_LINE = at + 2;
  const X_COST = at + 3;
  const X_AMOUNT = at + 4;
  const X_PARTNER = at + 5;
  const stats: RevaluationStats = { rowsRead: 0, items: 0, itemsRewalked: 0 };

  let closing: ClosingHistoryBatch = NO_CLOSING_HISTORY;
  let walk: ItemWalk | undefined;

  const streamOf = (w: ItemWalk, warehouseId: number): ValuationStream => {
    const key = plan.perWarehouse ? warehouseId : ITEM_SCOPE;
    let s = w.streams.get(key);
    if (!s) {
      const scope = plan.perWarehouse ? { itemId: w.item.id, warehouseId } : { itemId: w.item.id };
      s = openValuation(method, { date: plan.to, registry: w.item.registry, closing: closing.closingState(scope), years: [] });
      w.streams.set(key, s);
    }
    return s;
  };

  const keepBooks = method === 'moving-average' && (filterWarehouse === undefined || plan.perWarehouse);
  const bookOf = (w: ItemWalk, warehouseId: number): ScopeBook => {
    const key = plan.perWarehouse ? warehouseId : ITEM_SCOPE;
    let b = w.books.get(key);
    if (!b) w.books.set(key, (b = { value: 0n, last: undefined }));
    return b;
  };

  const onRow = (w: ItemWalk, r: RawLedgerRow) => {
    const template = templateById[Number(r[R_TEMPLATE])];
    if (!template) throw new Error(`movement on unknown template ${String(r[R_TEMPLATE])}`);
    const warehouseId = template.warehouseId;
    const date = r[R_DATE] as string;
    const quantity = r[R_QUANTITY] as bigint;
    const storedCost = scaledOf(r[X_COST]) as UnitCostT;
    const storedAmount = scaledOf(r[X_AMOUNT]) as MoneyT;
    const partner = r[X_PARTNER] === null || r[X_PARTNER] === undefined ? 0 : Number(r[X_PARTNER]);
    const inRange = date >= from;
    let cost = storedCost;
    let load: TransferLoad | undefined;
    if (quantity > 0n && partner !== 0 && inRange) {
      const key = `${Number(r[X_RECORD])}:${Number(r[X_LINE])}`;
      const known = w.known.get(key);
      if (known) cost = known.unitCost;
      load = { key, fed: cost, change: changeOf(w, r, warehouseId, date, quantity, storedCost, storedAmount, true) };
      w.loads.push(load);
    }
    const stream = streamOf(w, warehouseId);
    stream.push(costMovementOf(template, { code: w.item.code, fiscal: true }, plan.warehouseCodes.get(warehouseId) ?? '', date, quantity, cost, storedAmount, ''));
    // the scope's book value counts the lines the valuation counts (fiscal templates), each at its amount after the re-valuation
    const book = keepBooks && template.fiscal ? bookOf(w, warehouseId) : undefined;
    if (quantity >= 0n || !inRange || (filterWarehouse !== undefined && warehouseId !== filterWarehouse)) {
      if (!book) return;
      const amount = load ? (w.known.get(load.key)?.amount ?? storedAmount) : storedAmount;
      if (load) load.booked = { amount, book };
      book.value += amount;
      return;
    }
    const issued = stream.issued();
    if (issued === undefined) return; // not counted (non-fiscal template)
    const newUnitCost = unitCostOf(issued, -quantity);
    const newAmount = -roundExactToMoney(issued) as MoneyT;
    if (partner !== 0) w.known.set(`${partner}:${Number(r[X_LINE])}`, { unitCost: newUnitCost, amount: -newAmount as MoneyT });
    const changed = newUnitCost !== storedCost || newAmount !== storedAmount;
    if (changed || (book && partner === 0)) {
      const c = changeOf(w, r, warehouseId, date, quantity, storedCost, storedAmount, false);
      c.newUnitCost = newUnitCost;
      c.newAmount = newAmount;
      if (changed) w.changes.push(c);
      if (book && partner === 0) book.last = { change: c, listed: changed };
    }
    if (book) book.value += newAmount;
  };

  /**
   * moving-average (lead's decision on issue 17 point 3): the stock account's
   * journal moves by the lines' amounts — loads at their amounts, each unload
   * at round(qty × rate, 2) — while the valued inventory is round(Q × rate, 2)
   * (SPEC §6), so a cent or so of rounding can stay between them at the
   * range's end. The LAST re-valued unload of each cost scope that is not a
   * transfer takes it up, like a price-difference posting: its amount becomes
   * its computed amount + (book value of the scope − round(Q_end × rate_end, 2)),
   * its unit cost stays the rate. Then the reconciliation at `to` is 0.00 for
   * every scope (as long as every counted line's template posts to the stock
   * account). A scope without such an unload in the range keeps its residual.
   * With a warehouse filter and costs kept per item, the re-valuation covers
   * only part of the scope: nothing is absorbed (the other warehouses' unloads,
   * not re-valued, would hand their whole difference to this warehouse).
   */
  const absorbResiduals = (w: ItemWalk, out: RevaluationChange[]) => {
    for (const [key, book] of w.books) {
      const stream = w.streams.get(key);
      if (!book.last || !stream) continue;
      const residual = book.value - stream.result().value;
      if (residual === 0n) continue;
      const { change: c, listed } = book.last;
      c.newAmount = (c.newAmount - residual) as MoneyT;
      const changed = c.newUnitCost !== c.oldUnitCost || c.newAmount !== c.oldAmount;
      if (changed && !listed) out.push(c);
      else if (!changed && listed) out.splice(out.indexOf(c), 1);
    }
  };

  const changeOf = (w: ItemWalk, r: RawLedgerRow, warehouseId: number, date: string, quantity: bigint, cost: UnitCostT, amount: MoneyT, transferLoad: boolean): RevaluationChange => ({
    movementId: Number(r[X_ID]),
    recordId: Number(r[X_RECORD]),
    lineNo: Number(r[X_LINE]),
    date,
    item: w.item.code,
    warehouse: plan.warehouseCodes.get(warehouseId) ?? '',
    quantity: quantity as QuantityT,
    oldUnitCost: cost,
    newUnitCost: cost,
    oldAmount: amount,
    newAmount: amount,
    transferLoad,
  });

  /** Ends an item's walk: its changes when its transfers are settled, else undefined (walk it again). */
  const settle = (w: ItemWalk): RevaluationChange[] | undefined => {
    let settled = true;
    const out = w.changes;
    for (const l of w.loads) {
      const known = w.known.get(l.key);
      if (!known) continue; // its unload is not re-valued: the load keeps its cost
      if (known.unitCost !== l.fed) settled = false;
      // a load read before its unload was booked at its stored amount: book the amount it gets
      if (l.booked) l.booked.book.value += known.amount - l.booked.amount;
      const c = l.change;
      if (known.unitCost !== c.oldUnitCost || known.amount !== c.oldAmount) {
        c.newUnitCost = known.unitCost;
        c.newAmount = known.amount;
        out.push(c);
      }
    }
    if (!settled) return undefined;
    if (keepBooks) absorbResiduals(w, out);
    return out;
  };

  const start = (item: WalkItem, known = new Map<string, { unitCost: UnitCostT; amount: MoneyT }>()): ItemWalk => ({
    item,
    known,
    streams: new Map(),
    books: new Map(),
    changes: [],
    loads: [],
  });

  for (let i = 0; i < plan.items.length; i += batchSize) {
    const batch = plan.items.slice(i, i + batchSize);
    const byId = new Map(batch.map((b) => [b.id, b]));
    closing = await loadClosingHistory(db, { closingDate: plan.after, itemIds: batch.map((b) => b.id), perWarehouse: plan.perWarehouse }, source);
    const out: RevaluationChange[] = [];
    let again = new Map<number, ItemWalk>();
    const finish = (w: ItemWalk, run: number) => {
      const changes = settle(w);
      if (changes) {
        for (const c of changes) out.push(c);
        return;
      }
      if (run >= MAX_RUNS) fail('INV_ERR_REVALUATION_UNSETTLED', { item: w.item.code, runs: MAX_RUNS });
      again.set(w.item.id, w);
    };
    const read = async (ids: number[], walks: (id: number) => ItemWalk, run: number) => {
      walk = undefined;
      await readLedgerRaw(store, { after: plan.after, date: plan.to, itemIds: ids, extra, transfers }, (itemId, rows) => {
        if (walk?.item.id !== itemId) {
          if (walk) finish(walk, run);
          walk = walks(itemId);
          stats.items += run === 1 ? 1 : 0;
        }
        stats.rowsRead += rows.length;
        for (const row of rows) onRow(walk, row);
      });
      if (walk) finish(walk, run);
      walk = undefined;
    };
    await read(
      batch.map((b) => b.id),
      (id) => start(byId.get(id)!),
      1,
    );
    for (let run = 2; again.size > 0; run++) {
      const pending = again;
      again = new Map();
      stats.itemsRewalked += pending.size;
      await read(
        [...pending.keys()].sort((a, b) => a - b),
        (id) => start(pending.get(id)!.item, pending.get(id)!.known),
        run,
      );
    }
    if (out.length) await onChanges(out);
  }
  return stats;
}

